"""Importing articles: the command, its all-or-nothing checks, and the browser flow."""

import datetime
import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse

from claims.models import Claim, ClaimRelation, Source, Speaker

pytestmark = pytest.mark.django_db

ARTICLE = (
    "Port strike enters second week\r\n\r\n"
    "Dock workers accused the Harbour Authority of cutting safety staff. "
    "The authority denied the accusation.\r\n\r\n"
    "“We will stay out until the cranes are safe,” union leader Maria Santos said.\r\n"
)


@pytest.fixture
def article(tmp_path):
    path = tmp_path / "port.txt"
    path.write_bytes(ARTICLE.encode("utf-8"))
    return path


def test_dry_run_json_lists_candidates_with_offsets_into_the_file_text(article, capsys):
    call_command("import_article", str(article), "--dry-run", "--json")
    rows = json.loads(capsys.readouterr().out)
    text = article.read_bytes().decode("utf-8")  # CRLF kept: offsets index it unchanged
    assert {"speaker", "relayed_by", "text", "kind", "cue", "start", "end", "confidence"} <= set(
        rows[0]
    )
    for row in rows:
        assert text[row["start"] : row["end"]] == row["text"]
    quote = next(r for r in rows if r["kind"] == "direct")
    assert (quote["speaker"], quote["text"]) == (
        "Maria Santos",
        "We will stay out until the cranes are safe",
    )
    assert not Source.objects.exists() and not Claim.objects.exists()


def test_import_records_the_source_claims_speakers_and_answers(article):
    call_command(
        "import_article",
        str(article),
        "--url",
        "https://example.org/port",
        "--publisher",
        "Coast Times",
        "--published",
        "2024-05-02",
    )
    source = Source.objects.get()
    assert (source.title, source.url, source.publisher) == (
        "Port strike enters second week",
        "https://example.org/port",
        "Coast Times",
    )
    assert source.body == ARTICLE
    claims = list(source.claims.order_by("span_start"))
    assert len(claims) == 3
    assert all(c.machine_proposed and c.status == "new" for c in claims)
    assert Speaker.objects.get(name="Maria Santos").kind == "person"
    relation = ClaimRelation.objects.get()
    assert (relation.from_claim.cue, relation.kind, relation.to_claim.cue) == (
        "denied",
        "denies",
        "accused",
    )


def test_known_speakers_are_reused_through_their_aliases(article):
    santos = Speaker.objects.create(name="María Santos Ruiz")
    santos.aliases.create(name="Maria Santos")
    call_command("import_article", str(article))
    assert Claim.objects.get(kind="direct").speaker == santos


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (None, "no such file"),
        (b"", "is empty"),
        (b"   \n\n", "is empty"),
        (b"caf\xe9 society said it was closing", "not UTF-8"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00", "binary"),
    ],
)
def test_bad_files_get_one_line_and_nothing_is_written(tmp_path, article, content, message):
    bad = tmp_path / "bad.txt"
    if content is not None:
        bad.write_bytes(content)
    with pytest.raises(CommandError, match=message) as exc:
        call_command("import_article", str(article), str(bad))
    assert "\n" not in str(exc.value)
    assert not Source.objects.exists() and not Claim.objects.exists()


def test_an_oversized_file_is_refused(tmp_path):
    big = tmp_path / "big.txt"
    big.write_bytes(b"The minister said it was fine. " * 80_000)
    with pytest.raises(CommandError, match="the limit is 2 MB"):
        call_command("import_article", str(big))
    assert not Source.objects.exists()


def test_a_url_already_recorded_is_refused(article):
    Source.objects.create(title="x", body="y", url="https://example.org/port")
    with pytest.raises(CommandError, match="already recorded"):
        call_command("import_article", str(article), "--url", "https://example.org/port")
    assert Source.objects.count() == 1


