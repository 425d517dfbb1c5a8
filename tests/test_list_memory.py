"""Each worker keeps the answers of the desk's and the API's lists (claims/list_memory.py),
and no write outlives a request: whichever path writes, the next page shows what the
database holds."""

import re

import pytest
from django.contrib.auth.models import Group
from django.core.cache import caches
from django.db import connection, transaction
from django.http import HttpResponse
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext, override_script_prefix
from django.urls import reverse

from claims import editions, list_memory, middleware, reference, services
from claims.admin import ClaimAdmin
from claims.desk.views import CLAIM_WRITTEN, LIST_WRITTEN, SPEAKER_WRITTEN
from claims.models import (
    Claim,
    ClaimRelation,
    Correction,
    DeskEdition,
    DuplicateSuggestion,
    Evidence,
    Rating,
    Source,
    Speaker,
    SpeakerAlias,
)

from .conftest import make_claim, make_source, make_speaker, make_user, rating

pytestmark = pytest.mark.django_db
LIST = reverse("claims:claim-list")
API = reverse("api:claim-list")
ADMIN = reverse("admin:claims_claim_changelist")
ROAD = "The mayor said the road would close in June."


@pytest.fixture
def desk(client, editor):
    client.force_login(editor)
    return client


def _without_tokens(response):
    # Without the CSRF token, masked anew for each response.
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", response.content.decode())


def claim_queries(client, url):
    """The page's text, and the queries it ran that read claims or their counts."""
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    sql = [q["sql"] for q in ctx.captured_queries]
    text = _without_tokens(response)
    return text, [q for q in sql if '"claims_claim"' in q or '"claims_claimtally"' in q]


@pytest.mark.parametrize(
    "url",
    [
        LIST,
        LIST + "?status=new&speaker=Jane",
        LIST + "?q=bridge",
        API + "?status=new",
        reverse("claims:dashboard"),
        ADMIN,
        ADMIN + "?q=bridge&status__exact=new",
    ],
)
def test_a_list_asked_for_again_reads_no_claim(desk, url):
    make_claim(speaker=make_speaker(name="Jane Doe"))
    first, read = claim_queries(desk, url)
    assert read  # the first request asks the database
    again, read = claim_queries(desk, url)
    assert read == []
    assert again == first


def test_a_speaker_page_asked_for_again_reads_neither_speaker_nor_claims(desk):
    claim = make_claim(speaker=make_speaker(name="Jane Doe"))
    url = claim.speaker.get_absolute_url()
    first, _ = claim_queries(desk, url)
    with CaptureQueriesContext(connection) as ctx:
        again, _ = claim_queries(desk, url)
    assert not [q for q in ctx.captured_queries if "claims_speaker" in q["sql"]]
    assert again == first
    assert "Jane Doe" in again


def judged_claim():
    """A claim whose pages show a speaker, a verdict, an assignee and a reviewing editor:
    judged and assigned before a page is kept, so that renaming the verdict or a person
    writes only their own table."""
    return make_claim(
        speaker=make_speaker(name="Jane Doe"),
        rating=rating("False"),
        assigned_to=make_user("formerly", "Editor"),
        reviewed_by=make_user("checker", "Editor", first_name="Ada", last_name="Checker"),
    )


def speaker_renamed(claim):
    Speaker.objects.filter(pk=claim.speaker_id).update(name="Janet Newname")
    return "Janet Newname"


def alias_added(claim):
    SpeakerAlias.objects.create(speaker=claim.speaker, name="Janet Newname")
    return "Janet Newname"


def article_retitled(claim):
    Source.objects.filter(pk=claim.source_id).update(title="A new headline")
    return "A new headline"


def verdict_renamed(claim):
    Rating.objects.filter(pk=claim.rating_id).update(label="Wrong")
    return "Wrong"


def assignee_renamed(claim):
    claim.assigned_to.username = "newly-named"
    claim.assigned_to.save(update_fields=["username"])
    return "newly-named"


def reviewed_through_the_service(claim):
    editor = make_user("reviewer", "Editor")
    services.update_claim(claim.pk, editor, claim.version, status="in_review")
    return {"desk": 'class="badge status-in_review"', "api": '"status": "in_review"'}


def reworded_by_raw_sql(claim):
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE claims_claim SET text = %s WHERE id = %s", ["the tunnel is finished", claim.pk]
        )
    return "the tunnel is finished"


def another_claim(claim):
    make_claim(source=make_source(body=ROAD), text="the road would close in June")
    return "the road would close in June"


