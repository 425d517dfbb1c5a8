"""The desk's reference data: the verdict scale and the people claims can be assigned to.

Every desk list offers both (the verdict facets and filter, the bulk form's assignees) and
every claim page too (the review form), yet they change a few times a year. Each worker
keeps them in memory under the reference edition (claims/editions.py), which triggers
raise with any write to the scale, to a user's name, activity or superuser flag, to group
memberships or to the groups themselves: a page then reads one number, by primary key,
instead of the two tables.

Forms still validate a submitted choice against the database (their querysets); only the
choices a page shows come from here.
"""

from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db.models import Q

from claims.editions import Edition
from claims.models import Rating, ReferenceEdition
from claims.roles import ROLES

WATCHED = [
    ("claims_rating", "INSERT", None),
    ("claims_rating", "UPDATE", None),
    ("claims_rating", "DELETE", None),
    ("auth_user", "INSERT", None),
    # Not last_login, which every sign-in writes.
    ("auth_user", "UPDATE OF username, first_name, last_name, is_active, is_superuser", None),
    ("auth_user", "DELETE", None),
    ("auth_user_groups", "INSERT", None),
    ("auth_user_groups", "UPDATE", None),
    ("auth_user_groups", "DELETE", None),
    # A role's group renamed or deleted changes who holds the role.
    ("auth_group", "UPDATE", None),
    ("auth_group", "DELETE", None),
]
REFERENCE = Edition("reference", ReferenceEdition, WATCHED)


def assignable_users():
    """People who can work on claims: Contributors, Editors and superusers."""
    return (
        get_user_model()
        .objects.filter(
            Q(groups__name__in=[ROLES["contributor"], ROLES["editor"]]) | Q(is_superuser=True),
            is_active=True,
        )
        .distinct()
        .order_by("username")
    )


@dataclass(frozen=True)
class Reference:
    ratings: tuple  # the verdict scale, in its order
    assignable: tuple  # assignable_users()


# {edition number: Reference}: this worker's copy, at most one.
_kept = {}


def current():
    """The reference data as of the edition the database holds now."""
    number = REFERENCE.number()
    kept = _kept.get(number)
    if kept is None:
        kept = Reference(ratings=tuple(Rating.objects.all()), assignable=tuple(assignable_users()))
        _kept.clear()
        if number is not None:
            _kept[number] = kept
    return kept


def forget():
    """Drop this worker's copy (tests: each rolls back to an edition another test used)."""
    _kept.clear()
