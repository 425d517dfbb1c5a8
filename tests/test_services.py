"""The shared writes in claims/services.py, called as every wing calls them: what each one
changes, what it refuses, and the message an editor then reads."""

import pytest
from django.core.exceptions import ValidationError

from claims import services
from claims.models import Claim, DuplicateSuggestion, Speaker

from .conftest import make_claim, make_source, rating

pytestmark = pytest.mark.django_db

REPEATED = "the new harbour bridge would open to traffic in early May"


def _in_new_article(text):
    return make_claim(
        source=make_source(body=f"The minister said {text}. Others doubted it."), text=text
    )


def test_a_stale_version_is_a_conflict_that_names_the_claim_and_writes_nothing(editor):
    claim = make_claim()
    with pytest.raises(services.EditConflict, match=rf"Claim #{claim.pk} was changed by someone"):
        services.update_claim(claim.pk, editor, claim.version - 1, notes="<p>late</p>")
    assert Claim.objects.get(pk=claim.pk).notes == "" and claim.history.count() == 1


def test_rewording_a_claim_looks_for_repeats_and_other_edits_do_not(editor):
    original = _in_new_article(REPEATED)
    source = make_source(body=f"The minister said the bridge would open in May, and {REPEATED}.")
    claim = make_claim(source=source)  # "the bridge would open in May": too short to match
    claim = services.update_claim(claim.pk, editor, claim.version, notes="<p>checked</p>")
    assert not DuplicateSuggestion.objects.exists()
    start = source.body.index(REPEATED)
    services.update_claim(
        claim.pk,
        editor,
        claim.version,
        text=REPEATED,
        span_start=start,
        span_end=start + len(REPEATED),
    )
    assert DuplicateSuggestion.objects.get().original == original


def test_bulk_changes_go_on_past_a_claim_that_needs_no_change(editor):
    already, other = make_claim(status="in_review"), make_claim()
    result = services.bulk_update([already, other], editor, status="in_review")
    assert result.changed == [other] and result.refused == {}
    assert Claim.objects.get(pk=other.pk).status == "in_review"


def test_bulk_refusals_give_every_reason_and_keep_the_claim(editor):
    claim = make_claim()
    result = services.bulk_update([claim], editor, status="reviewed")
    assert result.changed == []
    assert result.refused == {
        claim: "Choose a verdict before marking the claim reviewed or published."
    }
    assert Claim.objects.get(pk=claim.pk).status == "new"


def test_publishing_something_not_reviewed_and_unpublishing_the_unpublished_say_why(editor):
    claim = make_claim()
    with pytest.raises(ValidationError) as refused:
        services.publish(claim.pk, editor, claim.version)
    assert refused.value.messages == ["Only a Reviewed claim, with its verdict, can be published."]
    with pytest.raises(ValidationError) as refused:
        services.unpublish(claim.pk, editor, claim.version, reason="No longer right.")
    assert refused.value.messages == ["This claim is not published."]


def test_no_path_takes_a_claim_out_of_published_but_unpublish():
    services.check_status_move("published", "published")
    services.check_status_move("new", "in_review")
    with pytest.raises(ValidationError) as refused:
        services.check_status_move("published", "reviewed")
    assert refused.value.message_dict == {"status": [services.LEAVE_PUBLISHED]}


def test_a_correction_records_what_changed_from_what_to_what(editor):
    claim = make_claim()
    claim = services.update_claim(
        claim.pk,
        editor,
        claim.version,
        status="reviewed",
        rating=rating("False"),
        claim_reviewed="The bridge opens in May.",
        explanation="<p>June, says the contract.</p>",
    )
    claim = services.publish(claim.pk, editor, claim.version)
    same = services.update_claim(
        claim.pk, editor, claim.version, explanation="<p>June, says the contract.</p>"
    )
    assert not same.corrections.exists()  # resubmitting the same words is no correction
    fixed = services.update_claim(
        claim.pk, editor, same.version, correction="Rating fixed.", rating=rating("Mixed")
    )
    correction = fixed.corrections.get()
    assert (correction.note, correction.changed) == ("Rating fixed.", "verdict (False → Mixed)")
    assert fixed.corrected_at == correction.made_at and fixed.reviewed_by == editor


def _typed_claim():
    source = make_source()
    start = source.body.index("the bridge")
    return Claim(
        source=source, text="the bridge would open in May", span_start=start, span_end=start + 28
    )


def test_a_new_speaker_named_twice_is_recorded_once(editor):
    first = services.create_claim(
        _typed_claim(),
        editor,
        speaker_name="  Ana   Costa ",
    )
    second = services.create_claim(
        _typed_claim(),
        editor,
        speaker_name="ana costa",
        relayed_by_name="Harbour Radio",
    )
    assert first.speaker == second.speaker and first.speaker.name == "Ana Costa"
    assert second.relayed_by.name == "Harbour Radio" and Speaker.objects.count() == 2
    assert second.created_by == editor and second.history.get().history_user == editor


def test_an_alias_that_belongs_to_someone_else_is_refused(editor):
    services.resolve_speaker("Kim Jong Un", aliases=["Kim"])
    services.resolve_speaker("Kim Yo Jong")
    with pytest.raises(
        ValidationError, match="'Kim' of 'Kim Yo Jong' already belongs to Kim Jong Un"
    ):
        services.resolve_speaker("Kim Yo Jong", aliases=["Kim"])
