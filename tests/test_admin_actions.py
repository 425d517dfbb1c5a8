"""The admin's bulk actions write through the same services as the desk."""

import datetime

import pytest
from django.urls import reverse

from claims.models import Claim

from .conftest import make_claim, rating

pytestmark = pytest.mark.django_db
CHANGELIST = reverse("admin:claims_claim_changelist")


def reviewed():
    claim = make_claim(claimed_on=datetime.date(2024, 1, 2))
    claim.status, claim.rating = Claim.Status.REVIEWED, rating("False")
    claim.claim_reviewed = "The bridge opens in May."
    claim.explanation = "<p>The contract says June.</p>"
    claim.save()
    return claim


def act(client, action, *claims):
    return client.post(
        CHANGELIST,
        {"action": action, "_selected_action": [c.pk for c in claims]},
        follow=True,
    )


def test_the_publish_action_publishes_reviewed_claims_and_refuses_the_others(client, superuser):
    ready, new = reviewed(), make_claim()
    client.force_login(superuser)
    page = act(client, "publish", ready, new).content.decode()
    ready.refresh_from_db()
    new.refresh_from_db()
    assert ready.status == Claim.Status.PUBLISHED and ready.published_at is not None
    assert new.status == Claim.Status.NEW
    assert "1 claim(s) published" in page and f"Claim #{new.pk}" in page
    assert ready.history.first().history_user == superuser


def test_the_unpublish_action_takes_the_public_page_down(client, superuser):
    claim = reviewed()
    client.force_login(superuser)
    act(client, "publish", claim)
    assert client.get(claim.get_public_url()).status_code == 200
    confirm = act(client, "unpublish", claim).content.decode()
    assert "Why are they withdrawn?" in confirm  # asks first, changes nothing yet
    claim.refresh_from_db()
    assert claim.status == Claim.Status.PUBLISHED
    no_reason = client.post(
        CHANGELIST,
        {"action": "unpublish", "_selected_action": [claim.pk], "confirm": "yes", "reason": ""},
    )
    assert "This field is required" in no_reason.content.decode()
    claim.refresh_from_db()
    assert claim.status == Claim.Status.PUBLISHED
    page = client.post(
        CHANGELIST,
        {
            "action": "unpublish",
            "_selected_action": [claim.pk],
            "confirm": "yes",
            "reason": "The ministry corrected its figures.",
        },
        follow=True,
    ).content.decode()
    claim.refresh_from_db()
    assert claim.status == Claim.Status.REVIEWED and claim.published_at is None
    assert claim.withdrawal_reason == "The ministry corrected its figures."
    assert "1 claim(s) unpublished" in page
    assert client.get(claim.get_public_url()).status_code == 410


def test_staff_without_the_publish_permission_are_not_offered_publishing(client, contributor):
    contributor.is_staff = True
    contributor.save()
    claim = reviewed()
    client.force_login(contributor)
    page = client.get(CHANGELIST)
    form = page.context["action_form"]  # None when the user may run no action at all
    actions = dict(form.fields["action"].choices) if form else {}
    assert "publish" not in actions and "unpublish" not in actions
    act(client, "publish", claim)
    claim.refresh_from_db()
    assert claim.status == Claim.Status.REVIEWED
