"""Who may do what, asked of permissions.py directly: each role against each rule, and the
view decorators built from them (sign-in first, then the role)."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.test import RequestFactory
from django.utils import timezone

from claims import permissions
from claims.models import Claim

from .conftest import make_claim, make_speaker, rating

pytestmark = pytest.mark.django_db

RULES = ["can_read", "can_contribute", "can_review", "can_publish"]
EXPECTED = {
    "outsider": set(),
    "viewer": {"can_read"},
    "contributor": {"can_read", "can_contribute"},
    "editor": {"can_read", "can_contribute", "can_review", "can_publish"},
    "superuser": {"can_read", "can_contribute", "can_review", "can_publish"},
}


@pytest.mark.parametrize("role", list(EXPECTED))
def test_each_role_has_exactly_its_rules(request, role):
    user = request.getfixturevalue(role)
    allowed = {rule for rule in RULES if getattr(permissions, rule)(user)}
    assert allowed == EXPECTED[role]


def test_contributors_edit_claims_only_while_new(contributor, editor, viewer):
    claim = make_claim()
    assert permissions.can_edit_claim(contributor, claim)
    assert permissions.can_edit_claim(editor, claim)
    assert not permissions.can_edit_claim(viewer, claim)
    claim.status = Claim.Status.IN_REVIEW
    assert not permissions.can_edit_claim(contributor, claim)
    assert permissions.can_edit_claim(editor, claim)


def _view(request):
    return HttpResponse("ok")


@pytest.mark.parametrize(
    "decorator, allowed",
    [
        ("reader_page", "viewer"),
        ("contributor_page", "contributor"),
        ("reviewer_page", "editor"),
        ("publisher_page", "editor"),
    ],
)
def test_page_decorators_send_strangers_to_sign_in_and_refuse_other_roles(
    request, decorator, allowed, outsider
):
    view = getattr(permissions, decorator)(_view)
    assert view.__name__ == "_view"  # error pages and the access matrix name the real view
    anonymous = RequestFactory().get("/somewhere/")
    anonymous.user = AnonymousUser()
    response = view(anonymous)
    assert response.status_code == 302 and "/accounts/login/?next=/somewhere/" in response.url
    refused = RequestFactory().get("/somewhere/")
    refused.user = outsider
    with pytest.raises(PermissionDenied):
        view(refused)
    let_in = RequestFactory().get("/somewhere/")
    let_in.user = request.getfixturevalue(allowed)
    assert view(let_in).content == b"ok"


def _published(**overrides):
    claim = make_claim(**overrides)
    Claim.objects.filter(pk=claim.pk).update(
        status=Claim.Status.PUBLISHED,
        rating=rating("False"),
        claim_reviewed="Checked.",
        explanation="<p>Why.</p>",
        published_at=timezone.now(),
        first_published_at=timezone.now(),
    )
    claim.refresh_from_db()
    return claim


def test_what_a_published_fact_check_shows_is_changed_only_by_publishers(contributor, editor):
    relay = make_speaker(name="Harbour Radio")
    claim = _published(relayed_by=relay)
    quiet = make_claim()  # not published: its speaker and article are anyone's to correct
    for record in (claim, claim.speaker, relay, claim.source):
        assert permissions.can_change_published(editor, record)
        assert not permissions.can_change_published(contributor, record), record
    for record in (quiet, quiet.speaker, quiet.source):
        assert permissions.can_change_published(contributor, record), record


def test_only_editors_merge_speakers(contributor, editor, viewer):
    assert permissions.can_merge_speakers(editor)
    assert not permissions.can_merge_speakers(contributor)
    assert not permissions.can_merge_speakers(viewer)


def test_deleting_speakers_alone_does_not_make_someone_a_merger(outsider):
    from django.contrib.auth.models import Permission

    outsider.user_permissions.add(Permission.objects.get(codename="delete_speaker"))
    outsider = type(outsider).objects.get(pk=outsider.pk)  # permissions are cached per object
    assert outsider.has_perm("claims.delete_speaker")
    assert not permissions.can_merge_speakers(outsider)
