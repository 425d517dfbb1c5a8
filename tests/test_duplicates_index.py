"""Repeat detection reads its candidates through the word index, never the whole table."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from claims import duplicates
from claims.models import Claim, ClaimWord, DuplicateSuggestion

from .conftest import make_claim, make_source, make_speaker

pytestmark = pytest.mark.django_db

ORIGINAL = "North Korea was selling artillery shells to Russia's private army, the Wagner Group"
REWORDED = "Pyongyang sold artillery shells to the Wagner Group, Russia's private army"


def in_new_article(words, **fields):
    return make_claim(source=make_source(body=f"Officials said {words}."), text=words, **fields)


def unrelated(count):
    """``count`` claims about other things, recorded without repeat detection."""
    speaker, source = make_speaker(), make_source(body="filler")
    Claim.objects.bulk_create(
        Claim(
            source=source, speaker=speaker, text=f"budget line {i} grew", span_start=0, span_end=6
        )
        for i in range(count)
    )


def test_a_rewording_is_found_among_many_unrelated_claims():
    original = in_new_article(ORIGINAL)
    unrelated(300)
    repeat = in_new_article(REWORDED)
    duplicates.suggest_duplicates([repeat])
    assert [(s.claim, s.original) for s in DuplicateSuggestion.objects.all()] == [
        (repeat, original)
    ]


def test_a_long_article_s_own_claims_do_not_crowd_out_a_repeat_from_another(monkeypatch):
    monkeypatch.setattr(duplicates, "CANDIDATES", 3)
    original = in_new_article(ORIGINAL)
    # An article that says the same thing more times than there are candidates, in the
    # repeat's own words: its claims share more of the repeat's words than the original.
    article = make_source(body=f"Officials said {REWORDED}.")
    for _ in range(duplicates.CANDIDATES + 2):
        make_claim(source=article, text=REWORDED)
    repeat = make_claim(source=article, text=REWORDED)
    duplicates.suggest_duplicates([repeat])
    assert [(s.claim, s.original) for s in DuplicateSuggestion.objects.all()] == [
        (repeat, original)
    ]


def test_claims_recorded_without_detection_are_listed_by_the_next_one():
    original = in_new_article(ORIGINAL)  # make_claim saves without repeat detection
    assert not ClaimWord.objects.filter(claim=original).exists()
    repeat = in_new_article(REWORDED)
    duplicates.suggest_duplicates([repeat])
    assert ClaimWord.objects.filter(claim=original).exists()
    assert DuplicateSuggestion.objects.filter(claim=repeat, original=original).exists()


def test_a_reworded_claim_is_listed_under_its_new_words_only():
    claim = in_new_article("inflation fell sharply across the eurozone in spring")
    duplicates.suggest_duplicates([claim])
    before = set(ClaimWord.objects.filter(claim=claim).values_list("word", flat=True))
    claim.text = "wages rose slowly in northern regions during winter"
    duplicates.suggest_duplicates([claim])
    after = set(ClaimWord.objects.filter(claim=claim).values_list("word", flat=True))
    assert after == set(duplicates.word_keys(claim.text)) and not (before & after)


def queries_for_one(claim):
    with CaptureQueriesContext(connection) as ctx:
        duplicates.suggest_duplicates([claim])
    return ctx.captured_queries


def test_detection_for_one_claim_runs_the_same_queries_however_many_claims_exist(
    django_assert_max_num_queries,
):
    in_new_article(ORIGINAL)
    duplicates.suggest_duplicates([in_new_article("a first claim about harbours")])
    small = queries_for_one(in_new_article(REWORDED))
    unrelated(400)
    duplicates.suggest_duplicates([in_new_article("a second claim about harbours")])
    large = queries_for_one(in_new_article("Pyongyang sold shells to the Wagner Group"))
    assert len(small) == len(large)
    # claims newer than the newest listed, clear and list its words, known pairs,
    # candidates through the index, their words, new suggestions (+ savepoints around bulk
    # writes)
    last = in_new_article("Shells went to the Wagner Group")
    with django_assert_max_num_queries(9):
        duplicates.suggest_duplicates([last])
    for query in large:
        sql = query["sql"]
        # The claims table is read only for listed ids or new ones, never all of it.
        if 'FROM "claims_claim"' in sql and "claims_claimword" not in sql:
            assert " IN (" in sql or '"claims_claim"."id" >' in sql
