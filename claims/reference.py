"""The desk's reference data: the verdict scale and the people claims can be assigned to.

Every desk list offers both (the verdict facets and filter, the bulk form's assignees) and
every claim page too (the review form, and its history's verdicts as they were called),
yet they change a few times a year. Each worker keeps them in memory under the reference
edition (claims/editions.py), which triggers raise with any write to the scale, to a
user's name, activity or superuser flag, to group memberships or to the groups
themselves: a page then reads one number, by primary key, instead of the tables.

Forms still validate a submitted choice against the database (their querysets); only the
choices a page shows come from here.
"""

from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db.models import Q

from claims.editions import Edition, every_write
from claims.models import Rating, ReferenceEdition
from claims.roles import ROLES

# A change here changes no database by itself: the triggers are made by migrations (0012),
# so a new entry needs a migration that runs REFERENCE.install again.
WATCHED = [
    *every_write("claims_rating"),
    ("auth_user", "INSERT", None),
    # Who is assignable and the label they are offered under; not last_login, which every
    # sign-in writes.
    ("auth_user", "UPDATE OF username, first_name, last_name, is_active, is_superuser", None),
    ("auth_user", "DELETE", None),
    *every_write("auth_user_groups"),
    # A role's group renamed or deleted changes who holds the role. A new group has no
    # members yet: its first member moves the edition.
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
    # (verdict id, from when, label) for every label each verdict has had, deleted ones
    # too, oldest first: a claim's history names a verdict as it was called then. Every
    # label comes with a write to the scale, which moves the edition.
    labels_then: tuple
    # assignable_users(), with what a choice shows (its id and username) and nothing else:
    # no password hash lives in a worker's memory.
    assignable: tuple


# (edition number, Reference): this worker's copy, replaced in one assignment.
_kept = None


def current():
    """The reference data as of the edition the database holds now."""
    global _kept
    # The number first, then the rows: a statement sees at least what an earlier one saw,
    # so the rows are never older than the number they are kept under.
    number = REFERENCE.number()
    if _kept is not None and number is not None and _kept[0] == number:
        return _kept[1]
    read = Reference(
        ratings=tuple(Rating.objects.all()),
        labels_then=tuple(
            Rating.history.order_by("history_date", "history_id").values_list(
                "id", "history_date", "label"
            )
        ),
        assignable=tuple(assignable_users().only("pk", "username")),
    )
    if number is not None:
        _kept = (number, read)
    return read


def forget():
    """Drop this worker's copy (tests: each rolls back to an edition another test used)."""
    global _kept
    _kept = None