@pytest.mark.parametrize(
    "write",
    [
        speaker_renamed,
        article_retitled,
        verdict_renamed,
        assignee_renamed,
        reviewed_through_the_service,
        reworded_by_raw_sql,
        another_claim,
    ],
)
@pytest.mark.parametrize("url", [LIST, API, reverse("claims:dashboard")])
def test_a_write_shows_on_the_next_request_whichever_path_wrote_it(desk, write, url):
    claim = judged_claim()
    before = listed(desk.get(url))  # kept
    shown = write(claim)
    if isinstance(shown, dict):  # as each page writes it
        shown = shown["api" if url == API else "desk"]
    assert shown not in before
    assert shown in listed(desk.get(url))


@pytest.mark.parametrize(
    "write",
    [speaker_renamed, article_retitled, verdict_renamed, reworded_by_raw_sql, another_claim],
)
def test_the_admin_claim_list_shows_a_write_on_the_next_request(desk, write):
    """The admin's claim list keeps its count and the HTML of its rows as the desk's lists
    do: whichever path writes what its rows show, the next page shows it, and its count."""
    claim = judged_claim()

    def rows(response):
        page = response.content.decode()
        return re.search(r'<table id="result_list">.*?</table>', page, re.S).group()

    before = rows(desk.get(ADMIN))  # kept
    shown = write(claim)
    assert shown not in before
    after = desk.get(ADMIN)
    assert shown in rows(after)
    assert after.context["cl"].result_count == Claim.objects.count()


def test_a_kept_page_links_under_the_prefix_it_is_served_under(desk):
    """The site served under a second prefix (a proxy's /news/) keeps its own pages: the
    links kept with a list, a speaker page, the dashboard and a claim page are its own."""
    claim = make_claim()
    pages = [LIST, claim.speaker.get_absolute_url(), reverse("claims:dashboard")]
    pages.append(claim.get_absolute_url())
    for url in pages:
        desk.get(url)  # kept under "/"
        with override_script_prefix("/news/"):
            page = desk.get(url).content.decode()
        links = [
            link for link in re.findall(r'href="(/[^"]*)"', page) if not link.startswith("/static/")
        ]
        assert links and all(link.startswith("/news/") for link in links), url


def test_the_kept_admin_list_acts_on_every_match_and_refuses_a_page_past_its_end(desk, monkeypatch):
    """Kept, the admin's claim list still gives its actions the whole list ("select all"),
    and a page number past the end still sends the editor back to the first page."""
    monkeypatch.setattr(ClaimAdmin, "list_per_page", 2)
    claims = [make_claim() for _ in range(3)]
    assert desk.get(ADMIN, {"status__exact": "new"}).status_code == 200  # kept
    desk.post(
        ADMIN + "?status__exact=new",
        {"action": "move_to_in_review", "select_across": "1", "_selected_action": [claims[0].pk]},
    )
    assert set(Claim.objects.values_list("status", flat=True)) == {"in_review"}
    for _ in range(2):
        response = desk.get(ADMIN, {"p": "99"})
        assert response.status_code == 302 and response["Location"].endswith("?e=1")


ADMIN_KEPT = {
    "admin/search_form.html",
    "admin/change_list_results.html",
    "admin/pagination.html",
    "admin/filter.html",
}


def test_the_admin_list_asked_again_writes_only_what_depends_on_its_reader(desk):
    """The admin's search bar, table, page links and filters are written once and kept;
    the actions, the user's name and the token, for each request."""
    for _ in range(3):
        make_claim()
    url = ADMIN + "?status__exact=new&q=bridge"
    first = desk.get(url)
    again = desk.get(url)
    assert {t.name for t in first.templates} >= ADMIN_KEPT
    assert ADMIN_KEPT & {t.name for t in again.templates} == set()
    assert _without_tokens(again) == _without_tokens(first)
    page = again.content.decode()
    assert page.count('class="action-select"') == 3
    assert "0 of 3 selected" in page  # the actions' counter: the rows counted, not read
    assert "admin/actions.html" in {t.name for t in again.templates}  # the user's own
    assert 'value="bridge"' in page and "Clear all filters" in page


def test_a_kept_admin_list_shows_each_user_the_tick_boxes_their_actions_give(editor):
    """Kept after an editor asked for it, the admin list shows a contributor, who has no
    action, no tick box; kept after a contributor, an editor gets them. Each set of columns
    is kept on its own."""
    for _ in range(2):
        make_claim()
    contributor = make_user("contributor", "Contributor", is_staff=True)
    editing, contributing = Client(), Client()
    editing.force_login(editor)
    contributing.force_login(contributor)
    for first, then, ticks in ((editing, contributing, 0), (contributing, editing, 2)):
        url = f"{ADMIN}?o={'-7' if ticks else '7'}"  # not kept yet
        first_page, read = claim_queries(first, url)
        assert read and first_page.count('class="action-select"') == 2 - ticks
        page, read = claim_queries(then, url)
        assert read  # not kept for these columns
        assert page.count('class="action-select"') == ticks
        assert ('name="action"' in page) == bool(ticks)
        table = re.search(r'<table id="result_list">.*?</table>', page, re.S).group()
        assert table.count("<tr") == 3  # the header and both claims, either way
        for client, shown in ((first, first_page), (then, page)):
            again, read = claim_queries(client, url)
            assert read == [] and again == shown  # each kept for its own columns


