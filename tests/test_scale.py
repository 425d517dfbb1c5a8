"""Lists that answer from indexes: keyset pages, rows without article bodies, an admin that
never counts the whole table, and demo data at scale that holds together."""

import datetime
import re

import pytest
from django.contrib import admin
from django.core.cache import caches
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from claims import counting, pagination
from claims.duplicates import SUGGEST_AT, fingerprint, similarity
from claims.models import (
    Claim,
    ClaimRelation,
    ClaimTally,
    ClaimWord,
    DuplicateSuggestion,
    Evidence,
    Source,
    Speaker,
)

from .conftest import (
    RULING,
    make_claim,
    make_source,
    make_speaker,
    plan_nodes,
    plan_without,
    publish,
    rating,
)

pytestmark = pytest.mark.django_db
LIST = reverse("claims:claim-list")


@pytest.fixture
def desk(client, editor):
    client.force_login(editor)
    return client


@pytest.fixture
def sixty():
    speaker = make_speaker(name="Paged Speaker")
    source = make_source()
    claims = [make_claim(speaker=speaker, source=source) for _ in range(60)]
    # Some share a change time, some have no claimed date: the order must still be total.
    Claim.objects.filter(pk__in=[c.pk for c in claims[:10]]).update(updated_at=claims[0].updated_at)
    for i, claim in enumerate(claims[20:40]):
        Claim.objects.filter(pk=claim.pk).update(claimed_on=datetime.date(2024, 1, 1 + i % 5))
    return claims


def next_link(html, rel="next"):
    match = re.search(rf'href="(\?[^"]*)" rel="{rel}"', html)
    return match and match.group(1).replace("&amp;", "&")


def ids(rows):
    """The ids of a page's rows: the desk's are values (Claim.objects.for_rows), a reader
    page's are claims."""
    return [row["pk"] if isinstance(row, dict) else row.pk for row in rows]


def walk(client, url, params):
    """Every claim over the pages, following Next; then back again with Previous."""
    forward, pages = [], []

    def get(*args):
        # Rows are read from each page's context, which a reader page served from memory
        # (claims/publishing/cache.py) does not have: each page is built.
        caches["public"].clear()
        return client.get(*args)

    response = get(url, params)
    while True:
        pages.append(response)
        assert len(pages) < 50, "Next links that never end"
        forward += ids(response.context["page"].object_list)
        link = next_link(response.content.decode())
        if not link:
            break
        response = get(url + link)
    backward = []
    for _ in range(50):
        backward = ids(response.context["page"].object_list) + backward
        link = next_link(response.content.decode(), "prev")
        if not link:
            break
        response = get(url + link)
    return forward, backward, pages


@pytest.mark.parametrize("order", ["", "updated", "-claimed", "claimed", "speaker", "-speaker"])
def test_next_and_previous_visit_every_claim_once_in_the_list_order(desk, sixty, order):
    params = {"order": order} if order else {}
    forward, backward, pages = walk(desk, LIST, params)
    expected = list(pagination.paginate(ClaimFilter_qs(params), {}, 1000).object_list)
    assert forward == [c.pk for c in expected]
    assert backward == forward
    assert [p.context["page"].number for p in pages] == [1, 2, 3]


@pytest.fixture
def four_speakers():
    """Claims of four speakers, their ids interleaved and their names out of id order,
    one speaker with many: what speaker A–Z and Z–A must read group by group. A third of
    the busy speaker's claims and all of Mia's are in review, so a filter on New leaves
    out rows inside a speaker's claims and a whole speaker."""
    speakers = [make_speaker(name=name) for name in ("Zora Busy", "amy Low", "Mia", "Amy")]
    source = make_source()
    counts = {speakers[0]: 40, speakers[1]: 3, speakers[2]: 7, speakers[3]: 1}
    claims = []
    while any(counts.values()):
        for speaker in speakers:
            if counts[speaker]:
                claims.append(make_claim(speaker=speaker, source=source))
                counts[speaker] -= 1
    busy = [c.pk for c in claims if c.speaker == speakers[0]]
    in_review = busy[::3] + [c.pk for c in claims if c.speaker == speakers[2]]
    Claim.objects.filter(pk__in=in_review).update(status="in_review")
    return claims


