"""The editions' trigger function raises its edition once per statement of a transaction
(claims/editions.py): at the commit, once per transaction; and a transaction's first raise
locks every edition's row, always in the same order. Only the functions change; the
triggers are made again as they were."""

from django.db import migrations


def reinstall(apps, schema_editor):
    from claims.list_memory import DESK
    from claims.publishing.cache import PUBLIC
    from claims.reference import REFERENCE

    for edition in (PUBLIC, REFERENCE, DESK):
        edition.install(schema_editor)


class Migration(migrations.Migration):
    dependencies = [("claims", "0013_desk_edition")]

    operations = [migrations.RunPython(reinstall, migrations.RunPython.noop)]
