"""The read-only JSON API: auth, the list's filters, pagination, details, OpenAPI."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openapi_spec_validator import validate

from claims.models import ApiToken, Claim

from .conftest import make_claim, make_speaker, rating

pytestmark = pytest.mark.django_db
CLAIMS = reverse("api:claim-list")


@pytest.fixture
def token(viewer):
    return ApiToken.issue(viewer, "tests")[1]


@pytest.fixture
def api(client, token):
    client.defaults["HTTP_AUTHORIZATION"] = f"Token {token}"
    return client


def test_anonymous_requests_are_refused_with_json(client, seed):
    response = client.get(CLAIMS)
    assert response.status_code == 401
    assert response["WWW-Authenticate"].startswith("Token")
    assert "Authorization: Token" in response.json()["detail"]


def test_a_token_is_accepted_and_its_use_recorded(api, seed, viewer):
    response = api.get(CLAIMS)
    assert response.status_code == 200 and response.json()["count"] == 15
    assert ApiToken.objects.get(user=viewer).last_used_at is not None


def test_a_wrong_token_is_refused(client, seed):
    response = client.get(CLAIMS, HTTP_AUTHORIZATION="Token not-a-real-key")
    assert response.status_code == 401


def test_a_token_of_a_user_without_a_role_is_forbidden(client, outsider, seed):
    key = ApiToken.issue(outsider, "no role")[1]
    assert client.get(CLAIMS, HTTP_AUTHORIZATION=f"Token {key}").status_code == 403


def test_a_signed_in_editor_reads_with_the_session(client, editor, seed):
    client.force_login(editor)
    assert client.get(CLAIMS).status_code == 200


def test_the_api_is_read_only(api, seed):
    response = api.post(CLAIMS, {})
    assert response.status_code == 405 and response.json()["detail"] == "This API is read-only."


def test_filters_mean_what_they_mean_on_the_list(api, seed):
    found = api.get(CLAIMS, {"speaker": "Putin"}).json()
    assert {r["id"] for r in found["results"]} == {
        seed[k].pk for k in ("putin-came-here", "putin-no-hurry", "putin-glad")
    }
    found = api.get(CLAIMS, {"status": "new", "kind": "direct"}).json()
    assert found["count"] == 3
    found = api.get(CLAIMS, {"relayed_by": "KCNA"}).json()
    assert [r["speaker"] for r in found["results"]] == ["Kim Jong Un"]


@pytest.mark.parametrize(
    "params, field",
    [
        ({"status": "approved"}, "status"),
        ({"claimed_after": "soon"}, "claimed"),
        ({"verdict": "x"}, "verdict"),
    ],
)
def test_invalid_filters_get_a_400_naming_them(api, seed, params, field):
    response = api.get(CLAIMS, params)
    assert response.status_code == 400
    assert list(response.json()["errors"]) == [field]


def test_pagination(api, seed):
    first = api.get(CLAIMS, {"page_size": 6, "order": "speaker"}).json()
    assert (first["count"], len(first["results"]), first["previous"]) == (15, 6, None)
    assert "page=2" in first["next"] and "order=speaker" in first["next"]
    last = api.get(CLAIMS, {"page_size": 6, "order": "speaker", "page": 3}).json()
    assert len(last["results"]) == 3 and last["next"] is None
    seen = [r["id"] for r in first["results"]] + [r["id"] for r in last["results"]]
    assert len(set(seen)) == 9
    assert api.get(CLAIMS, {"page": 99}).status_code == 404
    assert api.get(CLAIMS, {"page_size": 0}).status_code == 400


@pytest.mark.parametrize(
    "order, key",
    [
        ("", lambda c: (c.updated_at, c.pk)),
        ("claimed", lambda c: (c.claimed_on is None, c.claimed_on or 0, c.pk)),
        ("-speaker", lambda c: (c.speaker.name, c.pk)),
    ],
)
def test_following_next_links_lists_every_claim_once_in_order(api, seed, order, key):
    """Pages are read as plain values (representation.values_of); their cursors come from
    those rows."""
    url, seen = f"{CLAIMS}?page_size=4" + (f"&order={order}" if order else ""), []
    while url:
        page = api.get(url).json()
        seen += [row["id"] for row in page["results"]]
        url = page["next"]
    claims = sorted(seed.values(), key=key, reverse=order in ("", "-speaker"))
    if order == "claimed":  # ascending dates, undated last, ties by id ascending
        claims = sorted(seed.values(), key=key)
    assert seen == [c.pk for c in claims]


def test_a_numbered_page_skips_rows_by_id_alone(api, seed):
    """The rows a numbered page skips are walked by id, without the joins the page's own
    rows read (a values() query keeps its joins in every query made from it)."""
    with CaptureQueriesContext(connection) as ctx:
        page = api.get(CLAIMS, {"page": 3, "page_size": 4}).json()
    assert len(page["results"]) == 4
    skipping = [q["sql"] for q in ctx.captured_queries if "OFFSET 8" in q["sql"]]
    assert len(skipping) == 1 and "JOIN" not in skipping[0]


@pytest.mark.parametrize("related", [True, False])
def test_a_claim_reads_the_same_in_the_list_as_in_detail(api, editor, related):
    extra = (
        {
            "relayed_by": make_speaker(name="A Coast Guard"),
            "rating": rating("Mixed"),
            "assigned_to": editor,
            "claim_reviewed": "The bridge opens in May.",
            "claimed_on": "2024-05-01",
        }
        if related
        else {}
    )
    claim = make_claim(**extra)
    listed = api.get(CLAIMS).json()["results"]
    detail = api.get(reverse("api:claim-detail", args=[claim.pk])).json()
    assert listed == [{name: detail[name] for name in listed[0]}]
    assert (listed[0]["relayed_by"], listed[0]["assigned_to"]) == (
        ("A Coast Guard", editor.username) if related else (None, None)
    )


def test_a_claim_in_detail_with_relations_and_claimreview_once_published(api, seed, editor, client):
    accusation = seed["us-accusation"]
    data = api.get(reverse("api:claim-detail", args=[accusation.pk])).json()
    assert data["statement"] == accusation.text and data["claimreview"] is None
    assert {(r["from"], r["kind"]) for r in data["relations"]} == {
        (seed["russia-denial"].pk, "denies"),
        (seed["dprk-denial"].pk, "denies"),
    }
    Claim.objects.filter(pk=accusation.pk).update(
        status="reviewed",
        rating=rating("Mixed"),
        claim_reviewed="North Korea provides arms to Russia.",
        explanation="<p>No evidence was offered.</p>",
    )
    accusation.refresh_from_db()
    client.force_login(editor)
    client.post(
        reverse("claims:claim-publish", args=[accusation.pk]), {"version": accusation.version}
    )
    data = api.get(reverse("api:claim-detail", args=[accusation.pk])).json()
    assert data["claimreview"]["reviewRating"]["alternateName"] == "Mixed"
    assert data["public_url"].endswith(accusation.get_public_url())
    assert api.get(reverse("api:claim-detail", args=[99999])).status_code == 404


def test_speakers_and_sources(api, seed):
    speakers = api.get(reverse("api:speaker-list"), {"q": "kim"}).json()["results"]
    kim = next(s for s in speakers if s["name"] == "Kim Jong Un")
    assert set(kim["aliases"]) == {"Kim", "Kim Jong"} and kim["claims"] == 1
    putin = seed["putin-glad"].speaker
    assert api.get(reverse("api:speaker-detail", args=[putin.pk])).json()["claims"] == 3
    sources = api.get(reverse("api:source-list")).json()
    assert sources["count"] == 1 and sources["results"][0]["claims"] == 15
    source = api.get(reverse("api:source-detail", args=[sources["results"][0]["id"]])).json()
    claim = seed["putin-glad"]
    assert source["body"][claim.span_start : claim.span_end] == claim.text


def test_the_openapi_document_validates_and_matches_the_urls(client):
    response = client.get(reverse("api:openapi"))
    assert response.status_code == 200
    document = response.json()
    validate(document)  # raises on an invalid OpenAPI document
    documented = set(document["paths"])
    assert documented == {
        "/claims/",
        "/claims/{id}/",
        "/speakers/",
        "/speakers/{id}/",
        "/sources/",
        "/sources/{id}/",
    }
    for path in documented:
        url = "/api" + path.replace("{id}", "1")
        assert client.get(url).status_code == 401  # exists, and asks for a token


@pytest.mark.parametrize(
    ("url", "params", "unknown"),
    [
        (CLAIMS, {"speeker": "Putin"}, ["speeker"]),
        (CLAIMS, {"speaker": "Putin", "format": "csv", "limit": "5"}, ["format", "limit"]),
        (reverse("api:speaker-list"), {"name": "Kim"}, ["name"]),
        (reverse("api:source-list"), {"q": "Kim"}, ["q"]),
        # Named even beside a page size that is refused too.
        (CLAIMS, {"speeker": "Putin", "page_size": "0"}, ["speeker"]),
        (reverse("api:speaker-list"), {"name": "Kim", "page_size": "x"}, ["name"]),
    ],
)
def test_unknown_parameters_get_a_400_naming_them(api, seed, url, params, unknown):
    response = api.get(url, params)
    assert response.status_code == 400
    data = response.json()
    assert data["unknown"] == unknown
    assert all(name in data["detail"] for name in unknown)
    assert "Accepted parameters:" in data["detail"]


def test_a_detail_refuses_parameters_too(api, seed):
    claim = seed["us-accusation"]
    response = api.get(reverse("api:claim-detail", args=[claim.pk]), {"fields": "id"})
    assert response.status_code == 400 and response.json()["unknown"] == ["fields"]


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
def test_writes_get_a_json_405_even_from_a_signed_in_browser(editor, seed, method):
    # A browser session enforces CSRF; the API must still answer in JSON, not Django's
    # HTML "CSRF verification failed" page.
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(editor)
    for url in (CLAIMS, reverse("api:claim-detail", args=[seed["us-accusation"].pk])):
        response = getattr(browser, method)(url, {}, content_type="application/json")
        assert response.status_code == 405
        assert response["Content-Type"] == "application/json"
        assert response["Allow"] == "GET, HEAD"
        assert response.json()["detail"] == "This API is read-only."
    assert Claim.objects.count() == 15


def test_the_claim_shape_carries_the_claim_as_checked(api, seed):
    claim = seed["russia-denial"]
    Claim.objects.filter(pk=claim.pk).update(claim_reviewed="Russia denies buying arms.")
    found = api.get(CLAIMS, {"speaker": claim.speaker.name}).json()["results"]
    row = next(r for r in found if r["id"] == claim.pk)
    assert row["claim_as_checked"] == "Russia denies buying arms."
    other = next(r for r in api.get(CLAIMS).json()["results"] if r["id"] != claim.pk)
    assert other["claim_as_checked"] == other["statement"]  # the exact words until written