@pytest.mark.postgres  # read by pagination._ids_by on PostgreSQL
@pytest.mark.parametrize("order", ["speaker", "-speaker"])
@pytest.mark.parametrize("status", [None, "new"])
@pytest.mark.parametrize(
    ("grouped_from", "shape"),
    [(0, "CROSS JOIN LATERAL"), (10**9, "OFFSET 0) AS page")],
    ids=["many: group by group", "few: matches first"],
)
def test_speaker_order_visits_every_claim_once_read_either_way(
    desk, four_speakers, monkeypatch, order, status, grouped_from, shape
):
    params = {"order": order, **({"status": status} if status else {})}
    # The plain query's order (no count given, so no choice of reading is made).
    expected = [c.pk for c in pagination.paginate(ClaimFilter_qs(params), {}, 1000).object_list]
    monkeypatch.setattr(pagination, "GROUPED_FROM", grouped_from)
    with CaptureQueriesContext(connection) as ctx:
        forward, backward, pages = walk(desk, LIST, params)
    assert any(shape in q["sql"] for q in ctx.captured_queries)
    assert forward == expected
    assert len(expected) == (30 if status else 51)
    assert backward == forward
    assert [p.context["page"].number for p in pages] == [1, 2, 3][: len(pages)]
    assert len(pages) == -(-len(expected) // 25)
    # A page asked for by number reads the same rows; one past the end shows the last.
    second = desk.get(LIST, {**params, "page": 2}).context["page"].object_list
    assert ids(second) == expected[25:50]
    past = desk.get(LIST, {**params, "page": 9}).context["page"]
    assert ids(past.object_list) == expected[(len(pages) - 1) * 25 :]
    assert past.number == len(pages)


@pytest.mark.postgres
@pytest.mark.parametrize("grouped_from", [0, 10**9])
def test_speaker_order_of_a_filter_matching_nothing_is_an_empty_page(
    desk, four_speakers, monkeypatch, grouped_from
):
    monkeypatch.setattr(pagination, "GROUPED_FROM", grouped_from)
    query = {"speaker": "Nobody At All", "order": "speaker"}
    page = desk.get(LIST, query)
    assert page.status_code == 200
    assert "No claims." in page.content.decode()
    api = desk.get(reverse("api:claim-list"), query)
    assert api.status_code == 200
    assert api.json()["results"] == []


@pytest.mark.postgres
def test_a_page_inside_a_busy_speakers_claims_reads_that_speakers_index(desk, four_speakers):
    # The grouped query's inner part can read a speaker's claims from the (speaker, id)
    # index in id order, with no sort of all their claims (sorts are turned off here, as
    # the test's few rows would never need an index: this shows such a plan exists).
    busy = four_speakers[0].speaker
    claims = Claim.objects.order_by("speaker__name", "pk")
    keys = pagination.keys_of(claims)
    grouping = pagination._grouping(claims, keys, many=True)
    with CaptureQueriesContext(connection) as ctx:
        pagination._ids_by(grouping, claims, keys, [busy.name, 0], False, 26)
    plan = plan_without(
        "EXPLAIN (FORMAT JSON)", ctx.captured_queries[-1]["sql"], kinds=("seqscan", "sort")
    )
    nodes = list(plan_nodes(plan[0][0][0]["Plan"]))
    assert any(node.get("Index Name") == "claim_speaker_id_idx" for node in nodes)
    assert not [node for node in nodes if node["Node Type"] == "Sort"]


def ClaimFilter_qs(params):  # noqa: N802 — reads as the queryset it stands for
    from django.http import QueryDict

    from claims.filters import ClaimFilter

    query = QueryDict(mutable=True)
    query.update(params)
    return ClaimFilter(query or None, queryset=Claim.objects.for_list()).qs


def test_a_deep_page_costs_the_same_queries_as_the_first(desk, sixty, django_assert_num_queries):
    first = desk.get(LIST)
    link = next_link(first.content.decode())
    caches["lists"].clear()  # each page's answer read, not kept (claims/list_memory.py)
    with CaptureQueriesContext(connection) as page_one:
        desk.get(LIST)
    with CaptureQueriesContext(connection) as page_two:
        desk.get(LIST + link)
    assert len(page_one) == len(page_two)
    rows = [q["sql"] for q in page_two.captured_queries if "LIMIT 26" in q["sql"]]
    assert rows and "OFFSET" not in rows[0]


def _sorts_in(sql):
    """The whole-input Sort steps of ``sql``'s PostgreSQL plan when no sort or sequential
    scan is needed: none when an index reads the rows in the order asked for. (An
    Incremental Sort, which orders rows already grouped by an index, is not one.)"""
    plan = plan_without("EXPLAIN (FORMAT JSON)", sql, kinds=("seqscan", "sort"))[0][0]
    return [node for node in plan_nodes(plan[0]["Plan"]) if node["Node Type"] == "Sort"]


def _rows_query(client, url):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return response, [q["sql"] for q in ctx.captured_queries if "LIMIT" in q["sql"]][-1]


@pytest.mark.postgres  # the plans are PostgreSQL's
@pytest.mark.parametrize("order", ["", "updated", "-claimed", "claimed", "speaker", "-speaker"])
def test_every_order_of_the_list_reads_its_pages_from_an_index(desk, sixty, order):
    """At a million claims, "Claimed, newest" and "Speaker A–Z" sorted the whole table for
    each page (1.4 s and 1.2 s) where the other orders took milliseconds."""
    make_claim(speaker=make_speaker(name="Another Speaker"))
    response, first = _rows_query(desk, f"{LIST}?order={order}")
    _, second = _rows_query(desk, LIST + next_link(response.content.decode()))
    assert _sorts_in(first) == []
    assert _sorts_in(second) == []


@pytest.mark.postgres  # the plans are PostgreSQL's
@pytest.mark.parametrize("url", [reverse("public:feed"), reverse("public:index")])
def test_the_newest_fact_checks_are_read_from_the_published_index(client, editor, url):
    """The feed once asked for the newest published claims in an order the index does not
    hold (nulls first): it sorted all 120,000 of a million-claim ledger (0.4 s)."""
    publish(make_claim(), editor)
    _, rows = _rows_query(client, url)
    # With a test's few rows the planner may as well sort what another index finds (as it
    # did after other tests had left their statistics): with sorting and bitmaps off too,
    # only an index that holds the order answers without a sort.
    kinds = ("seqscan", "bitmapscan", "sort")
    plan = str(plan_without("EXPLAIN (FORMAT JSON)", rows, kinds=kinds)[0][0])
    assert "claim_published_idx" in plan
    assert _sorts_in(rows) == []


@pytest.mark.postgres  # the plans are PostgreSQL's
@pytest.mark.parametrize("url", [reverse("api:speaker-list"), reverse("api:source-list")])
def test_the_apis_speakers_and_articles_are_read_in_index_order(desk, url):
    """Speakers A–Z and articles newest first: the article list sorted all 20,000 articles
    of the bench's ledger for each page (16 ms)."""
    for i in range(3):
        make_claim(speaker=make_speaker(name=f"Listed {i}"), source=make_source())
    _, rows = _rows_query(desk, url)
    assert _sorts_in(rows) == []


def _counted_speakers():
    speakers = [make_speaker(name=f"Counted {i:02d}") for i in range(12)]
    for i, speaker in enumerate(speakers):
        for _ in range(i % 3):
            make_claim(speaker=speaker)


def test_a_page_by_number_lists_its_own_rows_in_order_with_their_counts(desk):
    _counted_speakers()
    page = desk.get(reverse("api:speaker-list"), {"q": "Counted", "page": 3, "page_size": 4})
    assert [(s["name"], s["claims"]) for s in page.json()["results"]] == [
        (f"Counted {i:02d}", i % 3) for i in range(8, 12)
    ]


@pytest.mark.postgres  # the plan is PostgreSQL's
def test_a_page_by_number_counts_the_claims_of_its_own_speakers_only(desk):
    """Page 50 of the API's speakers counted the claims of the 2,450 speakers before it
    too (53 ms), as PostgreSQL works out a row's columns before OFFSET skips it."""
    _counted_speakers()
    with CaptureQueriesContext(connection) as ctx:
        desk.get(reverse("api:speaker-list"), {"page": 3, "page_size": 4})
    rows = [q["sql"] for q in ctx.captured_queries if "claims_claimtally" in q["sql"]][-1]
    plan = plan_without("EXPLAIN (ANALYZE, FORMAT JSON)", rows)[0][0]
    counts = [
        node
        for node in plan_nodes(plan[0]["Plan"])
        if node.get("Parent Relationship") == "SubPlan" and "claims_claimtally" in str(node)
    ]
    assert counts and all(node["Actual Loops"] <= 4 for node in counts)


def test_a_claim_that_leaves_the_filter_while_a_page_is_read_leaves_a_gap_not_a_dead_end(
    desk, sixty
):
    """A page by number reads its ids, then its rows: a claim edited out of the filter in
    between drops out of the page, and Next still leads on to the rest."""
    moved = []

    def edit_one_between(execute, sql, params, many, context):
        if not moved and '"claims_claim"."id" IN (' in sql and '"claims_claim"."text"' in sql:
            moved.append(params[-1])  # the last of the page's ids
            Claim.objects.filter(pk=moved[0]).update(status="in_review")
        return execute(sql, params, many, context)

    with connection.execute_wrapper(edit_one_between):
        response = desk.get(LIST, {"status": "new", "page": 2})
    listed = ids(response.context["page"].object_list)
    assert moved and moved[0] not in listed and len(listed) == 24
    assert next_link(response.content.decode())


@pytest.mark.parametrize(
    "claims, columns, named",
    [
        # values() already: its joins would be in the query of the ids a page skips
        (lambda: Claim.objects.for_rows(), None, "pass columns="),
        # rows without an order's column: its Next link would fail, for that order only
        (lambda: Claim.objects.order_by("claimed_on", "pk"), ("pk", "text"), "claimed_on"),
        (lambda: Claim.objects.order_by("-updated_at"), ("text",), "pk"),
    ],
)
def test_rows_as_values_must_carry_what_the_page_reads(sixty, claims, columns, named):
    with pytest.raises(ValueError, match=named):
        pagination.paginate(claims(), {}, 25, columns=columns)


def test_a_broken_page_link_shows_the_first_page_with_a_message(desk, sixty):
    response = desk.get(LIST, {"after": "not-a-cursor", "page": 7})
    assert response.status_code == 200
    assert "This page link is broken or out of date." in response.content.decode()
    assert len(response.context["page"].object_list) == 25


def test_a_page_number_deeper_than_the_offset_bound_says_how_to_get_there(desk, sixty):
    response = desk.get(LIST, {"page": pagination.MAX_OFFSET // 25 + 1})
    html = response.content.decode()
    assert "are reached with Next and Previous" in html
    assert response.context["page"].number == 1


def test_list_rows_never_load_the_article_text(desk, sixty):
    with CaptureQueriesContext(connection) as ctx:
        desk.get(LIST)
        desk.get(reverse("claims:speaker-detail", args=[sixty[0].speaker_id]))
        desk.get(reverse("claims:dashboard"))
        desk.get(reverse("api:claim-list"))
        desk.get(reverse("public:index"))
    assert ctx.captured_queries
    for query in ctx.captured_queries:
        assert '"claims_source"."body"' not in query["sql"]


def test_the_claim_page_still_shows_the_article_around_the_statement(desk, sixty):
    html = desk.get(sixty[0].get_absolute_url()).content.decode()
    assert "Critics disagreed." in html


def test_the_speaker_page_pages_its_claims_and_counts_from_the_tally(desk, sixty):
    url = reverse("claims:speaker-detail", args=[sixty[0].speaker_id])
    forward, backward, _ = walk(desk, url, {})
    assert sorted(forward) == sorted(c.pk for c in sixty)
    assert backward == forward
    assert 'Claims <span class="muted">(60)</span>' in desk.get(url).content.decode()


def test_the_api_follows_next_and_previous_links_over_every_claim(desk, sixty):
    url = reverse("api:claim-list")
    data = desk.get(url, {"page_size": 25}).json()
    assert (data["count"], data["count_exact"], data["previous"]) == (60, True, None)
    seen = [row["id"] for row in data["results"]]
    while data["next"]:
        data = desk.get(data["next"]).json()
        seen += [row["id"] for row in data["results"]]
    assert sorted(seen) == sorted(c.pk for c in sixty) and len(seen) == 60
    back = desk.get(data["previous"]).json()
    assert [row["id"] for row in back["results"]] == seen[25:50]
    assert desk.get(url, {"after": "garbage"}).status_code == 400


def test_the_public_index_pages_published_fact_checks_newest_first(client, editor):
    from claims import services

    published = []
    for _ in range(25):
        claim = make_claim(status="reviewed", rating=rating("False"), **RULING)
        published.append(services.publish(claim.pk, editor, claim.version).pk)
    make_claim()  # not published: never listed
    forward, backward, _ = walk(client, reverse("public:index"), {})
    assert forward == list(reversed(published))
    assert backward == forward


def test_the_admin_changelist_counts_no_further_than_its_bound(client, superuser, sixty):
    client.force_login(superuser)
    url = reverse("admin:claims_claim_changelist")
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    assert response.context["cl"].result_count == 60
    assert response.context["cl"].full_result_count is None
    for query in ctx.captured_queries:
        sql = query["sql"]
        assert '"claims_source"."body"' not in sql
        assert not ("COUNT(" in sql and "claims_claim" in sql and "LIMIT" not in sql)
        assert "DISTINCT" not in sql or "claims_claim" not in sql


def test_the_admin_filters_by_speaker_and_article_through_autocomplete_boxes(
    client, superuser, sixty
):
    other = make_claim()
    for _ in range(5):
        make_source()
        make_speaker()
    client.force_login(superuser)
    url = reverse("admin:claims_claim_changelist")
    html = client.get(url).content.decode()
    assert f'href="?source={other.source_id}"' in html  # rows link to their article's filter
    # Boxes that ask the admin's autocomplete view, listing no speaker or article up front.
    for name in ("speaker", "source"):
        box = re.search(rf'<select name="{name}"[^>]*>(.*?)</select>', html, re.S)
        assert box and "admin-autocomplete" in box.group(0)
        assert f'data-field-name="{name}"' in box.group(0)
        assert "selected" not in box.group(1)
    assert "admin/js/vendor/select2/select2.full.min" in html
    assert "claims/autocomplete-filter" in html

    response = client.get(url, {"source": other.source_id})
    assert list(response.context["cl"].result_list) == [other]
    html = response.content.decode()
    box = re.search(r'<select name="source"[^>]*>(.*?)</select>', html, re.S).group(1)
    # Only the chosen article is in the page.
    assert re.findall(r'<option value="(\d+)"', box) == [str(other.source_id)]
    assert "selected" in box and other.source.title in box

    # The empty box again: nothing chosen on an earlier page stays in it.
    html = client.get(url).content.decode()
    box = re.search(r'<select name="source"[^>]*>(.*?)</select>', html, re.S).group(1)
    assert "<option" not in box.replace('<option value=""', "") and "selected" not in box

    response = client.get(url, {"speaker": sixty[0].speaker_id})
    assert response.context["cl"].result_count == 60
    assert {c.speaker_id for c in response.context["cl"].result_list} == {sixty[0].speaker_id}
    both = client.get(url, {"speaker": sixty[0].speaker_id, "source": other.source_id})
    assert both.context["cl"].result_count == 0
    for bogus in ("x", "99999999999999"):
        response = client.get(url, {"source": bogus, "speaker": bogus})
        assert response.status_code == 200  # no error page
        assert response.context["cl"].result_count == 0


def test_an_empty_filter_box_is_the_one_django_writes_in_each_language_and_place(rf):
    """The empty box is written once for what it depends on (claims/admin.py
    AutocompleteFilter.box): each language, and each URL prefix the site is served under,
    gets Django's own markup for it, select2's language and the autocomplete URL included."""
    from django.urls import get_script_prefix, set_script_prefix
    from django.utils import translation

    from claims.admin import AutocompleteFilter, SourceFilter, SpeakerFilter

    AutocompleteFilter._empty_boxes.clear()
    model_admin = admin.site._registry[Claim]
    request = rf.get("/")
    served_under = get_script_prefix()
    places = [("en", "en", "/"), ("fr", "fr", "/"), ("en", "en", "/news/")]
    places.append(("pt-br", "pt-BR", "/news/"))
    try:
        for language, select2, prefix in [*places, *places]:  # written, then kept
            set_script_prefix(prefix)
            with translation.override(language):
                for kind in (SpeakerFilter, SourceFilter):
                    spec = kind(request, {}, Claim, model_admin)
                    box = spec.box()
                    assert box == spec._render_box(None)  # what Django's widget writes now
                    assert f'lang="{select2}"' in box
                    assert f'data-ajax--url="{prefix}admin/autocomplete/"' in box
    finally:
        set_script_prefix(served_under)


def test_the_admin_autocomplete_finds_speakers_and_articles_for_the_filters(
    client, superuser, sixty
):
    client.force_login(superuser)
    speaker = sixty[0].speaker
    found = client.get(
        reverse("admin:autocomplete"),
        {"term": "Paged", "app_label": "claims", "model_name": "claim", "field_name": "speaker"},
    ).json()
    assert [r["id"] for r in found["results"]] == [str(speaker.pk)]
    source = sixty[0].source
    found = client.get(
        reverse("admin:autocomplete"),
        {
            "term": source.title,
            "app_label": "claims",
            "model_name": "claim",
            "field_name": "source",
        },
    ).json()
    assert str(source.pk) in [r["id"] for r in found["results"]]


def test_the_admin_estimate_says_about_n_past_the_bound(monkeypatch, sixty):
    monkeypatch.setattr(counting, "EXACT_UP_TO", 10)
    total, exact = counting.total(Claim.objects.all())
    assert not exact
    if connection.vendor == "postgresql":
        assert total > 10  # the planner's estimate
    else:
        assert total == 10  # SQLite has no estimate: "more than 10"


def test_demo_data_at_scale_holds_together(capsys):
    call_command("generate_demo_data", claims=400, speakers=20, articles=8)
    assert Claim.objects.count() == 400
    assert Speaker.objects.count() == 20 and Source.objects.count() == 8
    for claim in Claim.objects.select_related("source"):
        assert claim.source.body[claim.span_start : claim.span_end] == claim.text
    statuses = set(Claim.objects.values_list("status", flat=True))
    assert {"new", "in_review", "reviewed", "published"} <= statuses
    assert not Claim.objects.filter(status__in=["reviewed", "published"], rating=None).exists()
    assert Claim.objects.filter(relayed_by__isnull=False).exists()
    assert Claim.history.filter(history_type="~").exists()
    tallied = ClaimTally.objects.filter(speaker_id=ClaimTally.ALL).values_list("n", flat=True)
    assert sum(tallied) == 400
    assert ClaimWord.objects.values("claim").distinct().count() == 400
    # A busy few and a long tail of speakers.
    per_speaker = sorted((s.claims.count() for s in Speaker.objects.all()), reverse=True)
    assert per_speaker[0] > 4 * per_speaker[len(per_speaker) // 2]
    assert "400/400" in capsys.readouterr().err


def test_demo_data_claims_have_what_real_claim_pages_show(desk, editor):
    """The claim pages `make bench` times show what real ones do: checked claims cite
    evidence, repeats not yet reviewed wait as suggestions, and evidence and relations have
    their history; records added afterwards get ids of their own."""
    call_command("generate_demo_data", claims=600, speakers=20, articles=12)
    cited = Evidence.objects.values_list("claim__status", flat=True)
    assert cited and set(cited) <= {"reviewed", "published"}
    assert Evidence.history.filter(history_type="+").count() == len(cited)
    assert ClaimRelation.history.count() == ClaimRelation.objects.count() > 0
    suggestions = DuplicateSuggestion.objects.select_related("claim", "original")
    assert suggestions
    for suggestion in suggestions:
        claim, original = suggestion.claim, suggestion.original
        assert claim.status in {"new", "in_review"} and original.pk < claim.pk
        assert original.source_id != claim.source_id  # detection looks in other articles
        score = similarity(fingerprint(claim.text), fingerprint(original.text))
        assert suggestion.score == score >= SUGGEST_AT
    checked = Evidence.objects.order_by("pk").first().claim
    page = desk.get(checked.get_absolute_url())
    assert page.status_code == 200
    html = page.content.decode()
    assert "added evidence" in html
    # Recorded new, then reviewed by an editor: the history says who changed what.
    assert (
        f'<span class="fname">Status</span>: <del>New</del> → <ins>{checked.get_status_display()}'
        in html
    )
    recorded = checked.history.earliest("history_date")
    assert (recorded.status, recorded.rating_id, recorded.reviewed_by_id) == ("new", None, None)
    assert checked.history.latest("history_date").history_user == editor
    assert checked.reviewed_by == editor and "Reviewing editor" in html
    # New records get ids past the loaded ones (on PostgreSQL, the sequences were moved).
    Evidence.objects.create(claim=checked, url="https://example.org/new", added_by=editor)
    ClaimRelation.objects.create(from_claim=claim, to_claim=checked, kind="disputes")
    DuplicateSuggestion.objects.create(claim=checked, original=claim, score=80)


def test_demo_data_refuses_a_bad_size():
    with pytest.raises(Exception, match="at least 1"):
        call_command("generate_demo_data", claims=0)


@pytest.mark.parametrize("name", ["list", "speaker", "dashboard", "public", "api"])
def test_the_benchmarks_render_ceilings_answer_like_their_pages(desk, sixty, settings, name):
    """`make bench` divides each list's rate by its render ceiling's: a ceiling that fails
    (its view out of step with the page's) would make every share meaningless."""
    from benchmarks import bench_urls

    settings.ROOT_URLCONF = "benchmarks.bench_urls"
    bench_urls._memory.clear()  # rows held from another test's database
    response = desk.get(f"/_ceiling/{name}/")
    assert response.status_code == 200
    if name != "public":  # readers' rows are published fact-checks: none here
        assert sixty[0].text in response.content.decode()
