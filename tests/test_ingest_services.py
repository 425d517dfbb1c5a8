"""Articles in: one speaker-resolution path for seed, annotations and import, and the
newsroom's recorded names reaching the extractor."""

import datetime

import pytest

from claims.ingest.services import date_claimed, import_article, propose_claims
from claims.models import Speaker, SpeakerAlias
from claims.services import resolve_speaker

pytestmark = pytest.mark.django_db

TEXT = "Quorra Vantablack said the harbour would reopen in June. Vantablack added nothing."


def test_a_recorded_alias_reaches_the_extractor_on_import():
    speaker = Speaker.objects.create(name="Q. Vantablack-Ortiz")
    SpeakerAlias.objects.create(speaker=speaker, name="Quorra Vantablack")
    proposals = propose_claims(TEXT)
    assert proposals and proposals[0].speaker == "Q. Vantablack-Ortiz"
    source = import_article(title="Harbour", body=TEXT, proposals=proposals)
    assert {c.speaker for c in source.claims.all()} == {speaker}
    assert Speaker.objects.count() == 1


def test_without_the_alias_the_name_as_written_becomes_a_new_speaker():
    Speaker.objects.create(name="Q. Vantablack-Ortiz")
    assert propose_claims(TEXT)[0].speaker == "Quorra Vantablack"


def test_resolving_by_name_alias_or_case_finds_the_one_speaker():
    kim, created = resolve_speaker("Kim Jong Un", aliases=["Kim"])
    assert created
    assert resolve_speaker("kim jong un") == (kim, False)
    assert resolve_speaker("KIM") == (kim, False)
    assert resolve_speaker("Mr Kim", aliases=["Kim"]) == (kim, False)
    assert Speaker.objects.count() == 1
    assert list(kim.aliases.values_list("name", flat=True)) == ["Kim"]


@pytest.mark.parametrize(
    ("dateline", "published", "expected"),
    [
        ("2024-03-04", datetime.date(2024, 3, 5), datetime.date(2024, 3, 4)),
        ("--03-04", datetime.date(2024, 3, 5), datetime.date(2024, 3, 4)),
        ("--12-30", datetime.date(2024, 1, 2), datetime.date(2023, 12, 30)),
        ("--03-04", None, None),
        (None, datetime.date(2024, 3, 5), datetime.date(2024, 3, 5)),
        ("--02-30", datetime.date(2024, 3, 5), datetime.date(2024, 3, 5)),
    ],
)
def test_a_claim_is_dated_by_its_dateline_or_else_its_article(dateline, published, expected):
    assert date_claimed(dateline, published) == expected


def test_an_imported_claim_carries_the_articles_date():
    source = import_article(
        title="Harbour",
        body=TEXT,
        proposals=propose_claims(TEXT),
        published_on=datetime.date(2024, 6, 1),
    )
    assert {c.claimed_on for c in source.claims.all()} == {datetime.date(2024, 6, 1)}
