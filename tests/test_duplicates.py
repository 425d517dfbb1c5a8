"""A claim that comes back in new words and a new article is suggested as a repeat."""

import pytest
from django.urls import reverse

from claims import duplicates
from claims.duplicates import fingerprint, similarity
from claims.models import ClaimRelation, DuplicateSuggestion

from .conftest import make_claim, make_source, make_speaker, rating

pytestmark = pytest.mark.django_db

ORIGINAL = (
    "Officials said North Korea was selling artillery shells to Russia's private "
    "army, the Wagner Group, in breach of sanctions."
)
REWORDED = (
    "Washington says Pyongyang sold artillery shells to the Wagner Group, Russia's private army."
)
UNRELATED = "The minister said the new bridge over the river would open in May next year."


def claim_in_new_article(body, words, **fields):
    return make_claim(source=make_source(body=body), text=words, **fields)


@pytest.mark.parametrize(
    ("a", "b", "alike"),
    [
        (
            "North Korea was selling artillery shells to Russia's private army, the Wagner Group",
            "Pyongyang sold artillery shells to the Wagner Group, Russia's private army",
            True,
        ),
        (
            "Inflation fell to 3.1% in February from 3.4% in January",
            "Inflation dropped to 3.1 percent in February, down from 3.4 percent in January",
            True,
        ),
        (ORIGINAL, UNRELATED, False),
        ("Inflation fell to 3.1% in February", "Unemployment fell to 3.1% in February", False),
    ],
)
def test_similarity_scores_rewording_high_and_other_statements_low(a, b, alike):
    assert (similarity(fingerprint(a), fingerprint(b)) >= duplicates.SUGGEST_AT) is alike


def test_a_reworded_repeat_in_another_article_is_suggested_and_an_unrelated_claim_is_not():
    original = claim_in_new_article(
        ORIGINAL,
        "North Korea was selling artillery shells to Russia's private army, the Wagner Group",
    )
    unrelated = claim_in_new_article(
        UNRELATED, "the new bridge over the river would open in May next year"
    )
    duplicates.suggest_duplicates([original, unrelated])
    repeat = claim_in_new_article(
        REWORDED, "Pyongyang sold artillery shells to the Wagner Group, Russia's private army"
    )
    duplicates.suggest_duplicates([repeat])
    assert [(s.claim, s.original) for s in DuplicateSuggestion.objects.all()] == [
        (repeat, original)
    ]


def test_an_imported_article_gets_its_suggestions(tmp_path):
    from django.core.management import call_command

    first = tmp_path / "first.txt"
    first.write_text(f"Sanctions row\n\n{ORIGINAL}\n", encoding="utf-8")
    second = tmp_path / "second.txt"
    second.write_text(f"Arms claims\n\n{REWORDED}\n", encoding="utf-8")
    call_command("import_article", str(first))
    call_command("import_article", str(second))
    suggestion = DuplicateSuggestion.objects.get()
    assert suggestion.claim.source.title == "Arms claims"
    assert suggestion.original.source.title == "Sanctions row"


def test_identical_words_of_two_speakers_in_one_article_are_not_repeats(seed):
    assert not DuplicateSuggestion.objects.filter(
        claim__in=[seed["russia-denial"], seed["dprk-denial"]]
    ).exists()


@pytest.fixture
def pair(client, editor):
    original = claim_in_new_article(
        ORIGINAL,
        "North Korea was selling artillery shells to Russia's private army, the Wagner Group",
        speaker=make_speaker(name="US officials"),
    )
    original.status, original.rating = "reviewed", rating("Mostly true")
    original.save()
    repeat = claim_in_new_article(
        REWORDED, "Pyongyang sold artillery shells to the Wagner Group, Russia's private army"
    )
    duplicates.suggest_duplicates([repeat])
    client.force_login(editor)
    return original, repeat, DuplicateSuggestion.objects.get()


def test_the_claim_page_offers_the_suggestion_and_confirming_links_the_verdict(client, pair):
    original, repeat, suggestion = pair
    html = client.get(repeat.get_absolute_url()).content.decode()
    assert "Possible repeats" in html and original.get_absolute_url() in html
    url = reverse("claims:suggestion-decide", args=[repeat.pk, suggestion.pk, "confirm"])
    assert client.post(url).status_code == 302
    assert ClaimRelation.objects.filter(
        from_claim=repeat, to_claim=original, kind="repeats"
    ).exists()
    html = client.get(repeat.get_absolute_url()).content.decode()
    assert "Possible repeats" not in html
    assert "already checked:" in html and "Mostly true" in html


def test_a_dismissed_suggestion_does_not_come_back(client, pair):
    original, repeat, suggestion = pair
    url = reverse("claims:suggestion-decide", args=[repeat.pk, suggestion.pk, "dismiss"])
    assert client.post(url).status_code == 302
    assert duplicates.suggest_duplicates([repeat, original]) == 0  # e.g. the next import
    assert list(DuplicateSuggestion.objects.values_list("state", flat=True)) == ["dismissed"]
    assert "Possible repeats" not in client.get(repeat.get_absolute_url()).content.decode()
    assert client.post(url).status_code == 302  # deciding twice only tells the editor
    assert not ClaimRelation.objects.filter(kind="repeats").exists()


def test_only_editors_decide(client, contributor, pair):
    _, repeat, suggestion = pair
    client.force_login(contributor)
    url = reverse("claims:suggestion-decide", args=[repeat.pk, suggestion.pk, "confirm"])
    assert client.post(url).status_code == 403
    assert DuplicateSuggestion.objects.get().state == "suggested"
