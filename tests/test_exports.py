"""Exports hold exactly what the filtered list shows, in CSV, JSON and ClaimReview."""

import csv
import io
import json

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from claims.models import Claim

from .conftest import rating

pytestmark = pytest.mark.django_db


@pytest.fixture
def desk(client, editor, seed):
    client.force_login(editor)
    return client


def listed_ids(client, params):
    """Every claim the list shows for ``params``, over all its pages."""
    ids, page = [], 1
    while True:
        response = client.get(reverse("claims:claim-list"), {**params, "page": page})
        ids += [c.pk for c in response.context["page"].object_list]
        if not response.context["page"].has_next():
            return ids
        page += 1


def body(response):
    return b"".join(response.streaming_content).decode("utf-8")


FILTERS = [{"speaker": "Putin"}, {"status": ["new"], "kind": "paraphrase"}, {"q": "denied"}, {}]


@pytest.mark.parametrize("params", FILTERS, ids=str)
def test_csv_and_json_hold_exactly_the_claims_the_list_shows(desk, params):
    expected = listed_ids(desk, params)
    csv_response = desk.get(reverse("claims:claim-export", args=["csv"]), params)
    assert csv_response["Content-Disposition"] == 'attachment; filename="claims.csv"'
    rows = list(csv.DictReader(io.StringIO(body(csv_response))))
    assert [int(r["id"]) for r in rows] == expected
    json_rows = json.loads(body(desk.get(reverse("claims:claim-export", args=["json"]), params)))
    assert [r["id"] for r in json_rows] == expected


def test_exported_rows_carry_speaker_relay_source_span_status_and_verdict(desk, seed):
    claim = seed["putin-came-here"]
    claim.source.url = "https://example.org/vostochny"
    claim.source.save()
    Claim.objects.filter(pk=claim.pk).update(status="reviewed", rating=rating("Mostly true"))
    row = next(
        r
        for r in json.loads(
            body(desk.get(reverse("claims:claim-export", args=["json"]), {"speaker": "Putin"}))
        )
        if r["id"] == claim.pk
    )
    assert row["statement"] == "That’s why we have come here."
    assert (row["speaker"], row["relayed_by"]) == ("Vladimir Putin", "Russian state media")
    assert row["source_url"] == "https://example.org/vostochny"
    assert (row["span_start"], row["span_end"]) == (claim.span_start, claim.span_end)
    assert (row["status"], row["verdict"]) == ("reviewed", "Mostly true")
    csv_row = next(
        r
        for r in csv.DictReader(
            io.StringIO(
                body(desk.get(reverse("claims:claim-export", args=["csv"]), {"speaker": "Putin"}))
            )
        )
        if r["id"] == str(claim.pk)
    )
    assert csv_row["relayed_by"] == "Russian state media" and csv_row["verdict"] == "Mostly true"


def test_the_claimreview_export_holds_only_published_claims(desk, seed, editor):
    claim = seed["us-accusation"]
    Claim.objects.filter(pk=claim.pk).update(
        status="reviewed",
        rating=rating("Misleading"),
        claim_reviewed="North Korea provides arms to Russia.",
        explanation="<p>Officials offered no evidence.</p>",
    )
    claim.refresh_from_db()
    desk.post(reverse("claims:claim-publish", args=[claim.pk]), {"version": claim.version})
    reviews = json.loads(body(desk.get(reverse("claims:claim-export", args=["claimreview"]))))
    assert len(reviews) == 1
    assert reviews[0]["@type"] == "ClaimReview"
    assert reviews[0]["claimReviewed"] == "North Korea provides arms to Russia."
    assert reviews[0]["url"] == "http://testserver" + claim.get_public_url()


def test_an_unknown_export_format_is_404(desk):
    assert desk.get(reverse("claims:claim-export", args=["xlsx"])).status_code == 404


def test_the_command_exports_with_the_same_filters(seed, tmp_path, capsys):
    call_command("export_claims", "--format", "json", "--speaker", "Lim")
    rows = json.loads(capsys.readouterr().out)
    assert {r["id"] for r in rows} == {seed["seoul-monitoring"].pk, seed["no-un-member"].pk}
    out = tmp_path / "claims.csv"
    call_command("export_claims", "--status", "new", "--kind", "direct", "-o", str(out))
    ids = {int(r["id"]) for r in csv.DictReader(out.open(encoding="utf-8"))}
    assert ids == {seed[k].pk for k in ("putin-came-here", "putin-no-hurry", "no-un-member")}


def test_the_command_refuses_a_bad_filter(seed):
    with pytest.raises(CommandError, match="--claimed-after/--claimed-before: Enter a valid date"):
        call_command("export_claims", "--claimed-after", "yesterday")
