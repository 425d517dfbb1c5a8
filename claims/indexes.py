"""Index operations for migrations that run on both databases (PostgreSQL and SQLite)."""

from django.contrib.postgres.operations import AddIndexConcurrently, RemoveIndexConcurrently
from django.db import migrations, models


def without_nulls_order(index):
    """The index without NULLS LAST, which SQLite accepts in ORDER BY but not in an index.
    SQLite sorts NULLs as the smallest values: last in a descending index, as asked; first
    in an ascending one, where the keyset pages still order them explicitly."""
    if not index.expressions:
        return index
    expressions = [
        models.OrderBy(e.expression, descending=e.descending)
        if isinstance(e, models.OrderBy)
        else e
        for e in index.expressions
    ]
    return models.Index(*expressions, name=index.name, condition=index.condition)


def _add_plainly(operation, app_label, schema_editor, state, index):
    """CREATE INDEX without CONCURRENTLY (and without NULLS LAST), as SQLite takes it."""
    model = state.apps.get_model(app_label, operation.model_name)
    if operation.allow_migrate_model(schema_editor.connection.alias, model):
        schema_editor.add_index(model, without_nulls_order(index))


class AddIndexConcurrentlyWhereSupported(AddIndexConcurrently):
    """CREATE INDEX CONCURRENTLY on PostgreSQL (writes go on while a big table is indexed;
    the migration must not be atomic), a plain CREATE INDEX elsewhere."""

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            return super().database_forwards(app_label, schema_editor, from_state, to_state)
        _add_plainly(self, app_label, schema_editor, to_state, self.index)

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            return super().database_backwards(app_label, schema_editor, from_state, to_state)
        return migrations.AddIndex.database_backwards(
            self, app_label, schema_editor, from_state, to_state
        )


class RemoveIndexConcurrentlyWhereSupported(RemoveIndexConcurrently):
    """DROP INDEX CONCURRENTLY on PostgreSQL (no lock that stops the list's reads and
    writes meanwhile), a plain DROP INDEX elsewhere."""

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            return super().database_forwards(app_label, schema_editor, from_state, to_state)
        return migrations.RemoveIndex.database_forwards(
            self, app_label, schema_editor, from_state, to_state
        )

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            return super().database_backwards(app_label, schema_editor, from_state, to_state)
        index = to_state.models[app_label, self.model_name_lower].get_index_by_name(self.name)
        _add_plainly(self, app_label, schema_editor, to_state, index)
