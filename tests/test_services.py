"""The shared writes in claims/services.py, called as every wing calls them: what each one
changes, what it refuses, and the message an editor then reads."""

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from claims import services
from claims.models import Claim, DuplicateSuggestion, Speaker, SpeakerAlias

from .conftest import make_claim, make_source, publish, rating

pytestmark = pytest.mark.django_db

REPEATED = "the new harbour bridge would open to traffic in early May"


def _in_new_article(text):
    return make_claim(
        source=make_source(body=f"The minister said {text}. Others doubted it."), text=text
    )


def test_a_stale_version_is_a_conflict_that_names_the_claim_and_writes_nothing(editor):
    claim = make_claim()
    with pytest.raises(services.EditConflict) as conflict:
        services.update_claim(claim.pk, editor, claim.version - 1, notes="<p>late</p>")
    assert str(conflict.value) == f"Claim #{claim.pk} was changed by someone else."
    assert conflict.value.current.pk == claim.pk  # what the conflict page shows
    assert Claim.objects.get(pk=claim.pk).notes == "" and claim.history.count() == 1


def test_a_change_checks_what_it_changed_and_trusts_what_was_stored(editor):
    claim = make_claim(rating=rating("False"))
    gone = Speaker.objects.create(name="Nobody any more")
    gone_id = gone.pk
    gone.delete()
    # A changed foreign key is checked: a speaker deleted meanwhile is a message, not a
    # database error, and nothing is written.
    with pytest.raises(ValidationError) as refused:
        services.update_claim(claim.pk, editor, claim.version, speaker_id=gone_id)
    assert "speaker" in refused.value.message_dict
    assert Claim.objects.get(pk=claim.pk).speaker_id == claim.speaker_id
    # A review's status change reads no speaker, verdict or article to check them again:
    # the row lock holds them, and the words at their span, as stored.
    with CaptureQueriesContext(connection) as queries:
        services.update_claim(claim.pk, editor, claim.version, status=Claim.Status.IN_REVIEW)
    read = " ".join(q["sql"] for q in queries.captured_queries if q["sql"].startswith("SELECT"))
    assert "claims_speaker" not in read and "claims_rating" not in read
    assert "claims_source" not in read
    assert Claim.objects.get(pk=claim.pk).status == Claim.Status.IN_REVIEW
    # The rules across fields still run on what was not changed: the verdict, cleared in
    # one change, is missing when another marks the claim Reviewed.
    services.update_claim(claim.pk, editor, claim.version + 1, rating=None)
    with pytest.raises(ValidationError) as refused:
        services.update_claim(claim.pk, editor, claim.version + 2, status=Claim.Status.REVIEWED)
    assert "rating" in refused.value.message_dict
    assert Claim.objects.get(pk=claim.pk).status == Claim.Status.IN_REVIEW
    # Changed words are held to the article again, with what it says there.
    with pytest.raises(ValidationError) as refused:
        services.update_claim(claim.pk, editor, claim.version + 2, text="the bridge is shut")
    assert "the bridge would open in May" in refused.value.message_dict["text"][0]
    assert Claim.objects.get(pk=claim.pk).text == "the bridge would open in May"


def test_a_bulk_change_checks_what_it_sets(editor, django_user_model):
    claims = [make_claim(), make_claim()]
    gone = django_user_model.objects.create_user("left-the-newsroom")
    gone_id = gone.pk
    gone.delete()
    result = services.bulk_update(claims, editor, assigned_to_id=gone_id)
    # Each claim is refused with a message, none is written, and nothing fails at the
    # database.
    assert not result.changed and set(result.refused) == set(claims)
    assert all("not a valid choice" in message for message in result.refused.values())
    assert not Claim.objects.filter(assigned_to_id=gone_id).exists()
    # A change that leaves the span alone reads (and locks) no article.
    with CaptureQueriesContext(connection) as queries:
        result = services.bulk_update(claims, editor, status=Claim.Status.IN_REVIEW)
    assert set(result.changed) == set(claims)
    assert not [q for q in queries.captured_queries if "claims_source" in q["sql"]]


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
    other = make_claim()
    already = make_claim(status="in_review")  # newer, so met first (latest change first)
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
    claim = _published_claim(editor)
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
    with pytest.raises(ValidationError) as refused:
        services.resolve_speaker("Kim Yo Jong", aliases=["Kim"])
    assert refused.value.messages == [
        "Alias 'Kim' of 'Kim Yo Jong' already belongs to Kim Jong Un."
    ]


def _published_claim(editor, explanation="<p>June, says the contract.</p>"):
    return publish(
        make_claim(), editor, claim_reviewed="The bridge opens in May.", explanation=explanation
    )


