"""Who may do what with a claim: the one place the desk, the admin and the API ask.

Roles are groups created by migration 0002: Viewer reads, Contributor adds sources and
claims and edits claims still New, Editor does everything (status, verdict, assignment,
publishing). Superusers have every permission.
"""

from .models import Claim


def can_review(user):
    """Set status, verdict and assignee — the Editor's job."""
    return user.has_perm("claims.review_claim")


def can_publish(user):
    return user.has_perm("claims.publish_claim")


def can_contribute(user):
    return user.has_perm("claims.add_claim")


def can_edit_claim(user, claim):
    """Change a claim's wording, speaker or span: Editors always, Contributors while New."""
    if not user.has_perm("claims.change_claim"):
        return False
    return can_review(user) or claim.status == Claim.Status.NEW
