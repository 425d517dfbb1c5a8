"""The counts the desk shows stay exact after every kind of write, without counting rows.

ClaimTally is kept by database triggers; each test writes claims one way and compares the
tally with a recount of the claims table.
"""

import pytest
from django.db import connection
from django.db.models import Count
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from claims import counting, services
from claims.extraction import Candidate
from claims.ingest.services import import_article
from claims.models import Claim, ClaimTally

from .conftest import RULING, make_claim, make_source, make_speaker, rating

pytestmark = pytest.mark.django_db


def recount():
    """{(speaker id, status, rating id or 0): n}, all speakers under speaker 0."""
    counts = {}
    rows = Claim.objects.values("speaker_id", "status", "rating_id").annotate(n=Count("pk"))
    for row in rows:
        for who in (row["speaker_id"], ClaimTally.ALL):
            key = (who, row["status"], row["rating_id"] or ClaimTally.NONE)
            counts[key] = counts.get(key, 0) + row["n"]
    return counts


def tally():
    return {(t.speaker_id, t.status, t.rating_id): t.n for t in ClaimTally.objects.filter(n__gt=0)}


def assert_tally_is_exact():
    assert tally() == recount()


def test_creating_claims_through_the_service_counts_them(editor):
    claim = Claim(
        source=make_source(body="The mayor said taxes fall."),
        speaker=make_speaker(),
        text="taxes fall",
    )
    services.save_claim(claim, editor)
    make_claim()
    assert_tally_is_exact()
    assert counting.from_tally().total == 2


def test_a_review_moves_the_claim_between_counts(editor):
    claim = make_claim()
    services.update_claim(claim.pk, editor, claim.version, status="in_review")
    assert_tally_is_exact()
    claim.refresh_from_db()
    services.update_claim(
        claim.pk, editor, claim.version, status="reviewed", rating=rating("False")
    )
    assert_tally_is_exact()
    assert counting.from_tally().by_rating == {rating("False").pk: 1}


def test_publishing_and_unpublishing_keep_the_counts(editor):
    claim = make_claim(status="reviewed", rating=rating("True"), **RULING)
    services.publish(claim.pk, editor, claim.version)
    assert_tally_is_exact()
    assert counting.from_tally().by_status == {"published": 1}
    claim.refresh_from_db()
    services.unpublish(claim.pk, editor, claim.version, reason="Checking again.")
    assert_tally_is_exact()
    assert counting.from_tally().by_status == {"reviewed": 1}


def test_bulk_updates_and_a_refused_claim_keep_the_counts(editor):
    claims = [make_claim() for _ in range(3)]
    services.bulk_update(claims, editor, status="in_review")
    services.bulk_update(claims, editor, status="reviewed")  # refused: no verdict
    assert_tally_is_exact()
    assert counting.from_tally().by_status == {"in_review": 3}


def test_an_import_counts_every_claim_it_records(editor):
    body = "The minister said taxes would fall. The union said wages would rise."
    proposals = [
        Candidate(
            text=text,
            start=body.index(text),
            end=body.index(text) + len(text),
            speaker=speaker,
            speaker_as_written=speaker,
            relayed_by=None,
            relayed_by_as_written=None,
            kind="paraphrase",
            cue="said",
            confidence=1.0,
        )
        for text, speaker in (("taxes would fall", "A Minister"), ("wages would rise", "A Union"))
    ]
    import_article(title="Budget", body=body, proposals=proposals, user=editor)
    assert_tally_is_exact()
    assert counting.from_tally().by_status == {"new": 2}


def test_raw_bulk_writes_updates_and_deletes_keep_the_counts():
    source, speaker, other = make_source(), make_speaker(), make_speaker()
    text = "the bridge would open in May"
    start = source.body.index(text)
    Claim.objects.bulk_create(
        Claim(source=source, speaker=speaker, text=text, span_start=start, span_end=start + 28)
        for _ in range(4)
    )
    assert_tally_is_exact()
    Claim.objects.filter(pk__in=Claim.objects.values("pk")[:2]).update(
        status="reviewed", rating=rating("Mixed")
    )
    Claim.objects.filter(status="new").update(speaker=other)
    assert_tally_is_exact()
    Claim.objects.filter(status="new").first().delete()
    assert_tally_is_exact()
    assert counting.from_tally(speakers=[other.pk]).total == 1
    assert counting.from_tally(speakers=[speaker.pk]).by_rating == {rating("Mixed").pk: 2}


def test_the_list_and_dashboard_show_the_tallied_counts(client, editor):
    speaker = make_speaker(name="Counted Speaker")
    for _ in range(3):
        make_claim(speaker=speaker)
    make_claim(status="reviewed", rating=rating("False"), **RULING)
    client.force_login(editor)
    response = client.get(reverse("claims:claim-list"), {"status": "new"})
    assert "<strong>3</strong> claims" in response.content.decode()
    statuses = {value: n for value, _, n, _ in response.context["statuses"]}
    assert statuses == {"new": 3, "in_review": 0, "reviewed": 0, "published": 0}
    dashboard = client.get(reverse("claims:dashboard"))
    assert {v: n for v, _, n in dashboard.context["statuses"]}["reviewed"] == 1


def test_a_wide_filter_says_its_count_is_a_bound_not_a_figure(client, editor, monkeypatch):
    for _ in range(4):
        make_claim(kind="direct")
    monkeypatch.setattr(counting, "EXACT_UP_TO", 2)
    client.force_login(editor)
    response = client.get(reverse("claims:claim-list"), {"kind": "direct"})
    counts = response.context["counts"]
    assert not counts.exact
    html = response.content.decode()
    if counts.kind == "estimate":  # PostgreSQL's planner estimate
        assert "about <strong>" in html
    else:
        assert "more than <strong>2</strong> claims" in html
    assert "≥ " in html


def test_a_filter_expected_far_past_the_bound_reads_a_tenth_of_it(client, editor, monkeypatch):
    """When the planner expects many times the bound, the list reads a tenth of the bound's
    rows for its facets and gives the planner's figure as an estimate; when fewer than
    that match after all, they are counted exactly."""
    claims = [make_claim(kind="direct") for _ in range(3)]
    make_claim(kind="partial")
    monkeypatch.setattr(counting, "EXACT_UP_TO", 20)
    monkeypatch.setattr(counting, "estimate", lambda queryset: 500)  # far past 4 × 20
    client.force_login(editor)
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(reverse("claims:claim-list"), {"kind": "direct"})
    counts = response.context["counts"]
    assert (counts.kind, counts.total) == ("estimate", 500)
    assert "about <strong>500</strong> claims" in response.content.decode()
    assert sum(counts.by_status.values()) == 3  # lower bounds, from the rows read
    assert [
        q for q in ctx.captured_queries if "GROUP BY status" in q["sql"] and "LIMIT 3" in q["sql"]
    ]
    Claim.objects.filter(pk__in=[c.pk for c in claims[1:]]).delete()
    counts = client.get(reverse("claims:claim-list"), {"kind": "direct"}).context["counts"]
    assert (counts.kind, counts.total) == ("exact", 1)


def test_a_narrow_filter_outside_the_tally_is_counted_exactly(client, editor):
    for _ in range(2):
        make_claim(kind="direct")
    make_claim(kind="partial")
    client.force_login(editor)
    response = client.get(reverse("claims:claim-list"), {"kind": "direct"})
    assert response.context["counts"].exact
    assert "<strong>2</strong> claims" in response.content.decode()