def test_a_kept_admin_page_writes_a_part_it_was_not_kept_with_from_the_database(desk, monkeypatch):
    """A part of the page missing from what was kept (a template that marks a new one) is
    written for the request, from the page's rows read then."""
    for _ in range(3):
        make_claim()
    first, _ = claim_queries(desk, ADMIN)  # kept
    held = list_memory.Place.held

    def without_the_table(place):
        found = held(place)
        if found and "rows" in found:  # the admin's
            found["written"].pop("table")
        return found

    monkeypatch.setattr(list_memory.Place, "held", without_the_table)
    again, read = claim_queries(desk, ADMIN)
    assert read  # the rows, for the table
    assert not [sql for sql in read if "COUNT(" in sql.upper()]  # the count, kept
    assert again == first and again.count('class="action-select"') == 3


def test_an_admin_list_written_while_a_write_commits_is_kept_under_the_edition_before_it(
    desk, monkeypatch
):
    """The page's count and rows are read, then its HTML written: a write committed in
    between must not leave that HTML kept as the newer edition's answer."""
    claim = judged_claim()
    written = []
    choices = ClaimAdmin.get_action_choices

    def renaming_first(self, request, *args, **kwargs):
        # Asked after the rows were read, before the page is written: a colleague's rename.
        if not written:
            written.append(speaker_renamed(claim))
        return choices(self, request, *args, **kwargs)

    monkeypatch.setattr(ClaimAdmin, "get_action_choices", renaming_first)
    assert "Jane Doe" in desk.get(ADMIN).content.decode()  # read before the rename
    assert written == ["Janet Newname"]
    assert "Janet Newname" in desk.get(ADMIN).content.decode()


def test_an_admin_list_with_editable_rows_is_django_s_own(desk, monkeypatch):
    """A page whose rows are forms (``list_editable``) needs the list as a queryset: it is
    read from the database, not kept, and its forms are written."""
    make_claim()
    monkeypatch.setattr(ClaimAdmin, "list_editable", ["status"])
    for _ in range(2):
        response = desk.get(ADMIN)
        assert response.status_code == 200
        assert 'name="form-0-status"' in response.content.decode()


def listed(response):
    """What a page lists: the API's JSON, or a desk page's claim tables (not its forms,
    whose verdicts and assignees come from the reference data, claims/reference.py)."""
    text = response.content.decode()
    if response["Content-Type"].startswith("application/json"):
        return text
    return "".join(re.findall(r'<table class="claims">.*?</table>', text, re.S))


def test_a_claim_page_asked_for_again_reads_no_claim(desk):
    claim = judged_claim()
    Evidence.objects.create(claim=claim, url="https://example.org/a", title="Figures")
    first, read = claim_queries(desk, claim.get_absolute_url())
    assert read  # the first request asks the database
    again, read = claim_queries(desk, claim.get_absolute_url())
    assert read == []
    assert again == first
    assert "Figures" in again and "Ada Checker" in again


def test_a_claim_page_asked_for_again_writes_only_what_depends_on_its_reader(desk):
    """The claim's facts, its ruling, its history and its empty forms are written once and
    kept; the links and buttons a reviewer has, and the evidence, for each request."""
    claim = judged_claim()
    Correction.objects.create(claim=claim, note="Revised.")
    kept = {*CLAIM_WRITTEN.values(), "claims/_form_fields.html"}

    def written(response):
        return {template.name for template in response.templates}

    first = desk.get(claim.get_absolute_url())
    again = desk.get(claim.get_absolute_url())
    assert kept <= written(first)
    assert kept & written(again) == set()
    assert _without_tokens(again) == _without_tokens(first)
    assert "Revised." in kept_of(again)
    assert re.findall(r'<select name="\w+"', again.content.decode()) == [
        '<select name="status"',
        '<select name="rating"',
        '<select name="assigned_to"',
    ]


def test_a_kept_claim_page_shows_a_viewer_no_form_and_no_reviewers_button(desk, client, viewer):
    """Kept after a reviewer asked for it, the page is the viewer's own: what a role may
    do is decided for each request."""
    claim = judged_claim()
    Evidence.objects.create(claim=claim, url="https://example.org/a", title="Figures")
    other = make_claim(source=make_source(body=ROAD), text="the road would close in June")
    ClaimRelation.objects.create(from_claim=claim, to_claim=other, kind="denies")
    url = claim.get_absolute_url()
    assert "Save review" in desk.get(url).content.decode()  # kept
    client.force_login(viewer)
    page = client.get(url).content.decode()
    assert "Figures" in page and "<strong>denies</strong>" in page  # the kept page
    assert "<form" not in page.split('<article class="claim">')[1]
    assert "Edit or remove" not in page


