"""The verdict scale and the people claims can be assigned to are kept by each worker
(claims/reference.py), and no change to them outlives a request: whichever path writes it,
the next desk page offers what the database holds."""

import re

import pytest
from django.contrib.auth.models import Group, User
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from claims import reference
from claims.models import Rating, ReferenceEdition
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


@pytest.mark.parametrize(
    "arrive",
    [
        lambda: give_role(make_user("newcomer"), "editor"),
        lambda: make_user("newcomer", "Contributor"),
        lambda: User.objects.create_superuser("newcomer", password=None),
        # The name a choice is offered under.
        lambda: User.objects.filter(username="formerly").update(username="newcomer"),
    ],
    ids=["made an editor", "a new contributor", "a new superuser", "renamed"],
)
def test_someone_who_can_work_on_claims_is_offered_on_the_next_page(desk, arrive):
    make_user("formerly", "Editor")
    assert "newcomer" not in choices(desk.get(LIST), "assignee")  # the copy is now kept
    arrive()
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
        lambda user: Group.objects.filter(name="Contributor").delete(),
    ],
    ids=[
        "made a viewer",
        "out of every group",
        "deactivated",
        "deleted",
        "role renamed",
        "role deleted",
    ],
)
def test_someone_who_can_no_longer_work_on_claims_is_no_longer_offered(desk, leave):
    leaver = make_user("leaver", "Contributor")
    assert "leaver" in choices(desk.get(LIST), "assignee")
    leave(leaver)
    assert "leaver" not in choices(desk.get(LIST), "assignee")


def test_a_superuser_no_longer_superuser_is_no_longer_offered(desk):
    make_user("boss", is_superuser=True)
    assert "boss" in choices(desk.get(LIST), "assignee")
    User.objects.filter(username="boss").update(is_superuser=False)
    assert "boss" not in choices(desk.get(LIST), "assignee")


def test_a_renamed_verdict_shows_its_new_name_on_the_next_page(desk):
    make_claim()
    assert "Wrong" not in desk.get(LIST).content.decode()
    Rating.objects.filter(label="False").update(label="Wrong")
    assert "Wrong" in desk.get(LIST).content.decode()


def test_verdicts_added_and_removed_show_on_the_claim_page(desk):
    claim = make_claim()
    assert "Half true" not in choices(desk.get(claim.get_absolute_url()), "rating")
    half = Rating.objects.create(label="Half true", order=99)
    assert "Half true" in choices(desk.get(claim.get_absolute_url()), "rating")
    half.delete()
    assert "Half true" not in choices(desk.get(claim.get_absolute_url()), "rating")


def test_a_page_reads_neither_the_scale_nor_the_people_while_nothing_changed(desk):
    desk.get(LIST)
    with CaptureQueriesContext(connection) as ctx:
        page = desk.get(LIST)
    assert "editor" in choices(page, "assignee")
    sql = [q["sql"] for q in ctx.captured_queries]
    assert not [q for q in sql if 'FROM "claims_rating"' in q]
    assert not [q for q in sql if "DISTINCT" in q and "auth_user" in q]


@pytest.fixture
def stale_worker(desk, monkeypatch):
    """A worker whose copy still offers "leaver", who can no longer be assigned claims: it
    read the edition just before the change committed."""
    make_user("leaver", "Contributor")
    desk.get(LIST)  # kept, with the leaver
    held = reference.REFERENCE.number()
    User.objects.get(username="leaver").groups.clear()
    monkeypatch.setattr(reference.REFERENCE, "number", lambda: held)
    assert "leaver" in choices(desk.get(LIST), "assignee")
    return User.objects.get(username="leaver")


def test_an_assignee_ticked_on_the_list_is_checked_against_the_database(desk, stale_worker):
    claim = make_claim()
    desk.post(BULK, {"claims": [claim.pk], "action": "assign", "assignee": stale_worker.pk})
    claim.refresh_from_db()
    assert claim.assigned_to is None
    page = desk.get(LIST).content.decode()
    assert "Select a valid choice" in page


def test_an_assignee_chosen_on_the_claim_page_is_checked_against_the_database(desk, stale_worker):
    claim = make_claim()
    data = {
        "version": claim.version,
        "status": claim.status,
        "rating": "",
        "assigned_to": stale_worker.pk,
        "claim_reviewed": claim.text,
        "explanation": "",
        "notes": "",
    }
    response = desk.post(reverse("claims:claim-review", args=[claim.pk]), data)
    assert response.status_code == 400
    assert "Select a valid choice" in response.content.decode()
    claim.refresh_from_db()
    assert claim.assigned_to is None


def test_a_copy_read_inside_a_transaction_that_rolls_back_is_not_kept(desk):
    """Rows read there may never have been: the copy would offer a role never given, once
    later writes bring the edition back to the number it was read under."""
    desk.get(LIST)
    with pytest.raises(RuntimeError), transaction.atomic():
        give_role(make_user("ghost"), "editor")
        assert "ghost" in [user.username for user in reference.current().assignable]
        inside = ReferenceEdition.objects.get().number
        raise RuntimeError("rolled back")
    while reference.REFERENCE.number() < inside:
        reference.REFERENCE.raise_by_hand()  # as later writes would
    assert reference.REFERENCE.number() == inside
    assert "ghost" not in choices(desk.get(LIST), "assignee")


def test_every_trigger_that_moves_the_reference_edition_is_in_the_database():
    """A migration that rebuilds a table (SQLite's way of altering one) drops its
    triggers: the desk would then offer what that table held before."""
    assert reference.REFERENCE.installed_triggers() == {
        "claims_rating_reference_insert",
        "claims_rating_reference_update",
        "claims_rating_reference_delete",
        "auth_user_reference_insert",
        "auth_user_reference_update",
        "auth_user_reference_delete",
        "auth_user_groups_reference_insert",
        "auth_user_groups_reference_update",
        "auth_user_groups_reference_delete",
        "auth_group_reference_update",
        "auth_group_reference_delete",
    }


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_committed_role_moves_the_reference_edition():
    """The edition moves when the writer's transaction commits (a deferred trigger on
    PostgreSQL), not only in a test's transaction."""
    before = reference.REFERENCE.number()
    give_role(make_user("committed"), "editor")
    assert reference.REFERENCE.number() > before
