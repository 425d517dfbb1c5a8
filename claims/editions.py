"""Editions: numbers that database triggers raise, in the writer's transaction, with every
write to the rows something kept in memory was read from.

A worker keeps what it read under the edition it read first, and reads the edition (one
query, by primary key; a GET reads every edition in that one query, reading_together)
before using it again: a new number means "read it again". The
raise is part of the writer's transaction (at its commit, on PostgreSQL), so what is read
after the edition is at least as new as the edition: a copy read while a write commits is
kept under the old number, which no request asks for once the write has committed.
Triggers rather than signals, so that every path that writes (the services, the admin,
imports, ``bulk_create``, ``QuerySet.update``, raw SQL) moves the edition.

Three editions: the public one, for reader pages (claims/publishing/cache.py); the
reference one, for the desk's verdict scale and assignable people (claims/reference.py);
the desk one, for the answers of the desk's and the API's lists (claims/list_memory.py).
"""

import secrets
from contextlib import contextmanager
from contextvars import ContextVar

from django.db import connection

from claims.models import DeskEdition, PublicEdition, ReferenceEdition

# Every edition's row: a new edition adds its model here (the lock order, _lock_all_sql),
# and a migration that installs every edition's triggers again.
EDITION_MODELS = (DeskEdition, PublicEdition, ReferenceEdition)


# {table: number or None}: every edition as the block's last read found them (empty until
# the first, and again after a write); None outside a reading_together block.
_read_together = ContextVar("claims_editions_read_together", default=None)


# Statements that write nothing: a query, and the planner's estimate of one without running
# it (counting.bounded: how many matching rows to read, and the estimate past its bound).
READS = ("SELECT", "EXPLAIN (FORMAT JSON) SELECT")


@contextmanager
def reading_together():
    """The editions read in one query, at the first that is asked for, and held until the
    block ends (middleware.editions_read_together: a GET or HEAD request): a desk list reads
    two (its answers', the reference data's), and each read on its own is a round trip to
    the database. What is read after the numbers is still at least as new as they are. A
    statement other than READS within the block (a write: its edition may move) makes the
    next read ask the database again."""
    held = {}

    def forget_on_write(execute, sql, params, many, context):
        if not sql.lstrip().upper().startswith(READS):
            held.clear()
        return execute(sql, params, many, context)

    token = _read_together.set(held)
    try:
        with connection.execute_wrapper(forget_on_write):
            yield
    finally:
        _read_together.reset(token)


def _read_numbers(tables):
    """{table: its edition's number, or None if its row is gone}, in one query."""
    # Names from the code (the models' tables), never from input.
    columns = ", ".join(
        f"(SELECT number FROM {table} WHERE id = {Edition.ONE})"  # noqa: S608
        for table in tables
    )
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {columns}")  # noqa: S608
        return dict(zip(tables, cursor.fetchone(), strict=True))


def every_write(table):
    """``watched`` entries for every row written to ``table``: inserted, changed, deleted."""
    return [(table, event, None) for event in ("INSERT", "UPDATE", "DELETE")]


def _lock_all_sql():
    """Lock every edition's row in one order (by table name), once per transaction (the mark
    is local to it; a savepoint rolled back releases its locks and its mark together).
    Otherwise an admin deleting a published claim with its evidence (public edition, then
    desk) beside an editor saving a published claim (desk, then public) could each hold the
    row the other waits for, and one of the two saves would fail."""
    tables = sorted(model._meta.db_table for model in EDITION_MODELS)
    locks = " ".join(
        f"PERFORM 1 FROM {table} WHERE id = {Edition.ONE} FOR UPDATE;" for table in tables
    )
    return (
        "IF current_setting('claims.editions_locked', true) IS DISTINCT FROM 'yes' THEN "
        f"{locks} PERFORM set_config('claims.editions_locked', 'yes', true); END IF;"
    )