def test_a_list_asked_for_again_writes_only_what_depends_on_its_reader(desk):
    """The filter form as the query string filled it in, the counts and facets, the table
    and the page links are written once and kept; the bulk form, for each request."""
    for _ in range(3):
        make_claim()
    url = f"{LIST}?status=new&kind=<b>&page=1"  # an invalid kind: its error is kept too
    kept = {*LIST_WRITTEN.values(), "claims/_count.html"}

    def written(response):
        return {template.name for template in response.templates}

    first = desk.get(url)
    again = desk.get(url)
    assert kept <= written(first)
    assert kept & written(again) == set()
    assert _without_tokens(again) == _without_tokens(first)
    page = again.content.decode()
    assert "&lt;b&gt;" in page and "<b>" not in page  # the refused kind, escaped
    assert 'value="new" id="id_status_0" checked>' in page  # the filter, still ticked
    assert page.count('name="claims"') == 3  # a reviewer's tick boxes
    assert 'id="bulk"' in page and 'name="csrfmiddlewaretoken"' in page  # and bulk form


def test_a_kept_list_shows_each_reader_the_tick_boxes_their_role_gives(editor, viewer):
    """Kept after a reviewer asked for it, the list shows a viewer no bulk form and no tick
    box; kept after a viewer, a reviewer gets both."""
    for _ in range(2):
        make_claim()
    reviewing, viewing = Client(), Client()
    reviewing.force_login(editor)
    viewing.force_login(viewer)
    for first, then, ticks in ((reviewing, viewing, 0), (viewing, reviewing, 2)):
        url = f"{LIST}?order={'-updated' if ticks else 'updated'}"  # not kept yet
        first.get(url)
        response = then.get(url)
        assert "claims/_claim_table.html" not in {t.name for t in response.templates}  # kept
        page = response.content.decode()
        assert page.count('name="claims"') == ticks
        assert ('id="bulk"' in page) == bool(ticks)
        assert page.count("<tr>") == 3  # the header and both claims, either way


def test_a_kept_speaker_page_writes_only_the_merge_form_and_only_for_who_may_merge(editor, viewer):
    """A speaker's facts, scorecard, claims and page links, and the merge form's fields,
    are written once and kept; the merge form is shown to an editor, not to a viewer."""
    speaker = make_speaker(name="Jane Roe")
    for _ in range(2):
        make_claim(speaker=speaker)
    kept = set(SPEAKER_WRITTEN.values())
    kept.add("claims/_form_fields.html")  # the merge form's fields, empty for everyone
    merging, viewing = Client(), Client()
    merging.force_login(editor)
    viewing.force_login(viewer)
    first = merging.get(speaker.get_absolute_url())
    for client, merges in ((viewing, False), (merging, True)):
        again = client.get(speaker.get_absolute_url())
        assert kept <= {t.name for t in first.templates}
        assert kept & {t.name for t in again.templates} == set()
        page = again.content.decode()
        assert page.split('<table class="claims">')[1].count("<tr>") == 3  # header, 2 claims
        assert ("Merge a duplicate speaker" in page) == merges
        assert ('name="other"' in page) == merges
        main = page.split('<main id="main"')[1]  # the sign-out form's token aside
        assert ('name="csrfmiddlewaretoken"' in main) == merges


def test_a_refused_review_leaves_the_next_page_its_empty_form(desk):
    """What an editor typed into a form the desk refused is shown back to them only."""
    claim = judged_claim()
    url = claim.get_absolute_url()
    notes = re.compile(r'<textarea name="notes".*?</textarea>', re.S)
    empty = notes.search(desk.get(url).content.decode())
    save = reverse("claims:claim-review", args=[claim.pk])
    data = {"status": "reviewed", "rating": "", "notes": "Typed, never saved"}
    refused = desk.post(save, {**data, "version": claim.version})  # no verdict: refused
    assert refused.status_code == 400
    assert "Typed, never saved" in refused.content.decode()
    page = desk.get(url).content.decode()
    assert "Typed, never saved" not in page
    assert notes.search(page).group() == empty.group()


def offered(response, name):
    """The labels of the choices a claim page's review form offers in its ``name`` box."""
    box = re.search(rf'<select name="{name}".*?</select>', response.content.decode(), re.S)
    return re.findall(r"<option [^>]*>([^<]*)</option>", box.group())


def test_a_claim_pages_review_form_offers_whom_a_role_was_given_on_the_next_request(desk):
    """Roles are reference data, apart from what the desk's lists show: the form's
    assignees are kept under the reference edition too."""
    claim = judged_claim()
    url = claim.get_absolute_url()
    assert "newcomer" not in offered(desk.get(url), "assigned_to")  # kept
    newcomer = make_user("newcomer")
    assert "newcomer" not in offered(desk.get(url), "assigned_to")  # no role yet
    newcomer.groups.add(Group.objects.get(name="Contributor"))
    assert "newcomer" in offered(desk.get(url), "assigned_to")


