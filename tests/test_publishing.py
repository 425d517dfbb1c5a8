"""Publishing: public pages with ClaimReview markup, withdrawal, the scale and the feed."""

import datetime
import xml.etree.ElementTree as ET

import extruct
import pytest
from django.urls import reverse

from claims.models import Claim, Evidence

from .conftest import make_claim, make_source, make_speaker, rating

pytestmark = pytest.mark.django_db


@pytest.fixture
def desk(client, editor):
    client.force_login(editor)
    return client


def reviewed_claim(**overrides):
    speaker = make_speaker(
        name="Vladimir Putin", kind="person", same_as="https://en.wikipedia.org/wiki/Vladimir_Putin"
    )
    source = make_source(
        title="Putin and Kim meet",
        url="https://example.org/putin-kim",
        published_on=datetime.date(2023, 9, 13),
        body="Putin said: “That’s why we have come here.” More text.",
    )
    claim = make_claim(
        source=source,
        speaker=speaker,
        text="That’s why we have come here.",
        claimed_on=datetime.date(2023, 9, 13),
        **overrides,
    )
    claim.status, claim.rating = "reviewed", rating("Mostly true")
    claim.claim_reviewed = "Putin travelled to Vostochny to meet Kim Jong Un on purpose."
    claim.explanation = "<p>The <b>transcript</b> confirms it.</p>"
    claim.notes = "<p>Internal: ask the Moscow desk before publishing.</p>"
    claim.save()
    return claim


def publish(client, claim):
    claim.refresh_from_db()
    return client.post(reverse("claims:claim-publish", args=[claim.pk]), {"version": claim.version})


def claim_reviews(html, url):
    data = extruct.extract(html, base_url=url, syntaxes=["json-ld"], uniform=True)
    return [item for item in data["json-ld"] if item.get("@type") == "ClaimReview"]


def test_a_published_claim_has_a_public_page_with_complete_claimreview(client, desk, settings):
    settings.PUBLISHER_NAME, settings.PUBLISHER_URL = "The Daily Check", "https://check.example"
    claim = reviewed_claim()
    Evidence.objects.create(
        claim=claim, url="https://example.org/transcript", title="Kremlin transcript"
    )
    assert publish(desk, claim).status_code == 302
    client.logout()  # the public page needs no sign-in
    page_url = reverse("public:fact-check", args=[claim.pk])
    response = client.get(page_url)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Kremlin transcript" in html and "Mostly true" in html
    reviews = claim_reviews(html, "http://testserver" + page_url)
    assert len(reviews) == 1
    review = reviews[0]
    claim.refresh_from_db()
    assert review["claimReviewed"] == claim.claim_reviewed
    assert review["url"] == "http://testserver" + page_url
    assert review["datePublished"] == claim.published_at.date().isoformat()
    assert review["author"] == {
        "@type": "Organization",
        "name": "The Daily Check",
        "url": "https://check.example",
    }
    assert review["reviewRating"] == {
        "@type": "Rating",
        "ratingValue": 4,
        "bestRating": 5,
        "worstRating": 1,
        "alternateName": "Mostly true",
    }
    item = review["itemReviewed"]
    assert item["@type"] == "Claim"
    assert item["author"] == {
        "@type": "Person",
        "name": "Vladimir Putin",
        "sameAs": "https://en.wikipedia.org/wiki/Vladimir_Putin",
    }
    assert item["datePublished"] == "2023-09-13"
    assert (
        item["appearance"]["url"]
        == item["firstAppearance"]["url"]
        == ("https://example.org/putin-kim")
    )
    assert review["reviewBody"] == "The transcript confirms it."
    assert "Moscow desk" not in html  # internal notes stay on the desk


def test_an_organisation_speaker_and_an_unscored_verdict(client, desk):
    claim = reviewed_claim()
    claim.speaker.kind = "government"
    claim.speaker.save()
    claim.rating = rating("Unproven")
    claim.save()
    publish(desk, claim)
    page_url = claim.get_public_url()
    review = claim_reviews(client.get(page_url).content.decode(), "http://testserver")[0]
    assert review["itemReviewed"]["author"]["@type"] == "Organization"
    assert review["reviewRating"] == {"@type": "Rating", "alternateName": "Unproven"}