class Edition:
    """One edition: its row (``model``, one row with id ONE), its triggers' names and SQL.

    ``watched``: (table, event, condition on the row or None) for each write that moves it;
    an event may name columns ("UPDATE OF username"), so that a write of others does not.
    """

    ONE = 1  # the row's id

    def __init__(self, name, model, watched):
        self.name = name
        self.model = model
        self.watched = watched
        self.tables = tuple(dict.fromkeys(table for table, _, _ in watched))
        self.function = f"claims_{name}_edition"

    @property
    def _table(self):
        return self.model._meta.db_table

    @property
    def _raise_sql(self):
        # Names from the code (the model's table), never from input.
        return f"UPDATE {self._table} SET number = number + 1 WHERE id = {self.ONE}"  # noqa: S608

    @property
    def _mark(self):
        # A setting of this transaction's: the statement that last raised the edition.
        return f"claims.{self.name}_edition_raised"

    def trigger_name(self, table, event):
        return f"{table}_{self.name}_{event.split()[0].lower()}"

    def number(self):
        """The edition's number, or None when nothing read now may be kept under it:

        - inside a transaction: rows read there may never have been (its own writes, rolled
          back), while the number they would be kept under can come back (SQLite rolls the
          raise back; PostgreSQL raises only at the commit). A test's own transaction is
          not one of these, as Django's durable blocks also judge;
        - when its row is gone (a test database flushed): it is put back (a write).
        """
        if not all(block._from_testcase for block in connection.atomic_blocks):
            return None
        held = _read_together.get()
        if held is not None and self.model in EDITION_MODELS:
            if not held:
                held.update(_read_numbers([model._meta.db_table for model in EDITION_MODELS]))
            number = held[self._table]
        else:
            number = _read_numbers([self._table])[self._table]
        if number is None:
            # From a random number, not 0: what a worker kept under earlier numbers must not
            # match the new row's.
            self.model.objects.get_or_create(pk=self.ONE, defaults={"number": secrets.randbits(62)})
            return None
        return number

    def raise_by_hand(self):
        """Move the edition: after a bulk load that ran with the triggers off."""
        with connection.cursor() as cursor:
            cursor.execute(self._raise_sql)

    # The triggers.

    def _drops(self):
        events = [*((t, e) for t, e, _ in self.watched), *((t, "TRUNCATE") for t in self.tables)]
        return [
            f"DROP TRIGGER IF EXISTS {self.trigger_name(table, event)} ON {table}"
            for table, event in events
        ]

    def postgresql_sql(self):
        return [
            # Once per statement: at the commit every deferred row trigger fires within the
            # one COMMIT, so a transaction writing 50,000 rows raises the edition once, not
            # 50,000 times (each raise of the one row in one transaction leaves a version
            # the next must walk past: 5,000 claims cost 0.3 s more, growing as the square).
            # Fired immediately (tests), each statement's first row raises it. The mark is
            # local to the transaction (set_config's third argument), a savepoint's too.
            f"""
            CREATE OR REPLACE FUNCTION {self.function}() RETURNS trigger AS $$
            DECLARE stamp text := statement_timestamp()::text;
            BEGIN
                IF current_setting('{self._mark}', true) IS DISTINCT FROM stamp THEN
                    {_lock_all_sql()}
                    {self._raise_sql};
                    PERFORM set_config('{self._mark}', stamp, true);
                END IF;
                RETURN NULL;
            END $$ LANGUAGE plpgsql
            """,
            *self._drops(),  # so that it can run again
            # TRUNCATE empties a table without a row trigger (PostgreSQL only; never
            # deferred).
            *(
                f"CREATE TRIGGER {self.trigger_name(table, 'TRUNCATE')} AFTER TRUNCATE ON "
                f"{table} FOR EACH STATEMENT EXECUTE FUNCTION {self.function}()"
                for table in self.tables
            ),
            # Deferred to the commit: the editions' rows are then the last locks a writer
            # takes, so two writers never wait for each other in a circle through them (an
            # admin saving an article with its claims, beside an editor correcting one).
            # A write may move several editions, in an order that depends on what it wrote
            # first: the first raise of a transaction locks every edition's row, always in
            # the same order (_lock_all_sql).
            *(
                f"CREATE CONSTRAINT TRIGGER {self.trigger_name(table, event)} AFTER {event} "
                f"ON {table} DEFERRABLE INITIALLY DEFERRED FOR EACH ROW "
                + (f"WHEN ({when}) " if when else "")
                + f"EXECUTE FUNCTION {self.function}()"
                for table, event, when in self.watched
            ),
        ]

    @property
    def postgresql_immediate(self):
        """For tests, which roll their transaction back and so never reach the commit."""
        names = ", ".join(self.trigger_name(table, event) for table, event, _ in self.watched)
        return f"SET CONSTRAINTS {names} IMMEDIATE"

    def postgresql_reverse(self):
        return [*self._drops(), f"DROP FUNCTION IF EXISTS {self.function}()"]

    def sqlite_sql(self):
        # SQLite locks the whole database for a write: no circle of waits to avoid.
        return [
            f"CREATE TRIGGER IF NOT EXISTS {self.trigger_name(table, event)} AFTER {event} "
            f"ON {table} " + (f"WHEN {when} " if when else "") + f"BEGIN {self._raise_sql}; END"
            for table, event, when in self.watched
        ]

    def sqlite_reverse(self):
        return [
            f"DROP TRIGGER IF EXISTS {self.trigger_name(table, event)}"
            for table, event, _ in self.watched
        ]

    def _run(self, schema_editor, statements):
        with schema_editor.connection.cursor() as cursor:
            for statement in statements:
                cursor.execute(statement)

    def install(self, schema_editor):
        """Create the triggers (from a migration; it can run again)."""
        vendor = schema_editor.connection.vendor
        if vendor in {"postgresql", "sqlite"}:
            self._run(schema_editor, getattr(self, f"{vendor}_sql")())

    def uninstall(self, schema_editor):
        vendor = schema_editor.connection.vendor
        if vendor in {"postgresql", "sqlite"}:
            self._run(schema_editor, getattr(self, f"{vendor}_reverse")())

    def installed_triggers(self):
        """The names of the edition's row triggers the database holds."""
        names = [self.trigger_name(table, event) for table, event, _ in self.watched]
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                cursor.execute(
                    "SELECT tgname FROM pg_trigger WHERE tgname = ANY(%s) AND NOT tgisinternal",
                    [names],
                )
            else:
                cursor.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")
            return {row[0] for row in cursor.fetchall()} & set(names)