def test_a_claim_pages_review_form_carries_the_version_a_save_left(desk, editor):
    """After a review the form is the new version's: saving again is no conflict."""
    claim = judged_claim()
    url, save = claim.get_absolute_url(), reverse("claims:claim-review", args=[claim.pk])

    def review(status):
        version = re.search(r'name="version" value="(\d+)"', desk.get(url).content.decode())
        data = {"status": status, "rating": claim.rating_id, "assigned_to": "", "notes": ""}
        return desk.post(save, {**data, "version": version.group(1)})

    assert review("in_review").status_code == 302
    assert review("reviewed").status_code == 302
    assert Claim.objects.get(pk=claim.pk).status == "reviewed"


def test_a_kept_claim_page_holds_no_password_hash(desk, editor):
    """What is kept lives in each worker's memory: the users a page names (assignee,
    reviewing editor, who added evidence or made a correction) are kept without their
    password hash."""
    claim = judged_claim()
    Evidence.objects.create(claim=claim, url="https://example.org/a", added_by=editor)
    Correction.objects.create(claim=claim, note="Revised.", made_by=editor)
    desk.get(claim.get_absolute_url())  # kept
    users = [editor, claim.assigned_to, claim.reviewed_by]
    kept = b"".join(caches["claim_pages"]._cache.values())  # LocMemCache: pickled values
    assert b"Revised." in kept and b"Ada" in kept
    assert [user.username for user in users if user.password.encode() in kept] == []


def evidence_added(claim):
    Evidence.objects.create(claim=claim, url="https://example.org/new", title="Fresh figures")
    return "Fresh figures"


def answered_by_another(claim):
    other = make_claim(source=make_source(body=ROAD), text="the road would close in June")
    ClaimRelation.objects.create(from_claim=other, to_claim=claim, kind="denies")
    return "<strong>denies</strong> this claim"


def repeat_suggested(claim):
    other = make_claim(source=make_source(body=ROAD), text="the road would close in June")
    DuplicateSuggestion.objects.create(claim=claim, original=other, score=88)
    return "similarity 88"


def corrected(claim):
    Correction.objects.create(claim=claim, note="The figures were revised.")
    return "The figures were revised."


def reviewer_renamed(claim):
    claim.reviewed_by.last_name = "Newname"
    claim.reviewed_by.save(update_fields=["last_name"])
    return "Ada Newname"


@pytest.mark.parametrize(
    "write",
    [
        evidence_added,
        answered_by_another,
        repeat_suggested,
        corrected,
        reviewer_renamed,
        speaker_renamed,
        article_retitled,
        verdict_renamed,
        assignee_renamed,
        reviewed_through_the_service,
        reworded_by_raw_sql,
    ],
)
def test_a_write_shows_on_the_claim_pages_next_request(desk, write):
    """A claim page is kept as the lists are: every table it reads moves the edition."""
    claim = judged_claim()
    url = claim.get_absolute_url()
    before = kept_of(desk.get(url))  # kept
    shown = write(claim)
    if isinstance(shown, dict):
        shown = shown["desk"]
    assert shown not in before
    assert shown in kept_of(desk.get(url))


def kept_of(response):
    """What a claim page shows from what is kept: the page without its forms, whose
    verdicts and assignees come from the reference data (claims/reference.py), read
    again after their own writes."""
    return re.sub(r"<form\b.*?</form>", "", response.content.decode(), flags=re.S)


def test_the_apis_speakers_and_articles_show_a_write_on_the_next_request(desk):
    """Kept as the claims' list is: an alias, a claim (its count) and a title written after
    a page was kept show on the next request."""
    claim = make_claim(speaker=make_speaker(name="Jane Doe"))
    speakers, sources = reverse("api:speaker-list"), reverse("api:source-list")

    def shown(url):
        return [
            (item.get("name") or item["title"], item.get("aliases"), item["claims"])
            for item in desk.get(url).json()["results"]
        ]

    assert shown(speakers) == [("Jane Doe", [], 1)]
    assert shown(sources) == [(claim.source.title, None, 1)]
    SpeakerAlias.objects.create(speaker=claim.speaker, name="J. Doe")
    make_claim(speaker=claim.speaker, source=claim.source, text="the bridge would open")
    Source.objects.filter(pk=claim.source_id).update(title="A new headline")
    assert shown(speakers) == [("Jane Doe", ["J. Doe"], 2)]
    assert shown(sources) == [("A new headline", None, 2)]


