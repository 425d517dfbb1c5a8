"""Merging duplicate speakers: everything moves to the one kept; Editors only."""

import pytest
from django.urls import reverse

from claims import services
from claims.models import Claim, Speaker, SpeakerAlias

from .conftest import make_claim, make_speaker

pytestmark = pytest.mark.django_db


def test_merging_moves_claims_relays_and_aliases_and_keeps_the_name_as_an_alias(editor):
    keep = make_speaker(name="Kim Jong Un")
    other = make_speaker(name="Kim Jong-un")
    SpeakerAlias.objects.create(speaker=other, name="the North Korean leader")
    said = make_claim(speaker=other)
    relayed = make_claim(relayed_by=other)
    moved = services.merge_speakers(keep, other, editor)
    assert moved == 2
    assert not Speaker.objects.filter(pk=other.pk).exists()
    said.refresh_from_db()
    relayed.refresh_from_db()
    assert said.speaker == keep and relayed.relayed_by == keep
    assert set(keep.aliases.values_list("name", flat=True)) == {
        "Kim Jong-un",
        "the North Korean leader",
    }
    assert Speaker.objects.by_alias("kim jong-un") == keep
    assert said.history.first().history_user == editor  # each move is in the history


def test_a_merge_that_would_make_a_speaker_relay_themselves_drops_the_relay(editor):
    keep, other = make_speaker(), make_speaker()
    claim = make_claim(speaker=keep, relayed_by=other)
    services.merge_speakers(keep, other, editor)
    claim.refresh_from_db()
    assert claim.speaker == keep and claim.relayed_by is None


def test_an_editor_merges_from_the_speaker_page(client, editor):
    keep = make_speaker(name="Vladimir Putin")
    other = make_speaker(name="V. Putin")
    make_claim(speaker=other)
    client.force_login(editor)
    page = client.get(keep.get_absolute_url()).content.decode()
    assert "Merge a duplicate speaker" in page
    response = client.post(
        reverse("claims:speaker-merge", args=[keep.pk]), {"other": "v. putin"}, follow=True
    )
    assert "V. Putin merged here: 1 claim(s) moved." in response.content.decode()
    assert Claim.objects.get().speaker == keep


@pytest.mark.parametrize(
    ("other", "message"),
    [
        ("Nobody Known", "No speaker is known as “Nobody Known”."),
        ("self", "That is this"),
        ("#²", "No speaker is known as “#²”."),  # a digit to isdigit(), not to int()
        ("#99999999999999999999999", "No speaker is known as"),
    ],
)
def test_a_bad_merge_changes_nothing_and_says_why(client, editor, other, message):
    keep = make_speaker(name="Vladimir Putin")
    client.force_login(editor)
    name = keep.name if other == "self" else other
    response = client.post(
        reverse("claims:speaker-merge", args=[keep.pk]), {"other": name}, follow=True
    )
    assert message in response.content.decode()
    assert Speaker.objects.count() == 1


def test_contributors_see_no_merge_form(client, contributor):
    speaker = make_speaker()
    client.force_login(contributor)
    assert (
        "Merge a duplicate speaker" not in client.get(speaker.get_absolute_url()).content.decode()
    )


def test_an_editor_merges_two_speakers_in_the_admin(client, editor):
    keep = make_speaker(name="Sergei Shoigu")
    other = make_speaker(name="S. Shoigu")
    make_claim(speaker=other)
    client.force_login(editor)
    response = client.post(
        reverse("admin:claims_speaker_changelist"),
        {"action": "merge", "_selected_action": [keep.pk, other.pk]},
        follow=True,
    )
    assert "S. Shoigu merged into Sergei Shoigu" in response.content.decode()
    assert Claim.objects.get().speaker == keep
