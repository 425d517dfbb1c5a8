"""No input gives a server error or a traceback, and refused input writes nothing.

Hypothesis throws wrong types, NUL and control characters, invalid UTF-8, huge numbers and
strings and unknown choices at every query parameter, form field, path and management
command argument. A 500 fails the test as the exception it is (the test client re-raises
what a view raised). Bounded: the "default" profile runs a few examples per test in
`make test`; `.ci/run` runs the derandomized "ci" profile with more (HYPOTHESIS_PROFILE=ci);
"explore" is for a longer random hunt by hand.
"""

import os
from io import StringIO
from urllib.parse import quote, quote_from_bytes, urlencode

import pytest
from django.contrib import admin
from django.core.management import CommandError, call_command
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from claims.filters import ClaimFilter, PublicFilter
from claims.models import (
    ApiToken,
    Claim,
    ClaimRelation,
    Evidence,
    Source,
    Speaker,
)

from .conftest import make_claim

# Fixtures are made once per test, not per example: each example reads or is refused, and
# the write checks compare the database before and after.
_common = {
    "deadline": None,
    "suppress_health_check": [HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    "database": None,  # nothing saved between runs: every run is the same bounded run
}
settings.register_profile("default", max_examples=12, derandomize=True, **_common)
settings.register_profile("ci", max_examples=60, derandomize=True, **_common)
settings.register_profile("explore", max_examples=500, **_common)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))

pytestmark = pytest.mark.django_db

# Values that have broken web applications before, tried first and then mixed with noise.
NASTY = [
    "",
    "\x00",
    "a\x00b",
    "\x01\x1f\x7f",
    "\r\n",
    "-1",
    "0",
    "1.5",
    "99999999999",
    "99999999999999999999999999",
    "-99999999999999999999",
    "1e309",
    "NaN",
    "inf",
    "9" * 400,
    "x" * 5000,
    "2024-02-30",
    "0000-00-00",
    "99999-01-01",
    "true",
    "[]",
    "{}",
    "../../../../etc/passwd",
    "<script>alert(1)</script>",
    "' OR 1=1 --",
    "%",
    "_",
    "ü€😀",
    "\u202e",
    "\ufeff",
]
text = st.one_of(
    st.sampled_from(NASTY),
    st.text(st.characters(exclude_categories=["Cs"]), max_size=40),
    st.integers().map(str),
)
# A raw query-string value: any bytes, invalid UTF-8 included, percent-encoded as sent.
raw_bytes = st.binary(max_size=24).map(quote_from_bytes)


def query(names):
    """A query string over ``names`` (plus unknown names), repeated keys allowed."""
    pair = st.tuples(st.sampled_from([*names, "zz_unknown"]), text)
    raw = st.tuples(st.sampled_from(names), raw_bytes).map(lambda p: f"{p[0]}={p[1]}")
    encoded = st.lists(pair, max_size=4).map(lambda pairs: urlencode(pairs))
    return st.one_of(encoded, st.lists(raw, min_size=1, max_size=3).map("&".join))


def tables():
    """Row counts of everything a request or command could write."""
    return [m.objects.count() for m in (Claim, Source, Speaker, Evidence, ClaimRelation)] + [
        Claim.history.count(),
        ApiToken.objects.count(),
    ]


@pytest.fixture
def claim(db):
    return make_claim(notes="See https://example.org/report.")


CLAIM_FILTERS = [*ClaimFilter.base_filters, "claimed_after", "claimed_before", "page"]
PAGES = {
    "claims:claim-list": CLAIM_FILTERS,
    "claims:dashboard": ["page"],
    "claims:claim-export": CLAIM_FILTERS,
    "public:index": [*PublicFilter.base_filters, "page"],
    "public:ratings": ["page"],
    "public:feed": ["page"],
    "api:claim-list": [*CLAIM_FILTERS, "page_size"],
    "api:speaker-list": ["q", "page", "page_size"],
    "api:source-list": ["page", "page_size"],
    "claims:import-start": ["page"],
}


def page_url(name, claim):
    if name == "claims:claim-export":
        return reverse(name, args=["csv"])
    return reverse(name)


@pytest.mark.parametrize("name", PAGES)
def test_no_query_string_makes_a_page_fail(client, editor, claim, name):
    client.force_login(editor)
    url = page_url(name, claim)

    @given(query(PAGES[name]))
    def request(qs):
        response = client.get(f"{url}?{qs}")
        assert response.status_code < 500
        if response.streaming:
            b"".join(response.streaming_content)  # the export fails while streaming, if at all

    request()


DETAILS = ["claims:claim-detail", "claims:speaker-detail", "claims:source-detail"]