def alias_renamed(claim):
    SpeakerAlias.objects.create(speaker=claim.speaker, name="J. Doe")
    SpeakerAlias.objects.filter(speaker=claim.speaker).update(name="Janet Newname")


def alias_deleted(claim):
    SpeakerAlias.objects.filter(speaker=claim.speaker).delete()


def whole_name_taken(claim):
    # "Jane" was part of "Jane Doe"'s name; a speaker called just "Jane" now means her.
    make_speaker(name="Jane")


@pytest.mark.parametrize(
    "query, write, found",
    [
        ("?speaker=Newname", speaker_renamed, True),
        ("?speaker=Newname", alias_added, True),
        ("?speaker=Newname", alias_renamed, True),
        ("?speaker=Jane", whole_name_taken, False),
        ("?q=headline", article_retitled, True),
        ("?status=in_review", reviewed_through_the_service, True),
        ("?q=tunnel", reworded_by_raw_sql, True),
    ],
)
def test_a_filter_finds_what_a_write_made_it_match(desk, query, write, found):
    claim = make_claim(speaker=make_speaker(name="Jane Doe"))
    before = [row["id"] for row in desk.get(API + query).json()["results"]]  # kept
    write(claim)
    after = [row["id"] for row in desk.get(API + query).json()["results"]]
    assert (before, after) == (([], [claim.pk]) if found else ([claim.pk], []))


def test_a_deleted_alias_no_longer_finds_its_speaker(desk):
    claim = make_claim(speaker=make_speaker(name="Jane Doe"))
    SpeakerAlias.objects.create(speaker=claim.speaker, name="Janet Newname")
    assert desk.get(API + "?speaker=Newname").json()["count"] == 1  # kept
    alias_deleted(claim)
    assert desk.get(API + "?speaker=Newname").json()["count"] == 0


def test_a_deleted_claim_leaves_the_list_at_once(desk):
    claim = make_claim()
    assert desk.get(API).json()["count"] == 1
    claim.delete()
    after = desk.get(API).json()
    assert (after["count"], after["results"]) == (0, [])


def test_a_claim_no_longer_needing_review_leaves_the_dashboard_queue(desk, editor):
    claim = make_claim(assigned_to=editor, status="in_review")
    assert claim.text in desk.get(reverse("claims:dashboard")).content.decode()
    Claim.objects.filter(pk=claim.pk).update(status="reviewed", rating=rating("False"))
    queue = desk.get(reverse("claims:dashboard")).context["queue"]
    assert [row["pk"] for row in queue] == []


def test_assigned_to_me_is_each_users_own(client, editor):
    other = make_user("other", "Editor")
    mine = make_claim(assigned_to=editor)
    theirs = make_claim(assigned_to=other, source=make_source())
    for url in (API + "?assigned=me", LIST + "?assigned=me"):
        for user, claim in ((editor, mine), (other, theirs), (editor, mine)):
            client.force_login(user)
            response = client.get(url)
            rows = response.json()["results"] if url.startswith(API) else response.context["page"]
            assert [row.get("id", row.get("pk")) for row in rows] == [claim.pk]


def test_the_dashboard_queue_is_each_users_own(client, editor):
    """Each user's dashboard is written once and kept for them: asked again, it shows the
    same queue without writing it again; another user's shows theirs."""
    other = make_user("other", "Editor")
    mine = make_claim(assigned_to=editor, status="in_review", text="the bridge would open")

    def queue(response):
        return response.content.decode().split('id="queue-h"')[1].split("</section>")[0]

    client.force_login(editor)
    first = client.get(reverse("claims:dashboard"))
    again = client.get(reverse("claims:dashboard"))
    assert "claims/_dashboard.html" in {t.name for t in first.templates}
    assert "claims/_dashboard.html" not in {t.name for t in again.templates}
    assert mine.get_absolute_url() in queue(again) and mine.text in queue(again)
    client.force_login(other)
    assert mine.get_absolute_url() not in queue(client.get(reverse("claims:dashboard")))


def test_a_broken_page_link_says_so_every_time(desk):
    make_claim()
    for _ in range(2):
        page = desk.get(LIST + "?page=2&after=not-a-cursor").content.decode()
        assert "This page link is broken or out of date." in page
        assert "the bridge would open in May" in page


def test_a_list_reads_the_editions_it_needs_in_one_query(desk):
    """The desk edition (its answer) and the reference edition (the scale, the assignees):
    each read on its own was one more round trip to the database for every list."""
    make_claim()
    desk.get(LIST)
    with CaptureQueriesContext(connection) as ctx:
        assert desk.get(LIST).status_code == 200
    editions = [q["sql"] for q in ctx.captured_queries if "edition" in q["sql"]]
    assert len(editions) == 1
    assert "claims_deskedition" in editions[0]
    assert "claims_referenceedition" in editions[0]


