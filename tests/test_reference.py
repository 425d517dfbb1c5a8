"""The verdict scale and the people claims can be assigned to are kept by each worker
(claims/reference.py), and no change to them outlives a request: whichever path writes it,
the next desk page offers what the database holds."""

import re

import pytest
from django.contrib.auth.models import Group, User
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from claims import reference
from claims.models import Rating
from claims.roles import give_role

from .conftest import make_claim, make_user

pytestmark = pytest.mark.django_db
LIST = reverse("claims:claim-list")
BULK = reverse("claims:claim-bulk")


def choices(response, name):
    """The labels a page offers in its <select name=…>."""
    html = response.content.decode()
    select = re.search(rf'<select name="{name}"[^>]*>(.*?)</select>', html, re.S)
    assert select, f"no {name} choice on the page"
    return [label.strip() for label in re.findall(r"<option[^>]*>([^<]*)</option>", select[1])]


@pytest.fixture
def desk(client, editor):
    client.force_login(editor)
    return client


def test_a_new_editor_is_offered_as_an_assignee_on_the_next_page(desk):
    assert "newcomer" not in choices(desk.get(LIST), "assignee")  # the copy is now kept
    newcomer = make_user("newcomer")
    give_role(newcomer, "editor")
    assert "newcomer" in choices(desk.get(LIST), "assignee")
    claim = make_claim()
    assert "newcomer" in choices(desk.get(claim.get_absolute_url()), "assigned_to")


@pytest.mark.parametrize(
    "leave",
    [
        lambda user: give_role(user, "viewer"),
        lambda user: user.groups.clear(),
        # A bulk update sends no signal: the trigger still sees it.
        lambda user: User.objects.filter(pk=user.pk).update(is_active=False),
        lambda user: user.delete(),
        lambda user: Group.objects.filter(name="Contributor").update(name="Former contributors"),
    ],
    ids=["made a viewer", "out of every group", "deactivated", "deleted", "role renamed"],
)
def test_someone_who_can_no_longer_work_on_claims_is_no_longer_offered(desk, leave):
    leaver = make_user("leaver", "Contributor")
    assert "leaver" in choices(desk.get(LIST), "assignee")
    leave(leaver)
    assert "leaver" not in choices(desk.get(LIST), "assignee")


def test_a_renamed_verdict_shows_its_new_name_on_the_next_page(desk):
    make_claim()
    assert "Wrong" not in desk.get(LIST).content.decode()
    Rating.objects.filter(label="False").update(label="Wrong")
    assert "Wrong" in desk.get(LIST).content.decode()


def test_a_new_verdict_is_offered_on_the_claim_page(desk):
    claim = make_claim()
    assert "Half true" not in choices(desk.get(claim.get_absolute_url()), "rating")
    Rating.objects.create(label="Half true", order=99)
    assert "Half true" in choices(desk.get(claim.get_absolute_url()), "rating")


def test_a_page_reads_neither_the_scale_nor_the_people_while_nothing_changed(desk):
    desk.get(LIST)
    with CaptureQueriesContext(connection) as ctx:
        page = desk.get(LIST)
    assert "editor" in choices(page, "assignee")
    sql = [q["sql"] for q in ctx.captured_queries]
    assert not [q for q in sql if 'FROM "claims_rating"' in q]
    assert not [q for q in sql if "DISTINCT" in q and "auth_user" in q]


def test_a_submitted_assignee_is_checked_against_the_database(desk, monkeypatch):
    """The copy only shows choices: someone no longer assignable is refused even by a
    worker whose copy still offers them."""
    leaver = make_user("leaver", "Contributor")
    claim = make_claim()
    desk.get(LIST)  # kept, with the leaver
    held = reference.REFERENCE.number()
    leaver.groups.clear()
    # As a worker that read the edition just before the change committed.
    monkeypatch.setattr(reference.REFERENCE, "number", lambda: held)
    assert "leaver" in choices(desk.get(LIST), "assignee")
    desk.post(BULK, {"claims": [claim.pk], "action": "assign", "assignee": leaver.pk})
    claim.refresh_from_db()
    assert claim.assigned_to is None


def test_every_trigger_that_moves_the_reference_edition_is_in_the_database():
    """A migration that rebuilds a table (SQLite's way of altering one) drops its
    triggers: the desk would then offer what that table held before."""
    expected = {
        reference.REFERENCE.trigger_name(table, event) for table, event, _ in reference.WATCHED
    }
    assert reference.REFERENCE.installed_triggers() == expected


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_committed_role_moves_the_reference_edition():
    """The edition moves when the writer's transaction commits (a deferred trigger on
    PostgreSQL), not only in a test's transaction."""
    before = reference.REFERENCE.number()
    give_role(make_user("committed"), "editor")
    assert reference.REFERENCE.number() > before
