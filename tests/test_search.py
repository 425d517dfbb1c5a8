"""The search box: every word of the statement through the full-text index, or the
speaker's name or alias, or the article's title; the same on the list, API, export, admin."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from claims.models import Claim, Speaker, SpeakerAlias

from .conftest import make_claim, make_source, make_speaker, plan_nodes, plan_without

pytestmark = pytest.mark.django_db
LIST = reverse("claims:claim-list")


def claim_saying(words, **fields):
    return make_claim(source=make_source(body=f"Someone said {words} yesterday."), text=words)


@pytest.fixture
def desk(client, editor):
    client.force_login(editor)
    return client


def found(client, text, **params):
    response = client.get(LIST, {"q": text, **params})
    assert response.status_code == 200
    return [row["pk"] for row in response.context["page"].object_list]


def test_every_word_must_be_in_the_statement(desk):
    bridge = claim_saying("the new bridge will open in May")
    claim_saying("the new tunnel will open in June")
    assert found(desk, "bridge May") == [bridge.pk]
    assert found(desk, "bridge June") == []


def test_words_match_whatever_their_ending(desk):
    opening = claim_saying("the minister is opening three hospitals")
    assert found(desk, "hospital opened") == [opening.pk]


def test_curly_and_straight_apostrophes_find_the_same_claims(desk):
    curly = claim_saying("the mayor’s budget doubled")
    straight = claim_saying("the mayor's budget tripled")
    assert set(found(desk, "mayor's budget")) == {curly.pk, straight.pk}
    assert set(found(desk, "mayor’s budget")) == {curly.pk, straight.pk}


def test_quotes_and_punctuation_in_the_search_are_not_errors(desk):
    claim = claim_saying("inflation fell to 3 percent")
    assert found(desk, '"inflation fell" (percent) OR -- AND*') in ([], [claim.pk])
    assert found(desk, "“inflation”") == [claim.pk]


def test_statement_matches_come_first_then_speaker_matches(desk):
    by_name = make_claim(speaker=make_speaker(name="Harbour Authority"))
    in_words = claim_saying("the harbour will be dredged")
    assert found(desk, "harbour") == [in_words.pk, by_name.pk]


def test_a_rewritten_statement_is_found_by_its_new_words_only(desk, editor):
    claim = claim_saying("the budget rises")
    source = claim.source
    source.body = "Someone said the deficit shrinks yesterday."
    source.save()
    claim.text, claim.span_end = "the deficit shrinks", claim.span_start + 19
    claim.save()
    assert found(desk, "deficit") == [claim.pk]
    assert found(desk, "budget") == []


def test_the_statement_search_uses_the_index_not_a_scan_of_the_words(desk):
    claim_saying("wages rose")
    with CaptureQueriesContext(connection) as ctx:
        found(desk, "wages")
    claim_queries = [q["sql"] for q in ctx.captured_queries if 'FROM "claims_claim"' in q["sql"]]
    assert claim_queries
    for sql in claim_queries:
        assert '"claims_claim"."text"::text) LIKE' not in sql
        assert 'UPPER("claims_claim"."text"' not in sql
    marker = "@@ websearch_to_tsquery" if connection.vendor == "postgresql" else "MATCH"
    assert any(marker in sql for sql in claim_queries)


def test_the_api_the_export_and_the_admin_search_the_same_way(client, editor):
    wanted = claim_saying("pensions will be frozen")
    claim_saying("pensions will rise")
    client.force_login(editor)
    api = client.get(reverse("api:claim-list"), {"q": "pensions frozen"}).json()
    assert [row["id"] for row in api["results"]] == [wanted.pk]
    export = client.get(reverse("claims:claim-export", args=["json"]), {"q": "pensions frozen"})
    assert b"frozen" in b"".join(export.streaming_content)
    admin = client.get(reverse("admin:claims_claim_changelist"), {"q": "pensions frozen"})
    assert list(admin.context["cl"].result_list) == [wanted]


def test_speaker_filters_use_a_subquery_not_a_join_with_distinct(desk):
    speaker = make_speaker(name="Olaf Berg")
    SpeakerAlias.objects.create(speaker=speaker, name="The Chancellor")
    SpeakerAlias.objects.create(speaker=speaker, name="Chancellor Berg")
    claim = make_claim(speaker=speaker)
    with CaptureQueriesContext(connection) as ctx:
        response = desk.get(LIST, {"speaker": "chancellor"})
    assert [row["pk"] for row in response.context["page"].object_list] == [claim.pk]
    for query in ctx.captured_queries:
        assert "DISTINCT" not in query["sql"] or "auth_user" in query["sql"]
        assert 'JOIN "claims_speakeralias"' not in query["sql"]


def test_exact_speaker_lookups_compare_lowercase_names_through_their_index():
    speaker = make_speaker(name="Ada Quist")
    SpeakerAlias.objects.create(speaker=speaker, name="Quist")
    with CaptureQueriesContext(connection) as ctx:
        assert Speaker.objects.by_alias("QUIST") == speaker
        assert Speaker.objects.by_alias("ada quist") == speaker
        assert Speaker.objects.by_alias("nobody") is None
    for query in ctx.captured_queries:
        assert "LOWER(" in query["sql"] and "UPPER(" not in query["sql"]


def test_a_whole_alias_means_that_speaker_even_when_other_names_contain_it(desk):
    ministry = make_speaker(name="Ministry of Defence")
    SpeakerAlias.objects.create(speaker=ministry, name="MoD")
    modern = make_speaker(name="Modern Party")
    said = make_claim(speaker=ministry)
    make_claim(speaker=modern)
    response = desk.get(LIST, {"speaker": "mod"})
    assert [row["pk"] for row in response.context["page"].object_list] == [said.pk]


@pytest.mark.parametrize("bound", [1, 2, 1000])
def test_names_and_titles_matching_past_the_listed_bound_still_find_every_claim(
    desk, monkeypatch, bound
):
    """Past MAX_LISTED_IDS matches, the ids go to the claim query as a subquery: the same
    claims are found, by name, by alias (one speaker twice) and by title."""
    from claims import models

    monkeypatch.setattr(models, "MAX_LISTED_IDS", bound)
    by_name = [make_claim(speaker=make_speaker(name=f"Harbour Board {i}")) for i in range(2)]
    aliased = make_speaker(name="Port Authority")
    SpeakerAlias.objects.create(speaker=aliased, name="Harbour Office")
    SpeakerAlias.objects.create(speaker=aliased, name="Harbour Masters")
    by_alias = make_claim(speaker=aliased)
    by_title = make_claim(source=make_source(title="Harbour fees rise"))
    make_claim(speaker=make_speaker(name="Airport Board"))
    wanted = {c.pk for c in [*by_name, by_alias, by_title]}
    assert set(found(desk, "harbour")) == wanted
    response = desk.get(LIST, {"speaker": "harbour"})
    assert {row["pk"] for row in response.context["page"].object_list} == wanted - {by_title.pk}


def test_the_names_and_titles_a_search_matches_are_read_in_one_bounded_query(desk):
    speaker = make_speaker(name="Lena Fjord")
    SpeakerAlias.objects.create(speaker=speaker, name="The Fjord Minister")
    claim = make_claim(speaker=speaker)
    with CaptureQueriesContext(connection) as ctx:
        assert found(desk, "fjord") == [claim.pk]
    lookups = [q["sql"] for q in ctx.captured_queries if '"claims_speakeralias"' in q["sql"]]
    assert len(lookups) == 1
    assert '"claims_source"' in lookups[0] and "UNION ALL" in lookups[0]
    assert lookups[0].count("LIMIT 1001") == 3  # names, aliases, titles


def test_a_whole_name_wins_even_when_too_many_names_contain_it(desk, monkeypatch):
    """ "Agency 1" means that agency, however many of "Agency 10" to "Agency 19" there are:
    past the bound the exact name is looked up on its own."""
    from claims import models

    monkeypatch.setattr(models, "MAX_LISTED_IDS", 2)
    first = make_claim(speaker=make_speaker(name="Agency 1"))
    for i in range(10, 14):
        make_claim(speaker=make_speaker(name=f"Agency {i}"))
    response = desk.get(LIST, {"speaker": "agency 1"})
    assert [row["pk"] for row in response.context["page"].object_list] == [first.pk]
    response = desk.get(LIST, {"speaker": "agency"})
    assert len(response.context["page"].object_list) == 5


@pytest.mark.postgres  # the trigram indexes are PostgreSQL's
def test_each_part_of_the_name_lookup_can_use_its_trigram_index():
    from claims.models import named_by

    with CaptureQueriesContext(connection) as ctx:
        named_by("harbour")
    # A GIN index is read by a bitmap scan; with a test's few rows a whole walk of the
    # speakers' name index (for the A–Z order) would look as cheap.
    rows = plan_without(
        "EXPLAIN", ctx.captured_queries[-1]["sql"], kinds=("seqscan", "indexscan", "indexonlyscan")
    )
    plan = "\n".join(row[0] for row in rows)
    for index in ("speaker_name_trgm_idx", "speaker_alias_name_trgm_idx", "source_title_trgm_idx"):
        assert index in plan


def test_search_text_that_is_too_long_is_refused_with_a_message(desk):
    claim_saying("taxes fall")
    response = desk.get(LIST, {"q": "x" * 201})
    assert "at most 200 characters" in response.content.decode()
    assert Claim.objects.count() == len(response.context["page"].object_list)


def test_a_full_name_means_that_speaker_and_a_part_means_every_speaker_with_it(desk):
    first = make_claim(speaker=make_speaker(name="City Agency 1"))
    tenth = make_claim(speaker=make_speaker(name="City Agency 10"))
    response = desk.get(LIST, {"speaker": "city agency 1"})
    assert [row["pk"] for row in response.context["page"].object_list] == [first.pk]
    response = desk.get(LIST, {"speaker": "City Agency"})
    assert {row["pk"] for row in response.context["page"].object_list} == {first.pk, tenth.pk}


def test_a_search_too_wide_to_rank_lists_the_latest_changes_first(desk, monkeypatch):
    from claims import counting

    claims = [claim_saying(f"the harbour fee {word}") for word in ("rose", "fell", "doubled")]
    monkeypatch.setattr(counting, "EXACT_UP_TO", 2)
    assert found(desk, "harbour") == [c.pk for c in reversed(claims)]


def harbour_claims():
    best = claim_saying("harbour harbour harbour fees, the harbour said")
    rest = [claim_saying(f"the harbour fee {'rose ' * (i % 4)}today {i}") for i in range(30)]
    make_claim(text="the bridge would open in May")  # no match
    return best, rest


@pytest.mark.parametrize("ids_first", [False, True])
def test_a_ranked_search_pages_through_every_match_once_best_first(desk, monkeypatch, ids_first):
    """Read with its rows, or (PostgreSQL, IDS_FIRST_FROM matches or more) as its page's
    ids by rank and then their rows: every match once, best first, in the ranked order."""
    from claims import pagination

    monkeypatch.setattr(pagination, "IDS_FIRST_FROM", 0 if ids_first else 10**9)
    best, rest = harbour_claims()
    first, second = found(desk, "harbour"), found(desk, "harbour", page=2)
    assert len(first) == 25
    assert first[0] == best.pk
    assert sorted(first + second) == sorted(c.pk for c in [best, *rest])
    ranked = Claim.objects.search("harbour").ranked("harbour").values_list("pk", flat=True)
    assert first + second == list(ranked)


@pytest.mark.postgres  # the ids first are PostgreSQL's way (pagination.IDS_FIRST_FROM)
@pytest.mark.parametrize("where", ["list", "api"])  # the API reads its rows as values
def test_a_wide_search_sorts_by_rank_without_joining_every_match(desk, monkeypatch, where):
    from claims import pagination

    monkeypatch.setattr(pagination, "IDS_FIRST_FROM", 20)
    harbour_claims()
    with CaptureQueriesContext(connection) as ctx:
        if where == "list":
            found(desk, "harbour")
        else:
            api = desk.get(reverse("api:claim-list"), {"q": "harbour", "page_size": 25}).json()
            assert len(api["results"]) == 25
    sorted_by_rank = [q["sql"] for q in ctx.captured_queries if "LIMIT 26" in q["sql"]]
    assert len(sorted_by_rank) == 1
    assert "JOIN" not in sorted_by_rank[0]


def _claims_saying_ferry(n):
    source = make_source(body="The ferry fares rose again.")
    speaker = make_speaker()
    Claim.objects.bulk_create(
        Claim(source=source, speaker=speaker, text="ferry fares rose", span_start=4, span_end=20)
        for _ in range(n)
    )


def test_ranking_the_matches_reads_them_once_not_once_per_match():
    """Best match first costs in proportion to the matches: on SQLite each match's rank
    once ran the whole search again (0.7 s for 1,800 matches of 20,000 claims)."""
    ranked = Claim.objects.search("ferry fares").ranked("ferry fares").values_list("pk")
    _claims_saying_ferry(100)
    if connection.vendor == "postgresql":
        # Each match's rank comes from its own row: the index is searched once.
        sql, params = ranked[:25].query.sql_with_params()
        plan = plan_without("EXPLAIN (ANALYZE, FORMAT JSON)", sql, params)[0][0]
        searches = [
            node
            for node in plan_nodes(plan[0]["Plan"])
            if node.get("Index Name") == "claim_search_idx"
        ]
        assert searches and all(node["Actual Loops"] == 1 for node in searches)
        return

    def steps():  # SQLite's virtual-machine instructions, counted a thousand at a time
        counted = []
        connection.connection.set_progress_handler(lambda: counted.append(1) and 0, 1000)
        try:
            list(ranked[:25])
        finally:
            connection.connection.set_progress_handler(None, 0)
        return len(counted)

    small = steps()
    _claims_saying_ferry(300)  # four times the matches
    assert steps() < 8 * max(small, 1)  # in proportion: about 4×; once per match: about 16×