@pytest.mark.parametrize("name", [*DETAILS, "public:fact-check", "api:claim-detail"])
def test_no_path_number_makes_a_detail_page_fail(client, editor, claim, name):
    client.force_login(editor)
    template = reverse(name, args=[12345])

    @given(st.one_of(st.integers(min_value=0), st.sampled_from(NASTY)).map(str), query(["page"]))
    def request(pk, qs):
        response = client.get(template.replace("12345", quote(pk, safe="")) + "?" + qs)
        assert response.status_code < 500

    request()


@given(st.text(st.characters(exclude_categories=["Cs"]), max_size=60))
def test_no_address_gives_a_server_error(client, editor, path):
    client.force_login(editor)
    assert client.get("/" + quote(path)).status_code < 500


def test_a_nul_in_the_query_string_is_refused_with_a_clear_message(client, editor):
    client.force_login(editor)
    response = client.get("/api/speakers/?q=%00")
    assert response.status_code == 400
    assert "NUL" in response.content.decode()


def changelist_parameters(model_admin):
    """The query parameters a changelist reads: its filters, search, order, page, dates."""
    names = ["q", "o", "p", "all", "e", "_to_field", "_popup"]
    for entry in model_admin.list_filter:
        field = entry if isinstance(entry, str) else getattr(entry, "parameter_name", None)
        if field:
            names += [field, f"{field}__exact", f"{field}__id__exact", f"{field}__isnull"]
    if model_admin.date_hierarchy:
        names += [f"{model_admin.date_hierarchy}__{part}" for part in ("year", "month", "day")]
    return names


ADMINS = list(admin.site._registry.items())


@pytest.mark.parametrize(("model", "model_admin"), ADMINS, ids=lambda m: getattr(m, "__name__", ""))
def test_no_query_string_makes_an_admin_changelist_fail(
    client, superuser, claim, model, model_admin
):
    client.force_login(superuser)
    url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")

    @given(query(changelist_parameters(model_admin)))
    def request(qs):
        assert client.get(f"{url}?{qs}").status_code < 500

    request()


@pytest.mark.parametrize("qs", ["year=99999999999", "year=9999", "month=13"])
def test_the_admin_changelist_treats_an_impossible_date_as_an_unknown_filter(
    client, superuser, claim, qs
):
    client.force_login(superuser)
    # The articles' list keeps a date drill-down (the claims' list has none: it would list
    # the years over every claim on each page).
    url = reverse("admin:claims_source_changelist")
    response = client.get(f"{url}?added_at__year=2024&added_at__{qs}")
    assert response.status_code == 302 and response.url.endswith("?e=1")
    claims = reverse("admin:claims_claim_changelist")
    assert client.get(f"{claims}?updated_at__year=2024&updated_at__{qs}").status_code < 500


def test_the_admin_changelist_refuses_a_nul_in_a_filter(client, superuser, claim):
    client.force_login(superuser)
    response = client.get(reverse("admin:claims_claim_changelist") + "?status=%00")
    assert response.status_code == 400


# Forms: field name -> what a browser would send, each then replaced by noise.
def desk_forms(claim):
    return {
        "claims:claim-review": {
            "status": "in_review",
            "rating": "",
            "assigned_to": "",
            "notes": "Checking.",
            "version": claim.version,
        },
        "claims:evidence-add": {"url": "https://example.org/a", "title": "A", "note": ""},
        "claims:claim-bulk": {
            "claims": claim.pk,
            "action": "status",
            "status": "in_review",
            "assignee": "",
            "next": "/",
        },
        "claims:claim-publish": {"version": claim.version},
        "claims:import-start": {"text": "The mayor said taxes would fall.", "title": ""},
        "claims:import-save": {
            "body": "The mayor said taxes would fall.",
            "title": "Taxes",
            "form-TOTAL_FORMS": 1,
            "form-INITIAL_FORMS": 0,
            "form-0-keep": "on",
            "form-0-text": "taxes would fall",
            "form-0-start": 15,
            "form-0-end": 31,
            "form-0-speaker": "mayor",
            "form-0-kind": "paraphrase",
            "form-0-answers": "",
        },
    }


DESK_FORMS = [
    "claims:claim-review",
    "claims:evidence-add",
    "claims:claim-bulk",
    "claims:claim-publish",
    "claims:import-start",
    "claims:import-save",
]
CLAIM_PAGES = {"claims:claim-review", "claims:evidence-add", "claims:claim-publish"}


