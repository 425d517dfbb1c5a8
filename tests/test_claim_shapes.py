"""One claim shape for every reader: the API row, the CSV and JSON exports and the OpenAPI
schema come from claims/representation.py, and ClaimReview from the same claim."""

import csv
import datetime
import io
import json

import pytest
from django.urls import reverse

from claims.api.openapi import openapi_document
from claims.models import ApiToken
from claims.representation import COLUMNS, claim_row, review_of

from .conftest import make_claim, make_source, make_speaker, rating

pytestmark = pytest.mark.django_db


def _published(text, speaker_name, **overrides):
    source = make_source(
        title=f"On {text}",
        body=f"{speaker_name} said {text} today.",
        published_on=datetime.date(2024, 3, 1),
    )
    claim = make_claim(source=source, speaker=make_speaker(name=speaker_name), text=text)
    claim.status, claim.rating = "published", rating("False")
    claim.notes = "<p>Checked.</p>"
    claim.published_at = claim.first_published_at = datetime.datetime(
        2024, 3, 5, tzinfo=datetime.UTC
    )
    for name, value in overrides.items():
        setattr(claim, name, value)
    claim.save()
    return claim


def test_the_api_csv_and_openapi_agree_on_the_claim_fields(client, viewer):
    claim = make_claim()
    client.force_login(viewer)
    api_row = client.get(reverse("api:claim-detail", args=[claim.pk])).json()
    exported = client.get(reverse("claims:claim-export", args=["csv"]))
    header = next(csv.reader(io.StringIO(b"".join(exported.streaming_content).decode())))
    schema = openapi_document("http://testserver/api/")["components"]["schemas"]["Claim"]
    assert header == COLUMNS
    assert set(COLUMNS) <= set(api_row)
    assert set(schema["properties"]) == {*COLUMNS, "url"}
    assert {name: api_row[name] for name in COLUMNS} == claim_row(claim)


def test_the_claimreview_item_is_dated_by_the_claim_not_the_article():
    claim = _published("the war will end soon", "A Minister")
    claim.claimed_on = datetime.date(2024, 2, 20)
    claim.save()
    review = review_of(claim, "https://example.org/fc/1")
    assert review["itemReviewed"]["datePublished"] == "2024-02-20"
    claim.claimed_on = None  # undated: the article's date is the best we know
    assert review_of(claim, "https://example.org/fc/1")["itemReviewed"]["datePublished"] == (
        "2024-03-01"
    )


def test_the_claimreview_export_follows_the_lists_filters(client, viewer):
    _published("the war will end soon", "A Minister")
    _published("taxes will fall", "A Senator")
    client.force_login(viewer)
    response = client.get(reverse("claims:claim-export", args=["claimreview"]), {"speaker": "Sen"})
    reviews = json.loads(b"".join(response.streaming_content))
    assert [r["claimReviewed"] for r in reviews] == ["taxes will fall"]


def test_the_api_never_serves_more_than_its_largest_page(client, viewer, monkeypatch):
    from claims.api import views

    monkeypatch.setattr(views, "MAX_PAGE_SIZE", 2)
    for _ in range(3):
        make_claim()
    key = ApiToken.issue(viewer, "paging")[1]
    response = client.get(
        reverse("api:claim-list"), {"page_size": 50}, HTTP_AUTHORIZATION=f"Token {key}"
    )
    assert response.status_code == 200
    assert len(response.json()["results"]) == 2 and response.json()["next"]
