"""Relations and evidence on the claim page: found by search, added, removed, corrected."""

import pytest
from django.urls import reverse

from claims.models import ClaimRelation, Evidence

from .conftest import make_claim, make_source, make_speaker, rating

pytestmark = pytest.mark.django_db


@pytest.fixture
def desk(client, editor):
    client.force_login(editor)
    return client


def test_an_editor_finds_the_other_claim_and_relates_this_one_to_it(desk, editor):
    accusation = make_claim(
        source=make_source(body="The ministry said the port was closed by strikers."),
        text="the port was closed by strikers",
    )
    denial = make_claim()
    page = desk.get(denial.get_absolute_url(), {"find": "closed by strikers"})
    assert [c.pk for c in page.context["found"]] == [accusation.pk]
    assert f'value="{accusation.pk}"' in page.content.decode()
    response = desk.post(
        reverse("claims:relation-add", args=[denial.pk]),
        {"to_claim": accusation.pk, "kind": "disputes"},
    )
    assert response.status_code == 302
    relation = ClaimRelation.objects.get()
    assert (relation.from_claim, relation.to_claim, relation.kind) == (
        denial,
        accusation,
        "disputes",
    )
    assert relation.created_by == editor
    html = desk.get(accusation.get_absolute_url()).content.decode()
    assert "<strong>disputes</strong> this claim" in html


def test_the_claim_page_lists_each_relation_once_in_its_direction(desk):
    claim = make_claim(speaker=make_speaker(name="Ministry"))
    checked = make_claim(
        speaker=make_speaker(name="Coast guard"),
        text="the bridge would open",
        status="reviewed",
        rating=rating("False"),
    )
    answer = make_claim(speaker=make_speaker(name="Mayor"), text="open in May")
    ClaimRelation.objects.create(from_claim=claim, to_claim=checked, kind="repeats")
    ClaimRelation.objects.create(from_claim=answer, to_claim=claim, kind="denies")
    unrelated = make_claim(speaker=make_speaker(name="Bystander"))
    ClaimRelation.objects.create(from_claim=unrelated, to_claim=checked, kind="confirms")

    page = desk.get(claim.get_absolute_url())
    items = [
        " ".join(item.split())
        for item in page.content.decode()
        .split('<ul class="related">')[1]
        .split("</ul>")[0]
        .split("<li>")[1:]
    ]
    assert len(items) == 2
    assert items[0].startswith("This claim <strong>repeats</strong>")
    assert f'href="{checked.get_absolute_url()}">Coast guard: “the bridge would open”' in items[0]
    assert 'already checked: <span class="verdict">False</span>' in items[0]
    assert (
        f'href="{answer.get_absolute_url()}">Mayor: “open in May”</a> <strong>denies</strong>'
        in items[1]
    )


@pytest.mark.parametrize(
    ("kind", "self_answer", "message"),
    [
        ("endorses", False, "Choose a kind of relation"),
        ("denies", True, "A claim cannot answer itself."),
    ],
)
def test_a_bad_relation_is_refused_with_a_message(desk, kind, self_answer, message):
    claim, other = make_claim(), make_claim()
    target = claim if self_answer else other
    response = desk.post(
        reverse("claims:relation-add", args=[claim.pk]),
        {"to_claim": target.pk, "kind": kind},
        follow=True,
    )
    assert message in response.content.decode()
    assert not ClaimRelation.objects.exists()


def test_the_same_relation_twice_is_refused_with_a_message(desk):
    claim, other = make_claim(), make_claim()
    url = reverse("claims:relation-add", args=[claim.pk])
    desk.post(url, {"to_claim": other.pk, "kind": "denies"})
    response = desk.post(url, {"to_claim": other.pk, "kind": "denies"}, follow=True)
    assert "already related this way" in response.content.decode()
    assert ClaimRelation.objects.count() == 1


def test_an_editor_removes_a_relation_from_either_claim(desk):
    claim, other = make_claim(), make_claim()
    relation = ClaimRelation.objects.create(from_claim=claim, to_claim=other, kind="confirms")
    stranger = make_claim()
    wrong = reverse("claims:relation-remove", args=[stranger.pk, relation.pk])
    assert desk.post(wrong).status_code == 404
    url = reverse("claims:relation-remove", args=[other.pk, relation.pk])
    assert desk.post(url).status_code == 302
    assert not ClaimRelation.objects.exists()


def test_an_editor_corrects_then_removes_evidence(desk, editor):
    claim = make_claim()
    item = Evidence.objects.create(claim=claim, url="https://example.org/a", title="Draft")
    url = reverse("claims:evidence-edit", args=[claim.pk, item.pk])
    assert desk.get(url).status_code == 200
    bad = desk.post(url, {"url": "javascript:alert(1)", "title": "X"})
    assert bad.status_code == 400
    assert Evidence.objects.get().title == "Draft"
    assert desk.post(url, {"url": "https://example.org/b", "title": "Final"}).status_code == 302
    item.refresh_from_db()
    assert (item.url, item.title) == ("https://example.org/b", "Final")
    assert item.history.first().history_user == editor
    delete = reverse("claims:evidence-delete", args=[claim.pk, item.pk])
    assert desk.post(delete).status_code == 302
    assert not Evidence.objects.exists()


def test_evidence_of_another_claim_cannot_be_reached_through_this_one(desk):
    claim, other = make_claim(), make_claim()
    item = Evidence.objects.create(claim=other, url="https://example.org/a")
    assert desk.post(reverse("claims:evidence-delete", args=[claim.pk, item.pk])).status_code == 404
    assert Evidence.objects.exists()
