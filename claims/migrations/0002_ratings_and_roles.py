"""Seed the default verdict scale and the three editorial roles.

The role → permission map is frozen here on purpose: a migration must mean the same thing
whenever it runs. Later changes to the roles come as new migrations.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

RATINGS = [
    # label, definition, order, value (None: outside the numeric scale)
    ("True", "The statement is accurate and nothing significant is missing.", 1, 5),
    ("Mostly true", "Accurate, but needs clarification or additional information.", 2, 4),
    ("Mixed", "Partly accurate and partly inaccurate.", 3, 3),
    ("Misleading", "Contains some truth but leaves a false impression.", 4, 2),
    ("False", "The statement is not accurate.", 5, 1),
    ("Unproven", "There is not enough evidence to rate the statement.", 6, None),
]

VIEW = [
    "view_claim",
    "view_source",
    "view_speaker",
    "view_speakeralias",
    "view_rating",
    "view_evidence",
    "view_claimrelation",
    "view_historicalclaim",
    "view_historicalsource",
]
CONTRIBUTE = [
    "add_claim",
    "change_claim",
    "add_source",
    "change_source",
    "add_speaker",
    "change_speaker",
    "add_speakeralias",
    "change_speakeralias",
    "add_evidence",
    "add_claimrelation",
]
EDIT = [
    "review_claim",
    "publish_claim",
    "delete_claim",
    "delete_evidence",
    "change_evidence",
    "delete_claimrelation",
    "change_claimrelation",
    "delete_speakeralias",
    "delete_source",
    "delete_speaker",
]
ROLES = {
    "Viewer": VIEW,
    "Contributor": VIEW + CONTRIBUTE,
    "Editor": VIEW + CONTRIBUTE + EDIT,
}


def seed(apps, schema_editor):
    Rating = apps.get_model("claims", "Rating")
    for label, definition, order, value in RATINGS:
        Rating.objects.get_or_create(
            label=label, defaults={"definition": definition, "order": order, "value": value}
        )

    # Permissions are normally created after all migrations; the groups need them now.
    app_config = apps.get_app_config("claims")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for role, codenames in ROLES.items():
        group, _ = Group.objects.get_or_create(name=role)
        group.permissions.add(
            *Permission.objects.filter(content_type__app_label="claims", codename__in=codenames)
        )


def unseed(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=ROLES).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("claims", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(seed, unseed)]
