"""Every URL × role × method gives the expected outcome, generated from the URLconf.

Methods a URL does not list answer 405 once sign-in and role checks have passed: GET,
POST, PUT, PATCH and DELETE are asserted for every URL and role.

A new view without an entry in EXPECTED fails `test_every_url_has_an_access_rule`, so no
page can ship without someone deciding who may see it.
"""

from urllib.parse import urlencode

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from claims.models import ClaimRelation, DuplicateSuggestion, Evidence

from .conftest import make_claim, make_speaker

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "outsider", "viewer", "contributor", "editor"]
LOGIN = "login"  # a redirect to the sign-in page

READ = {
    "GET": {"anonymous": LOGIN, "outsider": 403, "viewer": 200, "contributor": 200, "editor": 200},
    "POST": {"anonymous": LOGIN, "outsider": 403, "viewer": 405, "contributor": 405, "editor": 405},
}
REVIEW = {
    "GET": {"anonymous": LOGIN, "outsider": 403, "viewer": 403, "contributor": 403, "editor": 405},
    "POST": {"anonymous": LOGIN, "outsider": 403, "viewer": 403, "contributor": 403, "editor": 302},
}
# Unpublishing: GET asks for confirmation and a reason (the test claim is not published,
# so the editor is sent back to it); POST without a reason changes nothing and says why.
UNPUBLISH = {
    "GET": {"anonymous": LOGIN, "outsider": 403, "viewer": 403, "contributor": 403, "editor": 302},
    "POST": {"anonymous": LOGIN, "outsider": 403, "viewer": 403, "contributor": 403, "editor": 302},
}
CONTRIBUTE = {
    "GET": {"anonymous": LOGIN, "outsider": 403, "viewer": 403, "contributor": 200, "editor": 200},
    "POST": {"anonymous": LOGIN, "outsider": 403, "viewer": 403, "contributor": 200, "editor": 200},
}
SAVE_IMPORT = {
    "GET": {"anonymous": LOGIN, "outsider": 403, "viewer": 403, "contributor": 405, "editor": 405},
    "POST": {"anonymous": LOGIN, "outsider": 403, "viewer": 403, "contributor": 302, "editor": 302},
}
REVIEW_FORM = {
    "GET": {"anonymous": LOGIN, "outsider": 403, "viewer": 403, "contributor": 403, "editor": 200},
    "POST": REVIEW["POST"],
}
ENTER_CLAIM = {
    "GET": CONTRIBUTE["GET"],
    "POST": {"anonymous": LOGIN, "outsider": 403, "viewer": 403, "contributor": 302, "editor": 302},
}
WRITES = ["POST", "PUT", "PATCH", "DELETE"]
API_READ = {"anonymous": 401, "outsider": 403, "viewer": 200, "contributor": 200, "editor": 200}
SIGNED_IN = {"anonymous": LOGIN, "outsider": 200, "viewer": 200, "contributor": 200, "editor": 200}

EXPECTED = {
    "claims:claim-list": READ,
    "claims:dashboard": READ,
    "claims:claim-export": READ,
    "claims:claim-detail": READ,
    "claims:speaker-detail": READ,
    "claims:source-detail": READ,
    "claims:claim-review": REVIEW,
    "claims:evidence-add": REVIEW,
    "claims:claim-bulk": REVIEW,
    "claims:claim-publish": REVIEW,
    "claims:suggestion-decide": REVIEW,
    "claims:claim-unpublish": UNPUBLISH,
    "claims:relation-add": REVIEW,
    "claims:relation-remove": REVIEW,
    "claims:evidence-edit": REVIEW_FORM,
    "claims:evidence-delete": REVIEW,
    "claims:speaker-merge": REVIEW,
    "claims:claim-new": ENTER_CLAIM,
    "claims:import-start": CONTRIBUTE,
    "claims:import-save": SAVE_IMPORT,
    # Public pages: anyone, signed in or not. The test claim is not published: 404.
    "public:index": {"GET": {r: 200 for r in ROLES}},
    "public:ratings": {"GET": {r: 200 for r in ROLES}},
    "public:feed": {"GET": {r: 200 for r in ROLES}, "POST": {r: 405 for r in ROLES}},
    "public:datafeed": {"GET": {r: 200 for r in ROLES}, "POST": {r: 405 for r in ROLES}},
    "public:fact-check": {"GET": {r: 404 for r in ROLES}, "POST": {r: 405 for r in ROLES}},
    # The JSON API answers 401 (not a login redirect) and is read-only.
    **{
        # The API refuses a write before asking who is calling: there is nothing to write.
        f"api:{name}": {"GET": API_READ, **{m: {r: 405 for r in ROLES} for m in WRITES}}
        for name in (
            "claim-list",
            "claim-detail",
            "speaker-list",
            "speaker-detail",
            "source-list",
            "source-detail",
        )
    },
    "api:openapi": {"GET": {r: 200 for r in ROLES}},
    # Sign-in forms re-shown with their errors (an empty POST) answer 200.
    "login": {
        "GET": {**{r: 302 for r in ROLES}, "anonymous": 200},
        "POST": {**{r: 302 for r in ROLES}, "anonymous": 200},
    },
    "logout": {"POST": {r: 302 for r in ROLES}, "GET": {r: 405 for r in ROLES}},
    "password_change": {"GET": SIGNED_IN, "POST": SIGNED_IN},
    "password_change_done": {"GET": SIGNED_IN},
}


