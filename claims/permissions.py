"""Who may do what: the one place the desk, the import, the admin and the API ask.

Roles are groups created by migration 0002: Viewer reads, Contributor adds sources and
claims and edits claims still New, Editor does everything (status, verdict, assignment,
publishing). Superusers have every permission. Views take their decorators from here, so a
rule is written once whether a page, an admin action or an API call asks it.
"""

from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied

from .models import Claim

READ = "claims.view_claim"
CONTRIBUTE = "claims.add_claim"
REVIEW = "claims.review_claim"
PUBLISH = "claims.publish_claim"


def can_read(user):
    """See claims, sources and speakers: every role."""
    return user.has_perm(READ)


def can_contribute(user):
    """Import articles and add claims: Contributors and Editors."""
    return user.has_perm(CONTRIBUTE)


def can_review(user):
    """Set status, verdict and assignee — the Editor's job."""
    return user.has_perm(REVIEW)


def can_publish(user):
    return user.has_perm(PUBLISH)


def can_edit_claim(user, claim):
    """Change a claim's wording, speaker or span: Editors always, Contributors while New."""
    if not user.has_perm("claims.change_claim"):
        return False
    return can_review(user) or claim.status == Claim.Status.NEW


def _page_needing(rule):
    """A view decorator: signed in (else the login page), then ``rule`` (else 403)."""

    def decorator(view):
        @wraps(view)
        def checked(request, *args, **kwargs):
            if not rule(request.user):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return login_required(checked)

    return decorator


# Access, checked in this order on every desk view: signed in, then the role, then the
# method (each view's own @require_safe / @require_POST, else 405).
reader_page = _page_needing(can_read)
contributor_page = _page_needing(can_contribute)
reviewer_page = _page_needing(can_review)
publisher_page = _page_needing(can_publish)


def can_change_published(user, record):
    """Change a speaker or source that a published fact-check shows: publishers only."""
    if can_publish(user):
        return True
    if isinstance(record, Claim):
        return not record.is_published
    if hasattr(record, "relayed_claims"):  # a speaker: their own words or ones they relayed
        shown = record.claims.published().exists() or record.relayed_claims.published().exists()
    else:
        shown = record.claims.published().exists()
    return not shown


def can_merge_speakers(user):
    """Fold a duplicate speaker into another: Editors (it deletes a speaker)."""
    return can_review(user) and user.has_perm("claims.delete_speaker")


merger_page = _page_needing(can_merge_speakers)
