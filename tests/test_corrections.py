"""Corrections in the open: a published ruling changes only with a public note, and a
fact-check is withdrawn only after confirmation and with a reason."""

import re

import pytest
from django.urls import reverse

from claims.models import Claim, Correction

from .conftest import rating
from .published import correct, published_claim

pytestmark = pytest.mark.django_db


@pytest.fixture
def desk(client, editor):
    client.force_login(editor)
    return client


@pytest.fixture
def fact_check(editor):
    return published_claim(editor)


def review(desk, claim, **changes):
    """Submit the desk's review form for ``claim`` with ``changes`` over its current values."""
    claim.refresh_from_db()
    data = {
        "version": claim.version,
        "status": claim.status,
        "rating": claim.rating_id,
        "assigned_to": "",
        "claim_reviewed": claim.claim_reviewed,
        "explanation": claim.explanation,
        "notes": claim.notes,
        **changes,
    }
    return desk.post(reverse("claims:claim-review", args=[claim.pk]), data)


def test_changing_the_verdict_of_a_published_fact_check_needs_a_correction_note(desk, fact_check):
    response = review(desk, fact_check, rating=rating("False").pk)
    assert response.status_code == 400
    beside = re.search(r'<div id="id_correction_error">(.*?)</div>', response.content.decode())
    assert "needs a correction note" in beside.group(1)
    fact_check.refresh_from_db()
    assert fact_check.rating.label == "Unproven" and fact_check.corrected_at is None
    assert not Correction.objects.exists()


def test_changing_the_explanation_needs_a_note_too(desk, fact_check):
    response = review(desk, fact_check, explanation="<p>A new reading of the transcript.</p>")
    assert response.status_code == 400
    assert "Neither government" in Claim.objects.get(pk=fact_check.pk).explanation


def test_the_form_says_when_a_note_is_needed(desk, fact_check):
    html = desk.get(fact_check.get_absolute_url()).content.decode()
    assert "Correction note (public)" in html
    assert "Required when you change the verdict" in html


def test_a_correction_with_its_note_is_published_with_its_date(client, desk, editor, fact_check):
    response = review(
        desk,
        fact_check,
        rating=rating("Mostly true").pk,
        correction="Roscosmos published the agreement on 20 September.",
    )
    assert response.status_code == 302
    fact_check.refresh_from_db()
    [correction] = fact_check.corrections.all()
    assert correction.note == "Roscosmos published the agreement on 20 September."
    assert correction.changed == "verdict (Unproven → Mostly true)"
    assert correction.made_by == editor and correction.made_at == fact_check.corrected_at
    assert fact_check.reviewed_by == editor
    # The desk's page lists it under the ruling, with who made it.
    desk_page = desk.get(fact_check.get_absolute_url()).content.decode()
    assert "<h3>Corrections</h3>" in desk_page
    assert ", editor: Roscosmos published the agreement on 20 September." in desk_page
    client.logout()
    html = client.get(fact_check.get_public_url()).content.decode()
    assert "Roscosmos published the agreement" in html
    assert correction.made_at.strftime("%-d %B %Y") in html


def test_every_correction_is_listed_in_order(client, editor, fact_check):
    correct(fact_check, editor, "First fix.", explanation="<p>Reworded once.</p>")
    correct(fact_check, editor, "Second fix.", claim_reviewed="Russia will build satellites.")
    html = client.get(fact_check.get_public_url()).content.decode()
    assert html.index("First fix.") < html.index("Second fix.")
    assert "(Changed: claim as checked.)" in html


def test_internal_notes_and_assignment_change_without_a_correction(desk, fact_check, editor):
    response = review(desk, fact_check, notes="<p>Seoul bureau called back.</p>")
    assert response.status_code == 302
    fact_check.refresh_from_db()
    assert fact_check.corrected_at is None and not fact_check.corrections.exists()


def test_a_published_fact_check_cannot_be_unpublished_through_the_review_form(desk, fact_check):
    response = review(desk, fact_check, status="reviewed")
    assert response.status_code == 400
    assert Claim.objects.get(pk=fact_check.pk).status == "published"


def test_bulk_status_changes_leave_published_fact_checks_alone(desk, fact_check):
    response = desk.post(
        reverse("claims:claim-bulk"),
        {"claims": [fact_check.pk], "action": "status", "status": "in_review"},
        follow=True,
    )
    assert "unpublish it first" in response.content.decode()
    assert Claim.objects.get(pk=fact_check.pk).status == "published"


def test_unpublishing_asks_for_confirmation_and_a_reason(desk, fact_check):
    detail = desk.get(fact_check.get_absolute_url()).content.decode()
    confirm_url = reverse("claims:claim-unpublish", args=[fact_check.pk])
    assert f'href="{confirm_url}"' in detail  # a link to the confirmation, not a button
    confirm = desk.get(confirm_url)
    assert confirm.status_code == 200
    assert "Unpublish this fact-check?" in confirm.content.decode()
    assert "Why is it withdrawn?" in confirm.content.decode()
    refused = desk.post(confirm_url, {"version": fact_check.version, "reason": "  "})
    assert refused.status_code == 400
    assert Claim.objects.get(pk=fact_check.pk).status == "published"


def test_unpublishing_with_a_reason_records_it_and_the_page_says_when(
    client, desk, editor, fact_check
):
    response = desk.post(
        reverse("claims:claim-unpublish", args=[fact_check.pk]),
        {"version": fact_check.version, "reason": "The quote was from a parody account."},
        follow=True,
    )
    assert "Unpublished" in response.content.decode()
    fact_check.refresh_from_db()
    assert fact_check.status == "reviewed" and fact_check.withdrawn_at is not None
    assert fact_check.withdrawal_reason == "The quote was from a parody account."
    entry = fact_check.history.first()
    assert entry.history_change_reason == "Unpublished: The quote was from a parody account."
    assert entry.history_user == editor
    assert "parody account" in desk.get(fact_check.get_absolute_url()).content.decode()
    client.logout()
    gone = client.get(fact_check.get_public_url())
    assert gone.status_code == 410
    assert f'We withdrew it on <time datetime="{fact_check.withdrawn_at.isoformat()}' in (
        gone.content.decode()
    )


def test_publishing_again_clears_the_withdrawal(desk, editor, fact_check):
    from claims import services

    services.unpublish(fact_check.pk, editor, fact_check.version, reason="Checking again.")
    fact_check.refresh_from_db()
    services.publish(fact_check.pk, editor, fact_check.version)
    fact_check.refresh_from_db()
    assert fact_check.is_published and fact_check.withdrawn_at is None


def test_unpublishing_without_a_reason_is_refused_by_the_service(editor, fact_check):
    from django.core.exceptions import ValidationError

    from claims import services

    with pytest.raises(ValidationError, match="Say why"):
        services.unpublish(fact_check.pk, editor, fact_check.version)
    assert Claim.objects.get(pk=fact_check.pk).is_published
