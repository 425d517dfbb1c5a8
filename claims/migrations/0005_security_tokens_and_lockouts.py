"""API tokens expire and can be revoked; Editors may lift sign-in lock-outs.

Tokens issued before this migration expire API_TOKEN_DAYS after it runs (the field's
default, evaluated once for the existing rows). The Editor role gets to see the sign-in
records of django-axes and to delete an access attempt, which lifts that lock-out.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations, models

import claims.models

EDITOR_AXES = ["view_accessattempt", "delete_accessattempt", "view_accesslog"]


def grant(apps, schema_editor):
    app_config = apps.get_app_config("axes")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    editor = Group.objects.filter(name="Editor").first()
    if editor:
        editor.permissions.add(
            *Permission.objects.filter(content_type__app_label="axes", codename__in=EDITOR_AXES)
        )


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    editor = Group.objects.filter(name="Editor").first()
    if editor:
        editor.permissions.remove(
            *Permission.objects.filter(content_type__app_label="axes", codename__in=EDITOR_AXES)
        )


class Migration(migrations.Migration):
    dependencies = [
        ("claims", "0004_roles_for_suggestions"),
        ("axes", "0010_accessattemptexpiration"),
    ]

    operations = [
        migrations.AddField(
            model_name="apitoken",
            name="expires_at",
            field=models.DateTimeField(
                default=claims.models._token_expiry,
                help_text="The key stops working at this time.",
            ),
        ),
        migrations.AddField(
            model_name="apitoken",
            name="revoked_at",
            field=models.DateTimeField(blank=True, editable=False, null=True),
        ),
        migrations.RunPython(grant, revoke),
    ]
