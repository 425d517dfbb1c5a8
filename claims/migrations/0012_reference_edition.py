"""The reference edition: one row, raised by triggers with every write to the verdict scale
or to who can be assigned claims (claims/reference.py), under which each worker keeps them.
The triggers are made from today's reference.WATCHED: a change to it needs a new migration."""

from django.db import migrations, models


def first_edition(apps, schema_editor):
    apps.get_model("claims", "ReferenceEdition").objects.create(pk=1, number=0)


def install_triggers(apps, schema_editor):
    from claims.reference import REFERENCE

    REFERENCE.install(schema_editor)


def uninstall_triggers(apps, schema_editor):
    from claims.reference import REFERENCE

    REFERENCE.uninstall(schema_editor)


class Migration(migrations.Migration):
    dependencies = [
        ("claims", "0011_speaker_order_index"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [
        migrations.CreateModel(
            name="ReferenceEdition",
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
