"""The public edition: one row, raised by triggers with every write readers could see
(claims/publishing/cache.py), under which reader pages are kept in memory."""

from django.db import migrations, models


def first_edition(apps, schema_editor):
    apps.get_model("claims", "PublicEdition").objects.create(pk=1, number=0)


def install_triggers(apps, schema_editor):
    from claims.publishing import cache

    cache.PUBLIC.install(schema_editor)


def uninstall_triggers(apps, schema_editor):
    from claims.publishing import cache

    cache.PUBLIC.uninstall(schema_editor)


class Migration(migrations.Migration):
    dependencies = [
        ("claims", "0009_list_sort_indexes"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [
        migrations.CreateModel(
            name="PublicEdition",
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
