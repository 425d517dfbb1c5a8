"""Each rule of the ledger is refused with a message an editor can act on, and by the database."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.db.models import CheckConstraint
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from claims.models import Claim, ClaimRelation, Evidence, Source, Speaker, SpeakerAlias

from .conftest import make_claim, make_source, make_speaker, rating

pytestmark = pytest.mark.django_db


def messages_for(exc, field):
    return " ".join(exc.value.message_dict.get(field, []))


def test_a_span_that_ends_before_it_starts_is_refused():
    claim = make_claim()
    claim.span_start, claim.span_end = 20, 10
    with pytest.raises(ValidationError) as exc:
        claim.full_clean()
    assert "must end after it starts" in messages_for(exc, "span_end")
    with pytest.raises(IntegrityError), transaction.atomic():
        Claim.objects.filter(pk=claim.pk).update(span_start=20, span_end=10)


def test_a_span_past_the_end_of_the_article_is_refused():
    claim = make_claim()
    claim.span_end = len(claim.source.body) + 5
    with pytest.raises(ValidationError) as exc:
        claim.full_clean()
    assert "past the end of the article" in messages_for(exc, "span_end")


def test_a_statement_that_is_not_the_words_at_its_span_is_refused():
    claim = make_claim()
    claim.text = "the bridge would open in June"
    with pytest.raises(ValidationError) as exc:
        claim.full_clean()
    assert "the bridge would open in May" in messages_for(exc, "text")


def test_the_span_is_found_from_the_words_when_left_empty():
    source = make_source()
    claim = Claim(source=source, speaker=make_speaker(), text="Critics disagreed")
    claim.full_clean()
    assert source.body[claim.span_start : claim.span_end] == "Critics disagreed"


def test_words_that_appear_twice_need_a_start_offset():
    source = make_source(body="He said no. She said no.")
    claim = Claim(source=source, speaker=make_speaker(), text="said no")
    with pytest.raises(ValidationError) as exc:
        claim.full_clean()
    assert "more than once" in messages_for(exc, "span_start")
    claim.span_start = source.body.rindex("said no")
    claim.full_clean()
    assert claim.span_end == len(source.body) - 1


def test_an_alias_already_used_by_another_speaker_is_refused_whatever_its_case():
    putin = make_speaker(name="Vladimir Putin")
    SpeakerAlias.objects.create(speaker=putin, name="Putin")
    other = make_speaker(name="Someone else")
    duplicate = SpeakerAlias(speaker=other, name="PUTIN")
    with pytest.raises(ValidationError) as exc:
        duplicate.full_clean()
    assert "already belongs to a speaker" in " ".join(exc.value.messages)
    with pytest.raises(IntegrityError), transaction.atomic():
        duplicate.save()


def test_an_alias_that_is_another_speakers_name_is_refused():
    make_speaker(name="Dmitry Peskov")
    other = make_speaker(name="Someone")
    with pytest.raises(ValidationError) as exc:
        SpeakerAlias(speaker=other, name="dmitry peskov").full_clean()
    assert "name of another speaker" in messages_for(exc, "name")


def test_two_speakers_cannot_share_a_name():
    make_speaker(name="Experts")
    with pytest.raises(ValidationError) as exc:
        Speaker(name="experts").full_clean()
    assert "already exists" in " ".join(exc.value.messages)


@pytest.mark.parametrize("status", [Claim.Status.REVIEWED, Claim.Status.PUBLISHED])
def test_a_reviewed_or_published_claim_needs_a_verdict(status):
    claim = make_claim()
    claim.status = status
    with pytest.raises(ValidationError) as exc:
        claim.full_clean()
    assert "Choose a verdict" in messages_for(exc, "rating")
    with pytest.raises(IntegrityError), transaction.atomic():
        Claim.objects.filter(pk=claim.pk).update(status=status)
    claim.rating = rating("Mostly true")
    if status == Claim.Status.PUBLISHED:
        claim.published_at = timezone.now()  # publishing sets it; see test_publishing
        # A published fact-check also shows readers these; see test_public_page.
        claim.claim_reviewed, claim.explanation = "The bridge opens in May.", "<p>It will.</p>"
    claim.full_clean()
    claim.save()
    assert Claim.objects.get(pk=claim.pk).status == status


def test_a_published_claim_needs_its_publication_date():
    claim = make_claim(rating=rating("False"))
    claim.status = Claim.Status.PUBLISHED
    with pytest.raises(ValidationError) as exc:
        claim.full_clean()
    assert "Publish action" in messages_for(exc, "status")
    with pytest.raises(IntegrityError), transaction.atomic():
        Claim.objects.filter(pk=claim.pk).update(status="published", rating=rating("False"))


def test_an_unknown_status_is_refused():
    claim = make_claim()
    claim.status = "approved"
    with pytest.raises(ValidationError) as exc:
        claim.full_clean()
    assert "not a valid choice" in messages_for(exc, "status")
    with pytest.raises(IntegrityError), transaction.atomic():
        Claim.objects.filter(pk=claim.pk).update(status="approved")


@pytest.mark.parametrize(
    "url", ["javascript:alert(1)", "data:text/html,<script>x</script>", "ftp://example.org/x"]
)
def test_evidence_must_be_a_web_link(url):
    evidence = Evidence(claim=make_claim(), url=url, title="x")
    with pytest.raises(ValidationError) as exc:
        evidence.full_clean()
    assert "Enter a valid URL" in messages_for(exc, "url")


def test_a_web_link_is_accepted_as_evidence():
    evidence = Evidence(claim=make_claim(), url="https://example.org/report.pdf")
    evidence.full_clean()


def test_a_speaker_does_not_relay_their_own_words():
    claim = make_claim()
    claim.relayed_by = claim.speaker
    with pytest.raises(ValidationError) as exc:
        claim.full_clean()
    assert "does not relay" in messages_for(exc, "relayed_by")


def test_a_claim_cannot_answer_itself():
    claim = make_claim()
    with pytest.raises(ValidationError):
        ClaimRelation(from_claim=claim, to_claim=claim, kind="denies").full_clean()
    with pytest.raises(IntegrityError), transaction.atomic():
        ClaimRelation.objects.create(from_claim=claim, to_claim=claim, kind="denies")


def test_an_article_edit_that_moves_a_quoted_passage_is_refused():
    claim = make_claim()
    source = claim.source
    source.body = "Breaking: " + source.body
    with pytest.raises(ValidationError) as exc:
        source.full_clean()
    assert f"#{claim.pk}" in messages_for(exc, "body")


def test_an_article_edit_that_keeps_every_span_is_accepted():
    claim = make_claim()
    source = claim.source
    source.body = source.body + " More to follow."
    source.full_clean()
    source.save()
    claim.refresh_from_db()
    assert source.body[claim.span_start : claim.span_end] == claim.text


def test_two_sources_cannot_share_a_url_but_many_can_have_none():
    make_source(url="https://example.org/a")
    with pytest.raises(ValidationError) as exc:
        Source(title="b", body="x", url="https://example.org/a").full_clean()
    assert "already exists" in messages_for(exc, "url")
    make_source(url=None)
    make_source(url=None)


def test_reviewer_notes_are_sanitised_when_stored():
    claim = make_claim(
        notes='<p onclick="steal()">See <a href="javascript:alert(1)">this</a>'
        "<script>alert(2)</script><img src=x onerror=alert(3)></p>"
    )
    stored = Claim.objects.get(pk=claim.pk).notes
    assert "<script" not in stored
    assert "onerror" not in stored and "onclick" not in stored
    assert "javascript:" not in stored
    assert stored.startswith("<p>See ")


def test_every_save_bumps_the_version():
    claim = make_claim()
    assert claim.version == 1
    claim.cue = "said"
    claim.save()
    assert Claim.objects.get(pk=claim.pk).version == 2


# Each of Claim's check constraints, and a change that breaks it and nothing else the
# database enforces. Claim's validation runs none of them as a query (Claim.get_constraints):
# clean_fields() and clean() state these rules, so each must refuse its change with a message.
BREAKS = {
    "claim_span_start_before_end": ({"span_start": 20, "span_end": 10}, "span_end"),
    "claim_status_valid": ({"status": "approved"}, "status"),
    "claim_verdict_when_reviewed": ({"status": Claim.Status.REVIEWED}, "rating"),
    "claim_published_has_date": (
        {"status": Claim.Status.PUBLISHED, "claim_reviewed": "x", "explanation": "<p>x</p>"},
        "status",
    ),
}


def test_every_check_constraint_of_a_claim_is_a_rule_of_its_validation():
    checks = {c.name for c in Claim._meta.constraints if isinstance(c, CheckConstraint)}
    assert set(BREAKS) == checks


@pytest.mark.parametrize("name", sorted(BREAKS))
def test_validation_refuses_what_each_constraint_refuses_without_asking_the_database(name):
    changes, field = BREAKS[name]
    claim = make_claim(rating=rating("False") if name == "claim_published_has_date" else None)
    # The change really breaks this constraint: the database refuses it.
    with pytest.raises(IntegrityError) as refused, transaction.atomic():
        Claim.objects.filter(pk=claim.pk).update(**changes)
    assert name in str(refused.value)
    for attribute, value in changes.items():
        setattr(claim, attribute, value)
    # Validation refuses it with a message beside the field, and never runs a constraint
    # as a query (Django would, each in a savepoint).
    with CaptureQueriesContext(connection) as queries, pytest.raises(ValidationError) as exc:
        claim.full_clean()
    assert messages_for(exc, field)
    sql = " ".join(q["sql"] for q in queries.captured_queries)
    assert '"_check"' not in sql and "SAVEPOINT" not in sql.upper()