def noisy(fields):
    """``fields`` with some values replaced by noise, some dropped, one unknown added."""
    names = sorted(fields)
    return st.fixed_dictionaries(
        {},
        optional={name: st.one_of(text, st.just(str(fields[name]))) for name in names},
    ).map(lambda d: {**d, **({"zz_unknown": "1"} if len(d) % 2 else {})})


@pytest.mark.parametrize("name", DESK_FORMS)
def test_no_form_input_makes_a_desk_page_fail_or_write_half(client, editor, claim, name):
    client.force_login(editor)
    fields = desk_forms(claim)[name]
    url = reverse(name, args=[claim.pk] if name in CLAIM_PAGES else [])

    @given(noisy(fields))
    def submit(data):
        before = tables()
        response = client.post(url, data)
        assert response.status_code < 500
        if response.status_code != 302:  # refused or re-shown: nothing written
            assert tables() == before

    submit()


@given(raw_bytes, raw_bytes)
def test_invalid_utf8_in_a_form_body_is_refused_cleanly(client, editor, claim, name, value):
    client.force_login(editor)
    body = f"{name}={value}&status={value}&version={value}"
    before = tables()
    url = reverse("claims:claim-review", args=[claim.pk])
    response = client.post(url, body, content_type="application/x-www-form-urlencoded")
    assert response.status_code < 500
    assert tables() == before


ADMIN_FORMS = {
    "admin:claims_speaker_add": {
        "name": "Ann Example",
        "kind": "person",
        "role": "",
        "same_as": "",
    },
    "admin:claims_source_add": {"title": "T", "body": "Body text.", "url": "", "language": "en"},
    "admin:claims_apitoken_add": {"user": "", "name": "script", "expires_at_0": "2030-01-01"},
}


@pytest.mark.parametrize("name", ADMIN_FORMS)
def test_no_admin_form_input_gives_a_server_error(client, superuser, claim, name):
    client.force_login(superuser)
    fields = {**ADMIN_FORMS[name]}
    if name.endswith("apitoken_add"):
        fields["user"] = superuser.pk
    management = {"aliases-TOTAL_FORMS": 0, "aliases-INITIAL_FORMS": 0}
    management |= {"claims-TOTAL_FORMS": 0, "claims-INITIAL_FORMS": 0}

    @given(noisy(fields))
    def submit(data):
        before = tables()
        response = client.post(reverse(name), {**management, **data})
        assert response.status_code < 500
        if response.status_code == 200:  # the form again, with its errors
            assert tables() == before

    submit()


@given(text, text)
def test_no_sign_in_input_gives_a_server_error(client, username, password):
    response = client.post(reverse("login"), {"username": username, "password": password})
    assert response.status_code in {200, 429}


COMMANDS = {
    "export_claims": lambda a, b: [
        f"--q={a}",
        f"--speaker={b}",
        f"--source={a}",
        f"--claimed-after={b}",
        f"--order={a}",
        f"--verdict={b}",
    ],
    "import_article": lambda a, b: [a or "x", f"--title={b}", f"--url={a}", "--dry-run"],
    "load_seed": lambda a, b: [a or "x"],
    "create_api_token": lambda a, b: [a, b, f"--days={a}"],
}


@pytest.mark.parametrize("command", COMMANDS)
def test_no_command_argument_gives_a_traceback_or_writes_half(command, superuser, tmp_path):
    output = tmp_path / "out.csv"

    @given(text, text)
    def run(a, b):
        before = tables()
        arguments = COMMANDS[command](a, b)
        if command == "export_claims":
            arguments.append(f"--output={output}")
        try:
            call_command(command, *arguments, stdout=StringIO(), stderr=StringIO())
        except CommandError:
            assert tables() == before

    run()


@pytest.mark.parametrize(
    "output", ["/no/such/dir/x.csv", "/", "/proc/version", "bad\x00name.csv", "."]
)
def test_export_to_a_bad_path_is_a_one_line_error(output, db):
    with pytest.raises(CommandError, match="--output"):
        call_command("export_claims", f"--output={output}")


@pytest.mark.parametrize(
    "arguments",
    [
        ["export_claims", "--q=\udcff"],  # an argv byte that was not UTF-8, as Python sees it
        ["export_claims", "--output=bad\udcffname.csv"],
        ["import_article", "article\udcff.txt"],
        ["load_seed", "seed\x00.json"],
        ["create_api_token", "root", "name\x00"],
        ["create_api_token", "root", "x" * 101],
    ],
    ids=lambda args: args[0],
)
def test_undecodable_or_control_characters_in_arguments_are_a_one_line_error(superuser, arguments):
    before = tables()
    with pytest.raises(CommandError):
        call_command(*arguments, stdout=StringIO(), stderr=StringIO())
    assert tables() == before
