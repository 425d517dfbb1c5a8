"""Everyone with a role sees duplicate suggestions; Editors decide them."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

ROLES = {
    "Viewer": ["view_duplicatesuggestion"],
    "Contributor": ["view_duplicatesuggestion"],
    "Editor": ["view_duplicatesuggestion", "change_duplicatesuggestion"],
}


def grant(apps, schema_editor):
    app_config = apps.get_app_config("claims")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for role, codenames in ROLES.items():
        group = Group.objects.filter(name=role).first()
        if group:
            group.permissions.add(
                *Permission.objects.filter(content_type__app_label="claims", codename__in=codenames)
            )


class Migration(migrations.Migration):
    dependencies = [("claims", "0003_publishing_duplicates_tokens")]
    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
