"""Desk pages run a fixed number of queries, however many claims there are."""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from claims import pagination, reference
from claims.models import Claim, ClaimRelation, DuplicateSuggestion, Evidence, Source, Speaker

from .conftest import forget_kept_pages, rating

pytestmark = pytest.mark.django_db

WORDS = "fact number {i} is true"


def grow(source, speaker, total, target):
    """Add claims (with distinct spans, every other one relayed, a third judged and
    checked in other words, a quarter assigned to the editor, a fifth with a cue: every
    part a row can show) up to ``total``, each related to ``target`` both ways and
    suggested as a repeat of it."""
    have = Claim.objects.count()
    relay, _ = Speaker.objects.get_or_create(name="Wire service")
    assignee = get_user_model().objects.filter(username="editor").first()
    new = []
    for i in range(have, total):
        text = WORDS.format(i=i)
        start = source.body.index(f"[{i}] ") + len(f"[{i}] ")
        new.append(
            Claim(
                source=source,
                speaker=speaker,
                text=text,
                span_start=start,
                span_end=start + len(text),
                relayed_by=relay if i % 2 else None,
                status="reviewed" if i % 3 == 0 else "new",
                rating=rating("False") if i % 3 == 0 else None,
                claim_reviewed=f"Fact {i} is true" if i % 3 == 0 else "",
                assigned_to=assignee if i % 4 == 0 else None,
                cue="said" if i % 5 == 0 else "",
            )
        )
    created = Claim.objects.bulk_create(new)
    # The target's page lists relations both ways and suggested repeats: each shows the
    # claim at the other end (its words, speaker and, for a repeat, verdict).
    ClaimRelation.objects.bulk_create(
        ClaimRelation(from_claim=c, to_claim=target, kind="disputes") for c in created
    )
    ClaimRelation.objects.bulk_create(
        ClaimRelation(from_claim=target, to_claim=c, kind="repeats") for c in created
    )
    DuplicateSuggestion.objects.bulk_create(
        DuplicateSuggestion(claim=target, original=c, score=90) for c in created
    )


@pytest.fixture
def world(db):
    body = " ".join(f"[{i}] {WORDS.format(i=i)}." for i in range(500))
    source = Source.objects.create(title="Long article", body=body)
    speaker = Speaker.objects.create(name="Busy speaker")
    target = Claim.objects.create(
        source=source, speaker=speaker, text="[0]", span_start=0, span_end=3
    )
    # The target has every record its page shows, each with its history; the lone claim
    # has none but its own history, as most claims.
    Evidence.objects.create(claim=target, url="https://example.org/figures")
    lone, other = (
        Claim.objects.create(
            source=source,
            speaker=speaker,
            text=text,
            span_start=body.index(text),
            span_end=body.index(text) + len(text),
        )
        for text in ("[1]", "[2]")
    )
    ClaimRelation.objects.create(from_claim=other, to_claim=target, kind="denies")
    return source, speaker, target


def deep_page():
    """A keyset page link: the rows after one newer than all, so a full page at any size."""
    edge = Claim(pk=10**9, updated_at=timezone.now() + datetime.timedelta(days=1))
    keys = pagination.keys_of(Claim.objects.all())
    return reverse("claims:claim-list") + f"?page=400&after={pagination.make_cursor(edge, keys)}"


