"""Reading a claim in context and reviewing it: history, conflicts, notes, evidence, bulk."""

import re

import pytest
from django.urls import reverse

from claims.models import Claim, Evidence

from .conftest import make_claim, make_source, make_speaker, publish, rating

pytestmark = pytest.mark.django_db


@pytest.fixture
def desk(client, editor):
    client.force_login(editor)
    return client


def review(client, claim, **fields):
    data = {"status": claim.status, "version": claim.version, "notes": claim.notes}
    data.update({k: v for k, v in fields.items() if v is not None})
    return client.post(reverse("claims:claim-review", args=[claim.pk]), data)


def test_the_claim_page_highlights_the_statement_inside_its_paragraph(desk, seed):
    claim = seed["putin-came-here"]
    html = desk.get(claim.get_absolute_url()).content.decode()
    assert '<mark id="span">That’s why we have come here.</mark>' in html
    assert "Russian state media quoted Putin as saying, “<mark" in html
    assert "The leaders of the Democratic People’s Republic of Korea" in html  # same paragraph
    assert "Will Russia help North Korea build satellites?" not in html  # previous paragraph
    assert "Russian state media" in html and "Vladimir Putin" in html


def test_related_claims_show_on_both_sides(desk, seed):
    accusation = desk.get(seed["us-accusation"].get_absolute_url()).content.decode()
    assert accusation.count("</strong> this claim") == 2
    assert seed["russia-denial"].get_absolute_url() in accusation
    assert seed["dprk-denial"].get_absolute_url() in accusation
    denial = desk.get(seed["russia-denial"].get_absolute_url()).content.decode()
    assert "This claim <strong>denies</strong>" in denial
    assert seed["us-accusation"].get_absolute_url() in denial


def test_the_review_flow_records_each_step_with_its_user(desk, editor, seed):
    claim = seed["putin-came-here"]
    response = review(desk, claim, status="in_review")
    assert response.status_code == 302
    claim.refresh_from_db()
    response = review(
        desk,
        claim,
        status="reviewed",
        rating=rating("Mostly true").pk,
        notes="<p>Matches the <a href='https://example.org/tass'>TASS transcript</a>.</p>",
    )
    assert response.status_code == 302
    claim.refresh_from_db()
    assert (claim.status, claim.rating.label, claim.updated_by) == (
        "reviewed",
        "Mostly true",
        editor,
    )
    html = desk.get(claim.get_absolute_url()).content.decode()
    assert "<del>New</del> → <ins>In review</ins>" in html
    assert "<del>In review</del> → <ins>Reviewed</ins>" in html
    assert "<del>—</del> → <ins>Mostly true</ins>" in html
    assert [h.history_user for h in claim.history.all()[:2]] == [editor, editor]


def test_reviewed_without_a_verdict_is_refused_with_a_message(desk, seed):
    claim = seed["putin-glad"]
    response = review(desk, claim, status="reviewed")
    assert response.status_code == 400
    assert "Choose a verdict" in response.content.decode()
    assert Claim.objects.get(pk=claim.pk).status == "new"


def test_a_stale_form_gets_the_conflict_page_and_changes_nothing(client, desk, editor, seed):
    claim = seed["putin-no-hurry"]
    stale_version = claim.version
    other = type(editor).objects.create_user("other-editor")
    other.groups.add(*editor.groups.all())
    client2 = type(client)()
    client2.force_login(other)
    assert review(client2, claim, status="in_review", notes="Theirs.").status_code == 302
    before = Claim.objects.get(pk=claim.pk)

    claim.version = stale_version
    response = review(
        desk, claim, status="reviewed", rating=rating("False").pk, notes="My careful note."
    )
    assert response.status_code == 409
    html = response.content.decode()
    assert "Someone else changed this claim" in html
    assert "other-editor" in html
    assert "<del>New</del></td><td><ins>In review</ins>" in html  # what they changed
    assert "My careful note." in html  # what this editor typed is kept
    after = Claim.objects.get(pk=claim.pk)
    assert (after.status, after.notes, after.rating, after.version) == (
        before.status,
        before.notes,
        before.rating,
        before.version,
    )
    # The kept form carries the current version: saving again is a deliberate overwrite.
    assert f'name="version" value="{after.version}"' in html