def test_several_files_show_progress_and_land_together(tmp_path, article, capsys):
    second = tmp_path / "second.html"
    second.write_text(
        "<html><head><title>Budget row</title><script>x()</script></head>"
        "<body><p>The mayor said the budget would balance.</p></body></html>",
        encoding="utf-8",
    )
    call_command("import_article", str(article), str(second))
    captured = capsys.readouterr()
    assert "2/2" in captured.err and "2 article(s)" in captured.out
    html_source = Source.objects.get(title="Budget row")
    assert "<" not in html_source.body and "x()" not in html_source.body
    assert html_source.claims.get().text == "the budget would balance"


# -- in the browser ----------------------------------------------------------------------


@pytest.fixture
def desk(client, contributor):
    client.force_login(contributor)
    return client


def preview(client, **data):
    response = client.post(reverse("claims:import-start"), data)
    assert response.status_code == 200, response.content.decode()[:500]
    return response


def save_data(response, **changes):
    """What the preview page would submit, with some rows changed."""
    formset = response.context["formset"]
    data = {"draft": response.context["draft"], **response.context["source"]}
    for name in formset.management_form.fields:
        data[f"form-{name}"] = formset.management_form[name].value()
    for i, form in enumerate(formset.forms):
        for name, value in form.initial.items():
            if value is None or (name == "keep" and not value):
                continue
            data[f"form-{i}-{name}"] = value
    for key, value in changes.items():
        if value is None:
            data.pop(key, None)
        else:
            data[key] = value
    return data


def test_a_contributor_pastes_checks_corrects_and_saves(desk, contributor):
    # Pasted as browsers send it, with CRLF line breaks: the spans must not move.
    response = preview(desk, text=ARTICLE, title="Port strike")
    html = response.content.decode()
    assert html.count('<mark class="span">') == 3
    assert "union leader Maria Santos said" in html
    rows = response.context["formset"].candidates
    quote = next(i for i, r in enumerate(rows) if r["kind"] == "direct")
    denial = next(i for i, r in enumerate(rows) if r["cue"] == "denied")
    data = save_data(
        response,
        **{
            f"form-{denial}-keep": None,  # untick the denial
            f"form-{quote}-speaker": "Maria Santos Ortega",
        },
    )
    response = desk.post(reverse("claims:import-save"), data)
    assert response.status_code == 302
    source = Source.objects.get(title="Port strike")
    assert source.added_by == contributor
    claims = list(source.claims.all())
    assert len(claims) == 2
    for claim in claims:
        assert source.body[claim.span_start : claim.span_end] == claim.text
        assert claim.created_by == contributor and claim.machine_proposed
        assert claim.history.get().history_user == contributor  # recorded, with its user
    assert Claim.objects.get(kind="direct").speaker.name == "Maria Santos Ortega"
    assert not ClaimRelation.objects.exists()  # the answer was unticked with the denial


def test_corrected_words_must_be_in_the_article_and_nothing_is_saved(desk):
    response = preview(desk, text=ARTICLE)
    data = save_data(response, **{"form-0-text": "words that are not there"})
    response = desk.post(reverse("claims:import-save"), data)
    assert response.status_code == 400
    assert "These words are not in the article." in response.content.decode()
    assert not Source.objects.exists() and not Claim.objects.exists()


def test_corrected_words_move_the_span(desk):
    response = preview(desk, text=ARTICLE)
    rows = response.context["formset"].candidates
    quote = next(i for i, r in enumerate(rows) if r["kind"] == "direct")
    data = save_data(response, **{f"form-{quote}-text": "until the cranes are safe"})
    assert desk.post(reverse("claims:import-save"), data).status_code == 302
    claim = Claim.objects.get(kind="direct")
    assert claim.text == "until the cranes are safe"
    assert claim.source.body[claim.span_start : claim.span_end] == claim.text


WEB_PAGE = b"""<!doctype html><html><head>
<title>Budget row: mayor says books will balance | The Daily</title>
<link rel="canonical" href="https://daily.example/2024/03/budget-row">
<meta property="article:published_time" content="2024-03-05T09:00:00Z"></head>
<body><nav><a href="/">Home</a> <a href="/news">News</a></nav>
<header><h1>Budget row: mayor says books will balance</h1></header>
<article><p onclick='x()'>The mayor said on Tuesday that the city budget would balance by
next spring, despite warnings from the auditor.</p>
<figure><img src="x.jpg"><figcaption>The mayor said he was confident.</figcaption></figure>
<p>The auditor, Tom Reyes, said the figures did not add up and that a shortfall was likely.
</p></article><script>steal()</script>
<aside><h2>Most read</h2><ol><li>Police say the suspect fled on foot</li></ol></aside>
<footer><p>The editor said all rights are reserved.</p></footer></body></html>"""


