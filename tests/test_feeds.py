"""Feeds for readers and aggregators: the Atom feed (RFC 4287, read with feedparser) and the
ClaimReview DataFeed."""

import datetime
import json

import feedparser
import pytest
from django.urls import reverse

from claims.models import Claim

from .conftest import make_speaker, rating
from .published import correct, published_claim

pytestmark = pytest.mark.django_db
FEED = reverse("public:feed")
DATAFEED = reverse("public:datafeed")
ONE_DAY = datetime.timedelta(days=1)


def read_feed(client):
    response = client.get(FEED)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    return feedparser.parse(response.content)


def test_the_feed_is_valid_atom_with_an_author(client, editor, settings):
    settings.PUBLISHER_NAME = "The Daily Check"
    claim = published_claim(editor)
    feed = read_feed(client)
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.version == "atom10"
    assert feed.feed.author == "The Daily Check"
    assert feed.feed.updated_parsed is not None
    [entry] = feed.entries
    assert entry.title == "Unproven: Russia will help North Korea build satellites."
    assert entry.link == "http://testserver" + claim.get_public_url()
    assert entry.author == "The Daily Check"
    assert "Neither government has published an agreement" in entry.summary
    assert "INTERNAL" not in entry.summary


def test_control_characters_from_pasted_text_do_not_break_the_feed(client, editor):
    # A form feed from a PDF and a vertical tab from Word, in the speaker's name and the text.
    speaker = make_speaker(name="Kim\x0bJong Un")
    claim = published_claim(editor, speaker=speaker)
    correct(claim, editor, "Cleaned.", claim_reviewed="North Korea\x0c will launch soon.")
    feed = read_feed(client)
    assert not feed.bozo
    [entry] = feed.entries
    assert entry.title == "Unproven: North Korea will launch soon."
    assert "\x0b" not in entry.summary and "KimJong Un" in entry.summary


def test_text_is_escaped_once_in_titles_and_summaries(client, editor):
    claim = published_claim(editor)
    correct(claim, editor, "Wording.", claim_reviewed="AT&T says <b>5G</b> is safe.")
    [entry] = read_feed(client).entries
    assert entry.title == "Unproven: AT&T says <b>5G</b> is safe."
    assert "AT&amp;T-style" in entry.summary  # HTML summary: & is written as &amp; once
    assert "&amp;amp;" not in entry.summary


def test_a_correction_moves_the_entrys_updated_date_and_carries_the_note(client, editor):
    claim = published_claim(editor)
    # Atom dates have whole seconds: publish "yesterday" so the correction is visibly later.
    Claim.objects.filter(pk=claim.pk).update(published_at=claim.published_at - ONE_DAY)
    before = read_feed(client).entries[0]
    correct(claim, editor, "The agreement was published.", rating=rating("Mostly true"))
    after = read_feed(client).entries[0]
    assert after.updated_parsed > before.updated_parsed
    assert after.published_parsed == before.published_parsed
    assert after.title.startswith("Mostly true:")
    assert "The agreement was published." in after.summary


def test_the_feed_leaves_out_unpublished_claims(client, editor):
    claim = published_claim(editor)
    from claims import services

    services.unpublish(claim.pk, editor, claim.version, reason="Withdrawn for checks.")
    assert read_feed(client).entries == []


@pytest.mark.parametrize("method", ["post", "put", "delete", "patch"])
def test_the_feeds_answer_only_get_and_head(client, method):
    for url in (FEED, DATAFEED):
        assert getattr(client, method)(url).status_code == 405
        assert client.head(url).status_code == 200


def read_datafeed(client):
    response = client.get(DATAFEED)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/ld+json")
    return json.loads(b"".join(response.streaming_content))


def test_the_datafeed_lists_every_published_fact_check_as_claimreview(client, editor):
    first = published_claim(editor)
    second = published_claim(editor, verdict="False")
    correct(second, editor, "Fixed the verdict.", rating=rating("Misleading"))
    data = read_datafeed(client)
    assert data["@context"] == "https://schema.org" and data["@type"] == "DataFeed"
    assert data["url"] == "http://testserver" + DATAFEED
    second.refresh_from_db()
    assert data["dateModified"] == second.corrected_at.isoformat()
    elements = data["dataFeedElement"]
    assert [e["@type"] for e in elements] == ["DataFeedItem", "DataFeedItem"]
    reviews = [e["item"][0] for e in elements]
    assert [r["url"] for r in reviews] == [
        "http://testserver" + c.get_public_url() for c in (first, second)
    ]
    for review in reviews:
        assert review["@type"] == "ClaimReview"
        assert {"claimReviewed", "reviewRating", "author", "datePublished", "itemReviewed"} <= (
            review.keys()
        )
    assert reviews[1]["reviewRating"]["alternateName"] == "Misleading"
    assert reviews[1]["dateModified"] == elements[1]["dateModified"]
    assert elements[0]["dateModified"] == elements[0]["dateCreated"]


def test_an_empty_datafeed_is_still_valid(client, db):
    data = read_datafeed(client)
    assert data["dataFeedElement"] == [] and data["dateModified"] is None


def test_the_datafeed_reads_in_a_fixed_number_of_queries(client, editor, django_assert_num_queries):
    for _ in range(3):
        published_claim(editor)
    # The latest change; the scale's bounds; the published claims with speaker, source
    # and rating (one chunk).
    with django_assert_num_queries(3):
        read_datafeed(client)


@pytest.mark.parametrize("count", [1, 6])
def test_the_feed_runs_three_queries_however_many_entries(
    client, editor, count, django_assert_num_queries
):
    for i in range(count):
        claim = published_claim(editor)
        correct(claim, editor, f"Fix {i}.", explanation=f"<p>Version {i}.</p>")
    # The public edition; the latest published claims with speaker, article and verdict;
    # their corrections.
    with django_assert_num_queries(3):
        assert len(read_feed(client).entries) == count
