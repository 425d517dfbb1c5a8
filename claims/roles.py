"""The three roles a colleague can be given, and giving one.

A role is a group (created by migration 0002); Contributors and Editors also enter data in
the admin, so they are staff. Nobody gets superuser rights this way.
"""

from django.contrib.auth.models import Group
from django.db import transaction

ROLES = {"viewer": "Viewer", "contributor": "Contributor", "editor": "Editor"}


def role_of(user):
    """The user's role key, or "" when they have none of the three."""
    names = set(user.groups.values_list("name", flat=True))
    for key, name in reversed(ROLES.items()):  # the highest role wins
        if name in names:
            return key
    return ""


@transaction.atomic
def give_role(user, role):
    """Make ``role`` the user's one role; other groups are left alone."""
    user.groups.remove(*Group.objects.filter(name__in=ROLES.values()))
    user.groups.add(Group.objects.get(name=ROLES[role]))
    staff = role in {"contributor", "editor"}
    if user.is_staff != staff and not user.is_superuser:
        user.is_staff = staff
        user.save(update_fields=["is_staff"])
