"""The desk edition also moves with every write to what a claim page shows besides the
claim (its evidence, relations, suggested repeats and corrections) and with a change to a
user's full name: claim pages are kept under it too (claims/list_memory.py). The triggers
are made again from today's list_memory.WATCHED; going back leaves the new ones in place,
which only moves the edition more often than the older code needs."""

from django.db import migrations


def reinstall(apps, schema_editor):
    from claims.list_memory import DESK

    # SQLite's triggers are made "if not exists": the changed one (a user's names) would
    # keep its old columns without the drop.
    DESK.uninstall(schema_editor)
    DESK.install(schema_editor)


class Migration(migrations.Migration):
    dependencies = [("claims", "0014_editions_once_per_statement")]

    operations = [migrations.RunPython(reinstall, migrations.RunPython.noop)]