def test_changing_a_published_ruling_without_a_note_is_refused_with_why(editor):
    claim = _published_claim(editor)
    with pytest.raises(ValidationError) as refused:
        services.update_claim(claim.pk, editor, claim.version, rating=rating("Mixed"))
    assert refused.value.message_dict == {"correction": [services.NEEDS_CORRECTION]}
    assert services.NEEDS_CORRECTION.startswith("This fact-check is published: changing its")
    assert services.NEEDS_CORRECTION.endswith("which readers will see with its date.")


def test_resubmitting_an_explanation_that_was_cleaned_is_not_a_correction(editor):
    raw = "<p>June.</p><script>alert(1)</script>"
    claim = _published_claim(editor, explanation=raw)
    assert "<script>" not in claim.explanation
    same = services.update_claim(claim.pk, editor, claim.version, explanation=raw)
    assert not same.corrections.exists()


def test_one_correction_lists_everything_it_changed_and_the_verdict_keeps_its_reviewer(
    editor, superuser
):
    claim = _published_claim(editor)
    wording = services.update_claim(
        claim.pk, superuser, claim.version, correction="Clearer.", explanation="<p>July.</p>"
    )
    assert wording.corrections.get().changed == "explanation"
    assert wording.reviewed_by == editor  # the verdict is still the editor's
    both = services.update_claim(
        claim.pk,
        superuser,
        wording.version,
        correction="Both.",
        rating=rating("Mixed"),
        explanation="<p>August.</p>",
    )
    assert both.corrections.last().changed == "verdict (False → Mixed), explanation"
    assert both.reviewed_by == superuser


def test_publishing_records_the_reviewer_and_the_reason_in_the_history(editor, superuser):
    claim = _published_claim(editor)
    assert claim.reviewed_by == editor
    assert claim.history.first().history_change_reason == "Published"
    with pytest.raises(ValidationError) as refused:
        services.unpublish(claim.pk, editor, claim.version, reason="  ")
    assert refused.value.message_dict == {"reason": ["Say why the fact-check is withdrawn."]}
    down = services.unpublish(claim.pk, editor, claim.version, reason="Figures revised.")
    assert down.history.first().history_change_reason == "Unpublished: Figures revised."
    again = services.publish(claim.pk, superuser, down.version)
    assert (again.withdrawn_at, again.withdrawal_reason) == (None, "")
    assert again.reviewed_by == editor  # publishing again keeps who ruled


def test_an_admin_edit_is_saved_under_the_lock_and_looks_for_repeats(editor):
    original = _in_new_article(REPEATED)
    source = make_source(body=f"The minister said the bridge would open in May, and {REPEATED}.")
    stored = make_claim(source=source)
    edited = Claim.objects.get(pk=stored.pk)
    start = source.body.index(REPEATED)
    edited.text, edited.span_start, edited.span_end = REPEATED, start, start + len(REPEATED)
    saved = services.save_edited_claim(edited, editor, stored.version)
    assert saved.version == stored.version + 1
    assert DuplicateSuggestion.objects.get().original == original
    stale = Claim.objects.get(pk=stored.pk)
    stale.notes = "<p>late</p>"
    with pytest.raises(services.EditConflict):
        services.save_edited_claim(stale, editor, stored.version)
    untouched = Claim.objects.get(pk=stored.pk)
    untouched.notes = "<p>only notes</p>"
    services.save_edited_claim(untouched, editor, saved.version)
    assert DuplicateSuggestion.objects.count() == 1


def test_a_speaker_name_is_tidied_cut_to_fit_and_a_person_unless_said():
    long_name, _ = services.resolve_speaker("  A  " + "b" * 300)
    assert long_name.name == "A " + "b" * 198
    nameless_kind, _ = services.resolve_speaker("Port Authority", kind=None)
    assert nameless_kind.kind == Speaker.Kind.PERSON
    ministry, _ = services.resolve_speaker("Ministry of Ports", kind="government_body")
    assert ministry.kind == "government_body"


def test_merging_a_speaker_into_itself_is_refused_and_a_merge_is_in_the_history(editor):
    keep = Speaker.objects.create(name="Kim Jong Un")
    with pytest.raises(ValidationError) as refused:
        services.merge_speakers(keep, keep, editor)
    assert refused.value.messages == ["Choose two different speakers to merge."]
    other = Speaker.objects.create(name="Kim Jong-un")
    other.aliases.create(name="Kim")
    keep.aliases.create(name="Marshal Kim")
    services.merge_speakers(keep, other, editor)
    assert sorted(keep.aliases.values_list("name", flat=True)) == [
        "Kim",
        "Kim Jong-un",
        "Marshal Kim",
    ]
    gone = Speaker.history.filter(id=other.pk, history_type="-").get()
    assert gone.history_user == editor
    alias_gone = SpeakerAlias.history.filter(name="Kim", history_type="-").get()
    assert alias_gone.history_user == editor