def test_a_request_that_writes_reads_the_edition_its_own_write_moved(rf):
    """A request that writes after reading an edition must not take what its own write made
    stale for current: one made to write (a POST) reads each edition when it needs it, and
    a GET that writes all the same reads them again after the write."""

    def writes_then_reads(request):
        before = list_memory.DESK.number()
        list_memory.new_edition()
        return HttpResponse(str(list_memory.DESK.number() - before))

    handle = middleware.editions_read_together(writes_then_reads)
    assert handle(rf.post("/")).content == b"1"
    assert handle(rf.get("/")).content == b"1"


def test_inside_a_transaction_no_edition_is_given_even_after_one_was_read_together():
    """Rows read inside a transaction may never have been (it can roll back): nothing may
    be kept from them, whatever the request read before."""
    with editions.reading_together():
        assert list_memory.DESK.number() is not None
        with transaction.atomic():
            assert list_memory.DESK.number() is None
            assert reference.REFERENCE.number() is None


@pytest.mark.postgres  # the planner's estimate (counting.bounded) is PostgreSQL's EXPLAIN
def test_an_estimate_keeps_the_editions_read_together_and_a_write_does_not():
    with editions.reading_together():
        list_memory.DESK.number()
        with CaptureQueriesContext(connection) as ctx:
            with connection.cursor() as cursor:
                cursor.execute("EXPLAIN (FORMAT JSON) SELECT id FROM claims_claim")
            list_memory.DESK.number()
        assert len(ctx.captured_queries) == 1  # the estimate only
        Speaker.objects.filter(pk=-1).update(name="nobody")
        with CaptureQueriesContext(connection) as ctx:
            list_memory.DESK.number()
        assert len(ctx.captured_queries) == 1  # read again after a write


def test_an_edition_row_gone_is_put_back_when_read_with_the_others():
    DeskEdition.objects.all().delete()  # a test database flushed
    with editions.reading_together():
        assert list_memory.DESK.number() is None  # nothing is kept under it
        assert reference.REFERENCE.number() is not None
    assert list_memory.DESK.number() is not None


def test_the_api_checks_a_question_it_answered_again_only_after_a_write(desk):
    """Whether ?source= names an article is a query: asked again, the kept answer stands
    for it, until the article goes (a write) and the same question is refused."""
    make_claim()
    unquoted = make_source()
    url = f"{API}?source={unquoted.pk}"
    assert desk.get(url).json()["results"] == []
    with CaptureQueriesContext(connection) as ctx:
        assert desk.get(url).status_code == 200
    assert not [q for q in ctx.captured_queries if '"claims_source"' in q["sql"]]
    unquoted.delete()
    for _ in range(2):  # a refusal is never kept: each is checked against the database
        with CaptureQueriesContext(connection) as ctx:
            refused = desk.get(url)
        assert refused.status_code == 400
        assert "source" in refused.json()["errors"]
        assert [q for q in ctx.captured_queries if '"claims_source"' in q["sql"]]


def _article_filtered(claim):
    article = make_source()
    return f"source={article.pk}", '"claims_source"', article.delete


def _verdict_filtered(claim):
    step = Rating.objects.create(label="Half-baked", order=99)  # no claim has it
    return f"verdict={step.pk}", '"claims_rating"', step.delete


@pytest.mark.parametrize("filtered", [_article_filtered, _verdict_filtered])
def test_the_desk_list_checks_a_question_it_answered_again_only_after_a_write(desk, filtered):
    """Whether ?source= names an article, or ?verdict= a verdict, is a query: asked again,
    the list shows the form as it was checked then, until a write removes what it names and
    the list says so beside the filter, as it did before it kept anything."""
    query, table, remove = filtered(make_claim())
    url = f"{LIST}?{query}&speaker=Jane"
    assert not desk.get(url).context["invalid"]
    with CaptureQueriesContext(connection) as ctx:
        again = desk.get(url)
    assert not [q for q in ctx.captured_queries if table in q["sql"]]
    assert not again.context["invalid"]
    assert 'class="error"' not in again.content.decode()
    remove()
    refused = desk.get(url)  # the write moved the edition: checked again, and refused
    assert refused.context["invalid"]
    assert "Select a valid choice" in refused.content.decode()
    with CaptureQueriesContext(connection) as ctx:
        again = desk.get(url)  # a refusal kept like any answer, until the next write
    assert not [q for q in ctx.captured_queries if table in q["sql"]]
    assert again.context["invalid"]
    beside = re.search(rf'id="id_{query.split("=")[0]}_error">(.*?)</div>', again.content.decode())
    assert beside and "Select a valid choice" in beside[1]  # beside the filter it refuses
    assert _without_tokens(again) == _without_tokens(refused)