def url_names(patterns=None, namespace=""):
    """Every named URL outside the admin (which has its own smoke test)."""
    for entry in patterns if patterns is not None else get_resolver().url_patterns:
        if isinstance(entry, URLResolver):
            if entry.app_name == "admin":
                continue
            ns = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from url_names(entry.url_patterns, ns)
        elif isinstance(entry, URLPattern) and entry.name:
            yield namespace + entry.name


def test_every_url_has_an_access_rule():
    assert set(url_names()) == set(EXPECTED)


def url_for(name, claim):
    kwargs = {}
    if name == "claims:claim-export":
        kwargs = {"fmt": "csv"}
    elif name == "claims:suggestion-decide":
        other = make_claim()
        suggestion = DuplicateSuggestion.objects.create(claim=claim, original=other, score=90)
        kwargs = {"pk": claim.pk, "suggestion": suggestion.pk, "decision": "dismiss"}
    elif name == "claims:relation-remove":
        relation = ClaimRelation.objects.create(
            from_claim=claim, to_claim=make_claim(), kind="denies"
        )
        kwargs = {"pk": claim.pk, "relation": relation.pk}
    elif name in {"claims:evidence-edit", "claims:evidence-delete"}:
        item = Evidence.objects.create(claim=claim, url="https://example.org/e", title="E")
        kwargs = {"pk": claim.pk, "evidence": item.pk}
    elif name in {"api:claim-detail"}:
        kwargs = {"pk": claim.pk}
    elif name == "api:speaker-detail":
        kwargs = {"pk": claim.speaker_id}
    elif name == "api:source-detail":
        kwargs = {"pk": claim.source_id}
    elif "speaker" in name and name.startswith("claims:"):
        kwargs = {"pk": claim.speaker_id}
    elif ("source" in name or name == "claims:claim-new") and name.startswith("claims:"):
        kwargs = {"pk": claim.source_id}
    elif name in {
        "claims:claim-detail",
        "claims:claim-review",
        "claims:evidence-add",
        "claims:relation-add",
        "claims:claim-publish",
        "claims:claim-unpublish",
        "public:fact-check",
    }:
        kwargs = {"pk": claim.pk}
    return reverse(name, kwargs=kwargs)


def valid_post(name, claim):
    """A POST that a permitted user could submit successfully."""
    if name == "claims:claim-review":
        return {"status": "in_review", "version": claim.version, "notes": "Checking."}
    if name == "claims:evidence-add":
        return {"url": "https://example.org/source", "title": "Report"}
    if name in {"claims:claim-publish", "claims:claim-unpublish"}:
        return {"version": claim.version}
    if name == "claims:import-start":
        return {"text": "The mayor said the budget would balance."}
    if name == "claims:import-save":
        body = "The mayor said the budget would balance."
        return {
            "body": body,
            "title": "Budget",
            "form-TOTAL_FORMS": 1,
            "form-INITIAL_FORMS": 0,
            "form-0-keep": "on",
            "form-0-text": "the budget would balance",
            "form-0-start": 15,
            "form-0-end": 39,
            "form-0-speaker": "mayor",
            "form-0-kind": "paraphrase",
        }
    if name == "claims:evidence-edit":
        return {"url": "https://example.org/better", "title": "Better report"}
    if name == "claims:relation-add":
        return {"to_claim": make_claim().pk, "kind": "disputes"}
    if name == "claims:speaker-merge":
        return {"other": make_speaker().name}
    if name == "claims:claim-new":
        return {
            "words": "the bridge would open in May",
            "speaker": "The minister",
            "kind": "direct",
        }
    if name == "claims:claim-bulk":
        return {"claims": [claim.pk], "action": "status", "status": "in_review"}
    return {}


def not_allowed(rules):
    """A method a URL does not list: 405, once sign-in and role checks have passed (the
    redirect to sign in, 401 and 403 stay as for the URL's own first method)."""
    first = next(iter(rules.values()))
    return {role: code if code in {LOGIN, 401, 403} else 405 for role, code in first.items()}


# Every URL answers every method: what EXPECTED lists, else 405 (after sign-in and role).
for _rules in EXPECTED.values():
    for _method in ["GET", *WRITES]:
        _rules.setdefault(_method, not_allowed(_rules))

CASES = [
    (name, method, role)
    for name, methods in EXPECTED.items()
    for method in methods
    for role in ROLES
]


@pytest.mark.parametrize(("name", "method", "role"), CASES)
def test_access(client, request, name, method, role):
    if role != "anonymous":
        client.force_login(request.getfixturevalue(role))
    claim = make_claim()
    url = url_for(name, claim)
    if method == "GET":
        response = client.get(url)
    elif method == "POST":
        response = client.post(url, valid_post(name, claim))
    else:  # PUT, PATCH, DELETE: a form-encoded body, as a script would send one
        body = urlencode(valid_post(name, claim), doseq=True)
        response = client.generic(method, url, body, "application/x-www-form-urlencoded")
    expected = EXPECTED[name][method][role]
    if expected == LOGIN:
        assert response.status_code == 302
        assert response.url.startswith(reverse("login") + "?next=")
    else:
        assert response.status_code == expected