# Every page starts with 4 queries: session, user, and the user's own and group permissions.
# A desk page's verdict scale and assignees come from the worker's copy (claims/reference.py),
# kept under the reference edition; three more queries when it is read again (the scale,
# its past labels, the assignees). A list's answer (its rows and counts) is kept under the
# desk edition (claims/list_memory.py); what it costs when it is not kept is counted here.
# A GET reads every edition it needs in one query (middleware.editions_read_together): "the
# editions" below.
PAGES = {
    # + the editions (the desk's; the reference data's: the scale for the facets and the
    #   filter's checkboxes, the assignees for the bulk form), counts from the tally, the
    #   page of claims = 7
    "list": (lambda s, sp, t: reverse("claims:claim-list") + "?order=-updated", 7),
    # + speakers matching (ids), then as "list" = 8
    "list by speaker and status": (
        lambda s, sp, t: reverse("claims:claim-list") + "?speaker=Busy&status=new",
        8,
    ),
    # + speakers and sources matching the words (ids, one query), on PostgreSQL the
    #   planner's estimate of the matches (counting.bounded: how many to read), counts up
    #   to the bound (not the tally), then as "list" = 9 (SQLite 8)
    "list searched": (lambda s, sp, t: reverse("claims:claim-list") + "?q=fact+true", 9),
    # as a search matching many (IDS_FIRST_FROM set to 0 below): on PostgreSQL the page's
    # ids by rank, then their rows = 10 (SQLite reads it as "list searched")
    "list searched, many matches": (
        lambda s, sp, t: reverse("claims:claim-list") + "?q=fact+true",
        10,
    ),
    # as "list": a deep page costs what the first costs
    "list, deep page": (lambda s, sp, t: deep_page(), 7),
    # as "list": the next page's cursor reads the claim date of the page's last row
    "list by claim date": (lambda s, sp, t: reverse("claims:claim-list") + "?order=-claimed", 7),
    # as "list", but the page's ids first (the matches, then sorted by speaker name:
    # pagination._ids_by), then its rows = 8 on PostgreSQL (SQLite reads it as "list")
    "list by speaker A–Z": (lambda s, sp, t: reverse("claims:claim-list") + "?order=speaker", 8),
    # as a long list (GROUPED_FROM set to 0 below): the page's ids read speaker by speaker,
    # then its rows = 8 on PostgreSQL (SQLite reads it as "list")
    "list by speaker A–Z, long": (
        lambda s, sp, t: reverse("claims:claim-list") + "?order=speaker",
        8,
    ),
    # + the claim, its history, its relations both ways (one query), suggested repeats,
    #   evidence, the reference edition (the review form's verdicts and assignees), and the
    #   history of its evidence and of its relations (timeline) = 12
    "claim": (lambda s, sp, t: t.get_absolute_url(), 12),
    # + the claim (with whether it has any of the rest), its history, the editions = 7:
    #   what it has none of is not asked for
    "claim with none of the rest": (
        lambda s, sp, t: Claim.objects.get(text="[1]").get_absolute_url(),
        7,
    ),
    # + the editions (the desk's; the reference data's: the scale), speaker, aliases,
    #   counts from the tally, the page of claims = 9
    "speaker": (lambda s, sp, t: sp.get_absolute_url(), 9),
    # + source, its claims with speakers = 6
    "source": (lambda s, sp, t: s.get_absolute_url(), 6),
    # + the editions (the desk's), counts from the tally, my queue, recently changed = 8
    "dashboard": (lambda s, sp, t: reverse("claims:dashboard"), 8),
    # + the editions (the desk's), counts from the tally, the page of claims = 7
    "api list": (lambda s, sp, t: reverse("api:claim-list") + "?status=new", 7),
    # Not the 4 of a desk page (no sign-in needed, so the session is not read): the public
    # edition, ratings (filter form), the page of fact-checks = 3, when the page is built;
    # from memory, the edition alone (tests/test_public_cache.py)
    "public index": (lambda s, sp, t: reverse("public:index"), 3),
    # + the editions (the desk's; the reference data's, which the verdict filter's
    #   choices come from), on PostgreSQL the planner's estimate (counting.total), the
    #   total counted up to a bound (LIMIT), the page of claims = 8 (SQLite 7): no full
    #   count, no list of every article, no date hierarchy
    "admin changelist": (lambda s, sp, t: reverse("admin:claims_claim_changelist"), 8),
    # + the chosen speaker's and the chosen article's names for their autocomplete boxes
    #   = 10: neither box lists every speaker or article
    "admin changelist by speaker and article": (
        lambda s, sp, t: (
            reverse("admin:claims_claim_changelist") + f"?speaker={sp.pk}&source={s.pk}"
        ),
        10,
    ),
}


def queries(client, url):
    # A page's cost when it is built: a reader page not held, the reference read again, a
    # list's answer not kept.
    forget_kept_pages()
    reference.forget()
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx)


@pytest.mark.parametrize("page", PAGES)
def test_a_page_runs_as_many_queries_with_500_claims_as_with_10(
    client, editor, world, page, django_assert_max_num_queries, monkeypatch
):
    source, speaker, target = world
    if page.endswith(", long"):
        monkeypatch.setattr(pagination, "GROUPED_FROM", 0)
    many = page.endswith(", many matches")
    monkeypatch.setattr(pagination, "IDS_FIRST_FROM", 0 if many else 10**9)
    make_url, most = PAGES[page]
    client.force_login(editor)
    url = make_url(source, speaker, target)
    grow(source, speaker, 10, target)
    with_10 = queries(client, url)
    grow(source, speaker, 500, target)
    with_500 = queries(client, url)
    assert with_10 == with_500
    # Built again; the reference data kept since the last request.
    forget_kept_pages()
    with django_assert_max_num_queries(most):
        client.get(url)