def test_a_list_asked_for_again_shows_the_same_errors_escaped(desk):
    make_claim()
    url = LIST + "?kind=<b>bold</b>&status=new"
    first, read = claim_queries(desk, url)
    assert read
    again, read = claim_queries(desk, url)
    assert read == []  # answered from memory: the form was not checked again either
    assert again == first
    assert "&lt;b&gt;bold&lt;/b&gt; is not one of the available choices" in again
    assert "<b>bold</b>" not in again
    assert "Some filters were not understood" in again


def test_signing_in_does_not_move_the_desk_edition(client, editor):
    # Every sign-in writes the user's last_login: were it watched, each would empty every
    # worker's memory.
    before = list_memory.DESK.number()
    client.force_login(editor)
    assert list_memory.DESK.number() == before


def test_answers_read_inside_a_transaction_that_rolls_back_are_not_kept(desk):
    """Rows read there may never have been: they would be shown once later writes bring the
    edition back to the number they were read under."""
    make_claim()
    desk.get(API)
    with pytest.raises(RuntimeError), transaction.atomic():
        ghost = make_claim(text="the road would close in June", source=make_source(body=ROAD))
        assert ghost.pk in [r["id"] for r in desk.get(API).json()["results"]]
        inside = DeskEdition.objects.get().number
        raise RuntimeError("rolled back")
    while list_memory.DESK.number() < inside:
        list_memory.DESK.raise_by_hand()  # as later writes would
    assert list_memory.DESK.number() == inside
    assert "the road would close in June" not in desk.get(API).content.decode()


@override_settings(
    CACHES={
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
        "public": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
        "lists": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"},
    }
)
def test_with_no_memory_every_request_reads_its_claims(desk):
    # What DESK_LISTS_KEPT=0 sets.
    make_claim()
    claim_queries(desk, LIST)
    _, read = claim_queries(desk, LIST)
    assert read


def test_every_trigger_that_moves_the_desk_edition_is_in_the_database():
    """A migration that rebuilds a table (SQLite's way of altering one) drops its triggers:
    the lists would then show what that table held before."""
    tables = {
        "claims_claim": ("insert", "update", "delete"),
        "claims_speaker": ("insert", "update", "delete"),
        "claims_speakeralias": ("insert", "update", "delete"),
        "claims_source": ("insert", "update", "delete"),
        "claims_rating": ("insert", "update", "delete"),
        "auth_user": ("update", "delete"),
        # what a claim page shows besides the claim
        "claims_evidence": ("insert", "update", "delete"),
        "claims_claimrelation": ("insert", "update", "delete"),
        "claims_duplicatesuggestion": ("insert", "update", "delete"),
        "claims_correction": ("insert", "update", "delete"),
    }
    assert list_memory.DESK.installed_triggers() == {
        f"{table}_desk_{event}" for table, events in tables.items() for event in events
    }


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_committed_claim_moves_the_desk_edition():
    """The edition moves when the writer's transaction commits (a deferred trigger on
    PostgreSQL), not only in a test's transaction."""
    before = list_memory.DESK.number()
    make_claim()
    assert list_memory.DESK.number() > before


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_transaction_writing_many_rows_raises_the_desk_edition_once():
    """At the commit every row's deferred trigger fires within the one COMMIT: the edition
    moves once, not once a row (each raise of the one row in one transaction left a
    version the next had to walk past: the cost grew as the square of the rows)."""
    before = list_memory.DESK.number()
    with transaction.atomic():
        source, speaker = make_source(), make_speaker()
        Claim.objects.bulk_create(
            Claim(source=source, speaker=speaker, text="the bridge", span_start=0, span_end=10)
            for _ in range(5)
        )
        Claim.objects.filter(source=source).update(status="in_review")
    assert list_memory.DESK.number() == before + 1
    Source.objects.filter(pk=source.pk).update(title="Retitled")  # the next transaction
    assert list_memory.DESK.number() == before + 2


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_writer_s_first_raise_locks_every_edition_in_one_order():
    """A write may move several editions, in an order that depends on what it wrote first
    (an admin deleting a published claim's evidence, then the claim: public, then desk; an
    editor saving a published claim: desk, then public). Were each row locked as its
    edition moved, two such writers committing together could each hold the row the other
    waits for. So the first raise locks them all, in one order."""
    import threading

    from django.db import OperationalError, connections

    claim = make_claim()  # unpublished: a change moves the desk edition alone
    held = {}

    def try_public_edition():
        try:
            with transaction.atomic(), connections["default"].cursor() as cursor:
                cursor.execute("SELECT 1 FROM claims_publicedition WHERE id = 1 FOR UPDATE NOWAIT")
            held["public"] = False
        except OperationalError:
            held["public"] = True
        finally:
            connections.close_all()

    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")  # the commit's raises, now
        Claim.objects.filter(pk=claim.pk).update(status="in_review")
        other = threading.Thread(target=try_public_edition)
        other.start()
        other.join()
    assert held == {"public": True}