@pytest.mark.parametrize(
    "payload",
    [
        "<script>alert('x')</script>Plain words",
        '<img src="x" onerror="alert(1)">Plain words',
        '<a href="javascript:alert(1)">Plain words</a>',
        '<p onmouseover="alert(1)">Plain words</p>',
    ],
)
def test_a_hostile_note_is_stored_and_shown_sanitised(desk, seed, payload):
    claim = seed["putin-glad"]
    assert review(desk, claim, notes=payload).status_code == 302
    stored = Claim.objects.get(pk=claim.pk).notes
    html = desk.get(claim.get_absolute_url()).content.decode()
    for needle in ("<script", "onerror", "javascript:", "onmouseover"):
        assert needle not in stored
        assert needle not in html.split('id="notes"')[1].split("</section>")[0]
    assert "Plain words" in stored


def test_a_safe_link_in_a_note_stays_a_link(desk, seed):
    claim = seed["putin-glad"]
    review(desk, claim, notes='See <a href="https://example.org/x">the report</a>.')
    html = desk.get(claim.get_absolute_url()).content.decode()
    assert (
        '<a href="https://example.org/x" rel="nofollow noopener noreferrer">the report</a>' in html
    )


def test_editors_add_evidence_and_bad_links_are_refused(desk, editor, seed):
    claim = seed["us-accusation"]
    url = reverse("claims:evidence-add", args=[claim.pk])
    response = desk.post(url, {"url": "javascript:alert(1)", "title": "x"})
    assert response.status_code == 400 and "Enter a valid URL" in response.content.decode()
    assert not Evidence.objects.exists()
    assert (
        desk.post(
            url, {"url": "https://example.org/un-report", "title": "UN panel report"}
        ).status_code
        == 302
    )
    evidence = Evidence.objects.get()
    assert (evidence.claim, evidence.added_by) == (claim, editor)
    # Listed under Evidence, as a link (the history also names it, without one).
    assert (
        '<a href="https://example.org/un-report" rel="nofollow noopener noreferrer">'
        "UN panel report</a>" in desk.get(claim.get_absolute_url()).content.decode()
    )


def test_bulk_status_and_assignment_from_the_list(desk, editor, seed):
    chosen = [seed["putin-glad"].pk, seed["outside-help"].pk]
    url = reverse("claims:claim-bulk")
    back = reverse("claims:claim-list") + "?speaker=Putin"
    response = desk.post(
        url, {"claims": chosen, "action": "status", "status": "in_review", "next": back}
    )
    assert response.status_code == 302 and response.url == back
    desk.post(url, {"claims": chosen, "action": "assign", "assignee": editor.pk})
    for claim in Claim.objects.filter(pk__in=chosen):
        assert (claim.status, claim.assigned_to) == ("in_review", editor)
        assert claim.history.first().history_user == editor


def test_bulk_reviewed_without_verdict_is_refused_per_claim(desk, seed):
    url = reverse("claims:claim-bulk")
    response = desk.post(
        url,
        {"claims": [seed["putin-glad"].pk], "action": "status", "status": "reviewed"},
        follow=True,
    )
    assert "left unchanged" in response.content.decode()
    assert Claim.objects.get(pk=seed["putin-glad"].pk).status == "new"


def test_bulk_refuses_an_outside_redirect(desk, seed):
    response = desk.post(
        reverse("claims:claim-bulk"),
        {"claims": [seed["putin-glad"].pk], "action": "assign", "next": "https://evil.example/"},
    )
    assert response.url == reverse("claims:claim-list")


def test_the_source_page_highlights_every_claim_and_escapes_the_text(desk):
    source = make_source(body='<b>Bold</b> claim: the mayor said "taxes will fall" today.')
    claim = make_claim(source=source, text="taxes will fall")
    html = desk.get(source.get_absolute_url()).content.decode()
    assert "&lt;b&gt;Bold&lt;/b&gt;" in html and "<b>Bold</b>" not in html
    assert f'<a href="{claim.get_absolute_url()}">taxes will fall</a></mark>' in html


