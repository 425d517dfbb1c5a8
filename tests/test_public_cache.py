"""Reader pages are served from memory under the public edition, and no change a reader
could see outlives a request: every kind of write that shows on a reader page moves the
edition in its own transaction, whichever path makes it."""

import pytest
from django.db import connection
from django.http import HttpResponse
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from claims import services
from claims.models import (
    Claim,
    Evidence,
    PublicEdition,
    Rating,
    Source,
    Speaker,
    SpeakerAlias,
)
from claims.publishing import cache

from .conftest import make_claim, make_speaker
from .published import correct, published_claim

pytestmark = pytest.mark.django_db
INDEX = reverse("public:index")


@pytest.fixture
def checked(editor):
    return published_claim(editor)


def page_of(claim):
    return reverse("public:fact-check", args=[claim.pk])


def test_a_reader_page_asked_for_again_costs_one_query(client, checked, django_assert_num_queries):
    first = client.get(INDEX)
    with django_assert_num_queries(1):  # the edition
        again = client.get(INDEX)
    assert again.status_code == 200
    assert again.content == first.content
    assert again["Content-Type"] == first["Content-Type"]


def _publish_another(claim, editor):
    other = published_claim(editor, text="officials in Seoul questioned", source=claim.source)
    return page_of(other)


def _withdraw(claim, editor):
    services.unpublish(claim.pk, editor, claim.version, reason="The quote was misattributed.")
    return "This fact-check has been withdrawn"


def _correct(claim, editor):
    correct(claim, editor, "We misread the date.", explanation="<p>Since revised.</p>")
    return "We misread the date."


def _rename_speaker_in_bulk(claim, editor):
    Speaker.objects.filter(pk=claim.speaker_id).update(name="V. V. Putin")
    return "V. V. Putin"


def _retitle_article(claim, editor):
    source = Source.objects.get(pk=claim.source_id)
    source.title = "Leaders meet in the Far East"
    source.save()
    return "Leaders meet in the Far East"


def _relabel_verdict(claim, editor):
    Rating.objects.filter(pk=claim.rating_id).update(label="Not shown")
    return "Not shown"


def _add_evidence(claim, editor):
    services.save_evidence(
        Evidence(claim=claim, url="https://example.org/tass", title="TASS report"), editor
    )
    return "TASS report"


def _add_alias(claim, editor):
    SpeakerAlias.objects.create(speaker_id=claim.speaker_id, name="The Kremlin chief")
    return page_of(claim)


def _rename_reviewer(claim, editor):
    editor.first_name, editor.last_name = "Ana", "Reviewer"
    editor.save()
    return "Ana Reviewer"


def _raw_sql_on_the_claim(claim, editor):
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE claims_claim SET claim_reviewed = %s WHERE id = %s",
            ["Russia will launch satellites for Pyongyang.", claim.pk],
        )
    return "Russia will launch satellites for Pyongyang."


INDEX_FOR_ALIAS = f"{INDEX}?speaker=Kremlin+chief"


# (the change, the reader page that shows it: the index or the claim's own page)
CHANGES = [
    (_publish_another, lambda claim: INDEX),
    (_withdraw, page_of),
    (_correct, page_of),
    (_rename_speaker_in_bulk, lambda claim: INDEX),
    (_retitle_article, page_of),
    (_relabel_verdict, lambda claim: INDEX),
    (_add_evidence, page_of),
    (_add_alias, lambda claim: INDEX_FOR_ALIAS),
    (_rename_reviewer, page_of),
    (_raw_sql_on_the_claim, page_of),
]


@pytest.mark.parametrize(
    ("change", "where"), CHANGES, ids=[change.__name__.strip("_") for change, _ in CHANGES]
)
def test_a_change_readers_could_see_is_on_the_next_page_they_ask_for(
    client, editor, checked, change, where
):
    url = where(checked)
    before = client.get(url).content
    assert client.get(url).content == before  # held in memory from here on
    shown = change(checked, editor)
    after = client.get(url).content.decode()
    assert shown in after
    assert shown not in before.decode()


def test_work_on_claims_readers_do_not_see_keeps_their_pages_in_memory(client, editor, checked):
    client.get(INDEX)
    held = cache.edition()
    draft = make_claim(speaker=checked.speaker)
    services.update_claim(draft.pk, editor, draft.version, status=Claim.Status.IN_REVIEW)
    Claim.objects.filter(pk=draft.pk).update(notes="checked the transcript")
    assert cache.edition() == held


