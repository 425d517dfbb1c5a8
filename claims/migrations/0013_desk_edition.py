"""The desk edition: one row, raised by triggers with every write to what the desk's lists
show or filter by (claims/list_memory.py), under which each worker keeps their answers. The
triggers are made from today's list_memory.WATCHED: a change to it needs a new migration."""

import secrets

from django.db import migrations, models


def first_edition(apps, schema_editor):
    # From a random number, not 0: what a worker kept under another database's numbers
    # (one dropped and made again, as claims/editions.py's number() does) must not match.
    apps.get_model("claims", "DeskEdition").objects.create(pk=1, number=secrets.randbits(62))


def install_triggers(apps, schema_editor):
    from claims.list_memory import DESK

    DESK.install(schema_editor)


def uninstall_triggers(apps, schema_editor):
    from claims.list_memory import DESK

    DESK.uninstall(schema_editor)


class Migration(migrations.Migration):
    dependencies = [
        ("claims", "0012_reference_edition"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [
        migrations.CreateModel(
            name="DeskEdition",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("number", models.BigIntegerField(default=0)),
            ],
        ),
        migrations.RunPython(first_edition, migrations.RunPython.noop),
        migrations.RunPython(install_triggers, uninstall_triggers),
    ]
