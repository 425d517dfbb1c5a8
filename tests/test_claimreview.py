"""The ClaimReview mapping on its own (pure Python, no database): what fact-check
aggregators read, property by property, and markup that cannot break out of its script."""

import datetime
import json

from claims.claimreview import claim_review, script_json

BASE = dict(
    url="https://news.example/fact-checks/7/",
    claim_text="The bridge will open in May.",
    rating_label="False",
    rating_value=1,
    best=5,
    worst=1,
    explanation="Records show June.",
    date_published=datetime.datetime(2024, 3, 5, 10, 0, tzinfo=datetime.UTC),
    publisher_name="Example News",
    publisher_url="https://news.example/",
    speaker_name="Ann Minister",
    speaker_kind="person",
    speaker_same_as="https://www.wikidata.org/wiki/Q1",
    claim_date=datetime.date(2024, 3, 1),
    source_url="https://paper.example/article",
    source_title="Minister on the bridge",
    source_date=datetime.date(2024, 3, 2),
)


def test_a_complete_fact_check_maps_to_every_claimreview_property():
    appearance = {
        "@type": "CreativeWork",
        "url": "https://paper.example/article",
        "headline": "Minister on the bridge",
    }
    assert claim_review(**BASE) == {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "url": "https://news.example/fact-checks/7/",
        "claimReviewed": "The bridge will open in May.",
        "reviewRating": {
            "@type": "Rating",
            "alternateName": "False",
            "ratingValue": 1,
            "bestRating": 5,
            "worstRating": 1,
        },
        "author": {"@type": "Organization", "name": "Example News", "url": "https://news.example/"},
        "datePublished": "2024-03-05",
        "itemReviewed": {
            "@type": "Claim",
            "author": {
                "@type": "Person",
                "name": "Ann Minister",
                "sameAs": "https://www.wikidata.org/wiki/Q1",
            },
            "datePublished": "2024-03-01",
            "appearance": appearance,
            "firstAppearance": appearance,
        },
        "reviewBody": "Records show June.",
    }


def test_what_is_unknown_is_left_out_rather_than_left_empty():
    review = claim_review(
        **{
            **BASE,
            "rating_value": None,
            "explanation": "",
            "publisher_url": "",
            "speaker_kind": "government",
            "speaker_same_as": "",
            "claim_date": None,
            "source_date": None,
            "source_url": None,
        }
    )
    assert review["reviewRating"] == {"@type": "Rating", "alternateName": "False"}
    assert "reviewBody" not in review and "url" not in review["author"]
    assert review["itemReviewed"] == {
        "@type": "Claim",
        "author": {"@type": "Organization", "name": "Ann Minister"},
    }


def test_an_article_without_a_title_still_appears_by_its_address():
    review = claim_review(**{**BASE, "source_title": ""})
    assert review["itemReviewed"]["appearance"] == {
        "@type": "CreativeWork",
        "url": "https://paper.example/article",
    }


def test_script_json_cannot_close_its_script_and_keeps_text_readable():
    markup = script_json({"claimReviewed": "Kim’s </script><b>&</b>"})
    assert "</script>" not in markup and "<b>" not in markup and "&" not in markup
    assert "Kim’s" in markup  # readable in the page source, not \\u2019
    assert json.loads(markup) == {"claimReviewed": "Kim’s </script><b>&</b>"}


def test_a_corrected_fact_check_says_when_it_was_modified():
    corrected = datetime.datetime(2024, 3, 9, 8, 30, tzinfo=datetime.UTC)
    assert claim_review(**BASE, date_modified=corrected)["dateModified"] == (
        "2024-03-09T08:30:00+00:00"
    )
    assert "dateModified" not in claim_review(**BASE)