def test_a_new_speaker_whose_name_is_the_filter_is_on_the_next_page(client, checked):
    """A whole name means that speaker only: once a speaker "Putin" exists, the index's
    filter "Putin" no longer lists Vladimir Putin's fact-checks."""
    url = f"{INDEX}?speaker=Putin"
    assert "No published fact-checks match" not in client.get(url).content.decode()
    make_speaker(name="Putin")
    assert "No published fact-checks match" in client.get(url).content.decode()


def test_a_page_kept_under_an_old_edition_is_not_served_after_the_row_is_put_back(
    client, editor, checked
):
    """Should the edition's row go (a flushed or restored database), it comes back at a
    number no page was kept under, not at 0 again."""
    client.get(INDEX)
    checked.refresh_from_db()
    services.unpublish(checked.pk, editor, checked.version, reason="Misattributed.")
    PublicEdition.objects.all().delete()
    client.get(INDEX)
    assert "No published fact-checks match" in client.get(INDEX).content.decode()


@pytest.mark.parametrize("query", ["?junk=1", "?page=1&utm_source=x"])
def test_an_address_with_text_the_page_does_not_read_is_never_kept(client, checked, query):
    """Otherwise every request with a new made-up parameter would put another page in
    memory and push out the pages readers ask for."""
    client.get(INDEX + query)
    with CaptureQueriesContext(connection) as again:
        client.get(INDEX + query)
    assert len(again) > 1
    client.get(INDEX + "?page=1")
    with CaptureQueriesContext(connection) as kept:
        client.get(INDEX + "?page=1")
    assert len(kept) == 1


def test_the_page_is_kept_per_address_host_included(client, checked, settings):
    settings.ALLOWED_HOSTS = ["factcheck.example.org", "127.0.0.1"]
    one = client.get(page_of(checked), HTTP_HOST="factcheck.example.org")
    other = client.get(page_of(checked), HTTP_HOST="127.0.0.1")
    assert b"factcheck.example.org" in one.content
    assert b"factcheck.example.org" not in other.content


def test_every_trigger_that_moves_the_edition_is_in_the_database():
    """A migration that rebuilds a table (SQLite's way of altering one) drops its
    triggers: the reader pages would then outlive its changes."""
    expected = {cache.PUBLIC.trigger_name(table, event) for table, event, _ in cache.WATCHED}
    assert cache.PUBLIC.installed_triggers() == expected


def test_a_page_that_holds_a_form_token_is_never_kept(rf):
    """A reader page that grew a POST form would carry one reader's CSRF token: each
    reader must get a page with a token of their own, not another reader's copy."""
    from django.middleware.csrf import get_token

    kept = cache.kept_for_readers(lambda request: HttpResponse(get_token(request)))
    first, second = (kept(rf.get("/fact-checks/")).content for _ in range(2))
    assert first != second


def test_a_page_that_read_the_session_is_never_kept(rf):
    """A page that shows a reader's own state (their session) is built for each reader."""
    from django.contrib.sessions.backends.db import SessionStore

    kept = cache.kept_for_readers(lambda request: HttpResponse(request.session["name"]))
    pages = []
    for name in ("Ana", "Ben"):
        request = rf.get("/fact-checks/")
        request.session = SessionStore()
        request.session["name"] = name
        request.session.accessed = False  # as a fresh request's session, read by the page
        pages.append(kept(request).content)
    assert pages == [b"Ana", b"Ben"]


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_committed_publication_moves_the_edition(editor):
    """The edition moves when the writer's transaction commits (a deferred trigger on
    PostgreSQL), not only in a test's transaction; serialized_rollback restores the
    migration-made verdicts and edition afterwards."""
    before = cache.edition()
    published_claim(editor)
    assert cache.edition() > before


@pytest.mark.postgres  # TRUNCATE is PostgreSQL's; it fires no row trigger
def test_emptying_a_table_readers_see_moves_the_edition(checked):
    held = cache.edition()
    with connection.cursor() as cursor:
        cursor.execute("TRUNCATE claims_correction")
    assert cache.edition() != held


def test_a_reader_holding_the_page_gets_a_304_until_it_changes(client, editor, checked):
    """Browsers and CDNs revalidate with the page's ETag: the page is not sent again
    until a change readers could see gives it a new one."""
    first = client.get(page_of(checked))
    etag = first["ETag"]
    again = client.get(page_of(checked), HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304 and again.content == b""
    _add_evidence(checked, editor)
    changed = client.get(page_of(checked), HTTP_IF_NONE_MATCH=etag)
    assert changed.status_code == 200 and "TASS report" in changed.content.decode()
    assert changed["ETag"] != etag