def test_identical_spans_of_two_speakers_both_link_from_the_source_page(desk, seed):
    html = desk.get(seed["russia-denial"].source.get_absolute_url()).content.decode()
    for key in ("russia-denial", "dprk-denial"):
        assert f'id="claim-{seed[key].pk}"' in html


def test_the_speaker_page_shows_aliases_claims_and_a_scorecard(desk, seed):
    putin = seed["putin-glad"].speaker
    Claim.objects.filter(pk=seed["putin-glad"].pk).update(status="reviewed", rating=rating("True"))
    response = desk.get(putin.get_absolute_url())
    html = response.content.decode()
    assert "Putin" in html and "President of Russia" in html
    # Each verdict's row: its label, its bar (an SVG: no inline style for the CSP to block)
    # as a share of the longest, and its count.
    rows = re.findall(
        r'<th scope="row">([^<]*)</th>.*?<rect width="(\d+)".*?<td class="n">(\d+)</td>', html, re.S
    )
    card = {label: (int(n), int(width)) for label, width, n in rows}
    assert card["True"] == (1, 50) and card["No verdict yet"] == (2, 100)
    assert card["False"] == (0, 0)
    assert len(response.context["page"].object_list) == 3


def test_the_dashboard_shows_counts_my_queue_oldest_first_and_recent_changes(desk, editor):
    speaker = make_speaker()
    first, second, done = (make_claim(speaker=speaker) for _ in range(3))
    for claim in (second, first, done):
        claim.assigned_to = editor
        claim.save()
    done.status, done.rating = "reviewed", rating("False")
    done.save()
    response = desk.get(reverse("claims:dashboard"))
    assert [row["pk"] for row in response.context["queue"]] == [first.pk, second.pk]
    assert dict((v, n) for v, _, n in response.context["statuses"])["reviewed"] == 1
    assert response.context["recent"][0]["pk"] == done.pk


def test_the_review_form_cannot_take_a_claim_out_of_published(desk, editor):
    claim = publish(make_claim(), editor)
    page = desk.get(claim.get_absolute_url()).content.decode()
    offered = re.search(r'<select name="status".*?</select>', page, re.S).group()
    assert re.findall(r'<option value="([^"]*)"', offered) == ["published"]
    response = review(desk, claim, status="in_review")
    assert response.status_code == 400
    assert "leaves Published only through Unpublish" in response.content.decode()
    claim.refresh_from_db()
    assert claim.status == "published" and claim.published_at is not None


def test_bulk_status_leaves_published_claims_alone_and_says_why(desk, editor):
    claim = publish(make_claim(), editor)
    other = make_claim()
    response = desk.post(
        reverse("claims:claim-bulk"),
        {"claims": [claim.pk, other.pk], "action": "status", "status": "in_review"},
        follow=True,
    )
    assert f"Claim #{claim.pk} left unchanged" in response.content.decode()
    claim.refresh_from_db()
    other.refresh_from_db()
    assert (claim.status, other.status) == ("published", "in_review")


def test_a_claim_unpublished_while_reviewing_gives_the_conflict_page(client, desk, editor):
    from claims import services

    claim = publish(make_claim(), editor)
    stale = Claim.objects.get(pk=claim.pk)
    services.unpublish(
        claim.pk, editor, claim.version, reason="Checking again."
    )  # another editor, meanwhile
    response = review(desk, stale, notes="Still holds.")
    assert response.status_code == 409
    assert "Someone else changed this claim" in response.content.decode()
    assert Claim.objects.get(pk=claim.pk).notes == ""


def test_a_review_without_a_version_is_a_conflict_not_a_save(desk):
    claim = make_claim()
    response = desk.post(
        reverse("claims:claim-review", args=[claim.pk]), {"status": "in_review", "notes": ""}
    )
    assert response.status_code == 409
    assert Claim.objects.get(pk=claim.pk).status == "new"