# Asked for again with nothing written since: the answer kept (claims/list_memory.py).
# Every page's 4 queries (above), + the editions (all read in one query,
# middleware.editions_read_together: the desk's, and the reference data's for a page that
# shows the scale) = 5. The rows and counts (the speaker page's speaker too) are kept.
AGAIN = {
    "list": (lambda s, sp, t: reverse("claims:claim-list") + "?order=-updated", 5),
    # what a search matched is kept with the rows
    "list searched": (lambda s, sp, t: reverse("claims:claim-list") + "?q=fact+true", 5),
    "speaker": (lambda s, sp, t: sp.get_absolute_url(), 5),
    "dashboard": (lambda s, sp, t: reverse("claims:dashboard"), 5),
    "api list": (lambda s, sp, t: reverse("api:claim-list") + "?status=new", 5),
    # the claim, and what its page shows with it (desk/views.py, claim_shown)
    "claim": (lambda s, sp, t: t.get_absolute_url(), 5),
    # the speakers or articles, their aliases and counts
    "api speakers": (lambda s, sp, t: reverse("api:speaker-list"), 5),
    "api sources": (lambda s, sp, t: reverse("api:source-list"), 5),
    # the admin's count and the HTML of its rows and filters, whose verdicts come from
    # the reference data (admin.VerdictFilter)
    "admin changelist": (lambda s, sp, t: reverse("admin:claims_claim_changelist"), 5),
    # and the speakers and articles the words name, kept as the page is: Django's
    # changelist builds its queryset, search included, before it asks for the results
    "admin changelist searched": (
        lambda s, sp, t: reverse("admin:claims_claim_changelist") + "?q=fact+true",
        5,
    ),
}


@pytest.mark.parametrize("page", AGAIN)
def test_a_list_asked_for_again_runs_as_many_queries_with_500_claims_as_with_10(
    client, editor, world, page, django_assert_num_queries
):
    source, speaker, target = world
    make_url, expected = AGAIN[page]
    client.force_login(editor)
    url = make_url(source, speaker, target)
    for size in (10, 500):
        grow(source, speaker, size, target)
        client.get(url)  # kept
        with django_assert_num_queries(expected):
            assert client.get(url).status_code == 200


@pytest.mark.postgres  # SQLite has no server-side cursors
@pytest.mark.parametrize("page", ["list", "claim"])
def test_a_desk_page_reads_its_choices_with_plain_queries(client, editor, world, page):
    """The verdict and assignee choices of the filters and forms are a handful of rows:
    read through Django's own iterator they cost a server-side cursor each (DECLARE, FETCH,
    CLOSE: three round trips) per page."""
    source, speaker, target = world
    grow(source, speaker, 10, target)
    client.force_login(editor)
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(PAGES[page][0](source, speaker, target))
    assert response.status_code == 200
    assert b"Nobody" in response.content  # an assignee choice was written
    assert [q["sql"] for q in ctx.captured_queries if q["sql"].startswith("DECLARE")] == []


def test_saving_a_review_stays_within_its_queries_with_10_claims_and_with_500(
    client, editor, world
):
    """The review form's save, 11 queries at both sizes: the session, the user and their
    permissions; the claim read for the form, then locked and validated (its article's
    words; no constraint and no unchanged foreign key asked again); the claim and its
    history entry written. (A status change looks for no repeats, so the budget, not the
    size, is what would catch those checks coming back: with Django's own constraint
    checks it ran 17.)"""
    source, speaker, target = world
    client.force_login(editor)
    url = reverse("claims:claim-review", args=[target.pk])

    def save(status):
        reference.forget()
        version = Claim.objects.get(pk=target.pk).version
        data = {"status": status, "rating": "", "assigned_to": "", "notes": "", "version": version}
        with CaptureQueriesContext(connection) as ctx:
            assert client.post(url, data).status_code == 302
        assert Claim.objects.get(pk=target.pk).status == status  # saved, not refused
        return len(ctx)

    grow(source, speaker, 10, target)
    with_10 = save("in_review")
    grow(source, speaker, 500, target)
    with_500 = save("new")
    assert with_10 == with_500 <= 11  # a savepoint and its release among them
