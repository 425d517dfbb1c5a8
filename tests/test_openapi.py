"""The OpenAPI document is checked against real responses: every response it documents is
produced and its body validated against the documented schema, so the two cannot drift."""

from urllib.parse import parse_qs, urlparse

import pytest
from django.test import Client
from django.urls import reverse
from openapi_schema_validator import OAS30Validator, oas30_format_checker
from openapi_spec_validator import validate

from claims.models import ApiToken

from .conftest import make_user, publish, rating

pytestmark = pytest.mark.django_db


@pytest.fixture
def document(client):
    doc = client.get(reverse("api:openapi")).json()
    validate(doc)
    return doc


@pytest.fixture
def clients(viewer, outsider):
    def with_token(user):
        client = Client()
        client.defaults["HTTP_AUTHORIZATION"] = f"Token {ApiToken.issue(user, 'tests')[1]}"
        return client

    return {"reader": with_token(viewer), "no role": with_token(outsider), "anonymous": Client()}


def expand(path, seed):
    claim = seed["us-accusation"]
    ids = {"claims": claim.pk, "speakers": claim.speaker_id, "sources": claim.source_id}
    collection = path.strip("/").split("/")[1]
    return path.replace("{id}", str(ids[collection]))


def trigger(path, status, seed, clients):
    """The request that makes ``path`` answer ``status``, as (client, url, params)."""
    claim = seed["us-accusation"]
    ids = {"claims": claim.pk, "speakers": claim.speaker_id, "sources": claim.source_id}
    collection = path.strip("/").split("/")[0]
    url = "/api" + path.replace("{id}", str(ids[collection]))
    missing = "/api" + path.replace("{id}", "999999")
    return {
        "200": (clients["reader"], url, {}),
        "400": (clients["reader"], url, {"no_such_parameter": "1"}),
        "401": (clients["anonymous"], url, {}),
        "403": (clients["no role"], url, {}),
        "404": (clients["reader"], missing, {})
        if "{id}" in path
        else (
            clients["reader"],
            url,
            {"page": 100},  # past the end, yet within reach of page numbers
        ),
    }[status]


def validator(document, schema):
    root = {"components": document["components"], "allOf": [schema]}
    return OAS30Validator(root, format_checker=oas30_format_checker)


def test_every_documented_response_matches_a_real_one(document, seed, clients):
    # A published claim, so the detail carries ClaimReview too.
    publish(seed["us-accusation"], make_user("publisher", "Editor"), "Misleading")
    checked = []
    for path, operations in document["paths"].items():
        for status, documented in operations["get"]["responses"].items():
            client, url, params = trigger(path, status, seed, clients)
            response = client.get(url, params)
            assert response.status_code == int(status), (path, status)
            schema = documented["content"]["application/json"]["schema"]
            errors = list(validator(document, schema).iter_errors(response.json()))
            assert not errors, (path, status, [e.message for e in errors])
            checked.append((path, status))
    assert len(checked) == 6 * 5


def test_the_405_for_writes_matches_the_error_schema(document, seed, clients):
    response = clients["reader"].post("/api/claims/", {})
    assert response.status_code == 405
    error = {"$ref": "#/components/schemas/Error"}
    assert not list(validator(document, error).iter_errors(response.json()))


def sample(schema, seed):
    """A valid value for a documented parameter's schema."""
    if schema.get("type") == "array":
        return sample(schema["items"], seed)
    if "enum" in schema:
        return schema["enum"][0]
    if schema.get("format") == "date":
        return "2023-09-13"
    if schema.get("type") == "integer":
        return rating("False").pk
    return "Kim"


def test_every_query_parameter_the_api_accepts_is_documented(document, seed, clients):
    # Parameters not documented are refused (400); documented ones are accepted.
    for path, operations in document["paths"].items():
        url = expand("/api" + path, seed)
        for parameter in operations["get"]["parameters"]:
            if parameter["in"] != "query":
                continue
            value = sample(parameter["schema"], seed)
            if parameter["name"] == "source":
                value = seed["us-accusation"].source_id
            elif parameter["name"] in {"page", "page_size"}:
                value = 1
            elif parameter["name"] in {"after", "before"}:  # a cursor from a real page link
                link = clients["reader"].get(url, {"page_size": 1}).json()["next"]
                if link is None:  # a one-item list has no page after the first
                    continue
                # Lists paged by number alone (no cursor in their links) ignore a cursor.
                value = parse_qs(urlparse(link).query).get("after", ["unused"])[0]
            response = clients["reader"].get(url, {parameter["name"]: value})
            assert response.status_code == 200, (path, parameter["name"], response.json())