def test_markup_cannot_be_broken_out_of_by_the_claim_text(client, desk):
    hostile = "</script><script>alert(1)</script>"
    source = make_source(body=f"A reader wrote: {hostile} and left.")
    claim = make_claim(source=source, text=hostile, claim_reviewed=hostile)
    claim.status, claim.rating = "reviewed", rating("False")
    claim.explanation = "<p>Hostile.</p>"
    claim.save()
    publish(desk, claim)
    html = client.get(claim.get_public_url()).content.decode()
    assert "<script>alert(1)" not in html
    assert claim_reviews(html, "http://testserver")[0]["claimReviewed"] == hostile


def test_an_unpublished_claim_has_no_public_page_and_no_markup(client, desk):
    claim = reviewed_claim()
    response = client.get(claim.get_public_url())
    assert response.status_code == 404
    assert "ClaimReview" not in response.content.decode()


def test_unpublishing_takes_the_page_down_with_410_and_is_in_the_history(client, desk, editor):
    claim = reviewed_claim()
    publish(desk, claim)
    claim.refresh_from_db()
    response = desk.post(
        reverse("claims:claim-unpublish", args=[claim.pk]),
        {"version": claim.version, "reason": "The transcript was misattributed."},
    )
    assert response.status_code == 302
    client.logout()
    gone = client.get(claim.get_public_url())
    html = gone.content.decode()
    assert gone.status_code == 410 and "application/ld+json" not in html
    claim.refresh_from_db()
    assert "withdrew it on" in html and claim.withdrawn_at.strftime("%-d %B %Y") in html
    assert "misattributed" not in html  # the reason is for the desk's history
    latest = claim.history.first()
    assert (latest.status, latest.history_user) == ("reviewed", editor)
    assert latest.history_change_reason == "Unpublished: The transcript was misattributed."
    assert latest.prev_record.status == "published"


def test_only_reviewed_claims_can_be_published(desk):
    claim = make_claim()
    response = desk.post(
        reverse("claims:claim-publish", args=[claim.pk]), {"version": claim.version}, follow=True
    )
    assert "Only a Reviewed claim" in response.content.decode()
    assert Claim.objects.get(pk=claim.pk).status == "new"


def test_a_stale_publish_button_publishes_nothing(desk):
    claim = reviewed_claim()
    stale = claim.version
    claim.cue = "stated"
    claim.save()
    response = desk.post(
        reverse("claims:claim-publish", args=[claim.pk]), {"version": stale}, follow=True
    )
    assert "changed this claim meanwhile" in response.content.decode()
    assert Claim.objects.get(pk=claim.pk).status == "reviewed"


def test_the_rating_scale_is_documented_publicly(client):
    html = client.get(reverse("public:ratings")).content.decode()
    assert "<code>bestRating</code> is 5" in html and "<code>worstRating</code> is 1" in html
    assert "Misleading" in html and "Unproven" in html


def test_the_public_index_filters_by_speaker_and_verdict(client, desk):
    putin = reviewed_claim()
    other = make_claim(speaker=make_speaker(name="Lim Soo-suk"), claim_reviewed="A bridge.")
    other.status, other.rating = "reviewed", rating("False")
    other.explanation = "<p>It did not.</p>"
    other.save()
    for claim in (putin, other):
        publish(desk, claim)
    client.logout()
    index = reverse("public:index")
    assert [c.pk for c in client.get(index).context["page"].object_list] == [other.pk, putin.pk]
    found = client.get(index, {"speaker": "putin"}).context["page"].object_list
    assert [c.pk for c in found] == [putin.pk]
    found = client.get(index, {"verdict": rating("False").pk}).context["page"].object_list
    assert [c.pk for c in found] == [other.pk]
    bad = client.get(index, {"verdict": "9999"})
    assert bad.status_code == 200 and "were not understood" in bad.content.decode()


def test_the_atom_feed_lists_published_fact_checks(client, desk):
    claim = reviewed_claim()
    publish(desk, claim)
    unpublished = make_claim()
    response = client.get(reverse("public:feed"))
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = ET.fromstring(response.content)  # noqa: S314 — our own feed, in a test
    ns = {"a": "http://www.w3.org/2005/Atom"}
    entries = feed.findall("a:entry", ns)
    assert len(entries) == 1
    assert entries[0].find("a:link", ns).get("href").endswith(claim.get_public_url())
    assert unpublished.text not in response.content.decode()