def test_an_uploaded_web_page_keeps_only_its_article_and_fills_in_the_source(desk):
    upload = SimpleUploadedFile("story.html", WEB_PAGE, content_type="text/html")
    response = desk.post(reverse("claims:import-start"), {"file": upload})
    assert response.status_code == 200
    body = response.context["formset"].body
    assert body.startswith("The mayor said on Tuesday") and "Tom Reyes, said" in body
    for boilerplate in ("Most read", "suspect fled", "he was confident", "rights", "Home"):
        assert boilerplate not in body
    assert "steal()" not in response.content.decode()
    assert response.context["source"] == {
        "title": "Budget row: mayor says books will balance",
        "url": "https://daily.example/2024/03/budget-row",
        "publisher": "",
        "published_on": datetime.date(2024, 3, 5),
    }
    speakers = {c["speaker"] for c in response.context["formset"].candidates}
    assert "Police" not in speakers and "The editor" not in speakers


def test_a_long_page_title_is_cut_to_fit_and_the_import_saves(desk):
    long_title = "Budget " * 80
    page = WEB_PAGE.replace(b"Budget row: mayor says books will balance", long_title.encode())
    response = desk.post(
        reverse("claims:import-start"),
        {"file": SimpleUploadedFile("story.html", page, content_type="text/html")},
    )
    title = response.context["source"]["title"]
    assert len(title) <= 300 and title.endswith("…")
    assert desk.post(reverse("claims:import-save"), save_data(response)).status_code == 302
    assert Source.objects.get().title == title


def test_a_tampered_preview_is_refused_and_nothing_is_saved(desk):
    data = save_data(preview(desk, text=ARTICLE))
    data["draft"] = data["draft"][:-3] + "abc"
    response = desk.post(reverse("claims:import-save"), data, follow=True)
    assert "changed outside the page" in response.content.decode()
    assert not Source.objects.exists()


def test_an_article_with_hundreds_of_statements_previews_and_saves_in_one_go(desk):
    text = "\n\n".join(
        f"Minister Ana Costa{i} said the plan number {i} would be ready soon." for i in range(500)
    )
    response = preview(desk, text=text, title="Five hundred")
    assert len(response.context["formset"].forms) == 500
    data = save_data(response)
    assert len(data) < 6000  # what the page posts stays under the field limit
    assert desk.post(reverse("claims:import-save"), data).status_code == 302
    assert Source.objects.get(title="Five hundred").claims.count() == 500


def test_an_oversized_paste_is_refused_before_any_work(desk, monkeypatch):
    from claims.ingest import articles, services

    monkeypatch.setattr(articles, "MAX_CHARS", 100)
    monkeypatch.setattr(services, "extract", lambda *a: pytest.fail("extraction ran"))
    response = desk.post(reverse("claims:import-start"), {"text": "word " * 50})
    assert response.status_code == 400
    assert "articles of up to 100 can be imported" in response.content.decode()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({}, "Paste the article"),
        ({"file": SimpleUploadedFile("a.pdf", b"%PDF-1.4")}, "only .txt and .html"),
        ({"file": SimpleUploadedFile("a.txt", b"\xff\xfe\x00")}, "binary"),
    ],
)
def test_bad_input_on_the_import_page_gets_a_message(desk, data, message):
    response = desk.post(reverse("claims:import-start"), data)
    assert response.status_code == 400
    assert message in response.content.decode()


def test_the_import_url_must_be_new(desk):
    Source.objects.create(title="x", body="y", url="https://example.org/a")
    response = desk.post(
        reverse("claims:import-start"), {"text": ARTICLE, "url": "https://example.org/a"}
    )
    assert response.status_code == 400 and "already recorded" in response.content.decode()
