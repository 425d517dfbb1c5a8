"""The seed article loads with its 15 hand-checked claims, once, whatever how often it runs."""

import json

import pytest
from django.core.management import CommandError, call_command

from claims.models import Claim, ClaimRelation, Source, Speaker

from .conftest import SEED_FILE

pytestmark = pytest.mark.django_db


EXPECTED = {
    # id: (speaker, relayed by, kind, cue)
    "putin-came-here": ("Vladimir Putin", "Russian state media", "direct", "quoted as saying"),
    "putin-no-hurry": ("Vladimir Putin", None, "direct", "said"),
    "putin-glad": ("Vladimir Putin", None, "partial", "said"),
    "kim-limousine": ("Russian state media", None, "paraphrase", "reported"),
    "missiles-fallen": (
        "Japanese Ministry of Defense",
        "Japan Coast Guard",
        "paraphrase",
        "quoted as saying",
    ),
    "red-carpet": ("North Korean state media", None, "paraphrase", "according to"),
    "strategic-importance": ("Kim Jong Un", "Korean Central News Agency", "partial", "said"),
    "shoigu-delegation": ("Dmitry Peskov", None, "paraphrase", "said"),
    "joe-chun-ryong": ("Ministry of Unification (South Korea)", None, "paraphrase", "according to"),
    "outside-help": ("Experts", None, "paraphrase", "say"),
    "seoul-monitoring": ("Lim Soo-suk", None, "paraphrase", "said"),
    "no-un-member": ("Lim Soo-suk", None, "direct", "said"),
    "us-accusation": ("United States", None, "paraphrase", "accused"),
    "russia-denial": ("Russian officials", None, "paraphrase", "denied"),
    "dprk-denial": ("North Korean officials", None, "paraphrase", "denied"),
}


def test_the_seed_records_the_fifteen_statements_with_speaker_relay_kind_and_cue(seed):
    assert Claim.objects.count() == 15
    for key, (speaker, relayed_by, kind, cue) in EXPECTED.items():
        claim = seed[key]
        assert claim.speaker.name == speaker, key
        assert (claim.relayed_by.name if claim.relayed_by else None) == relayed_by, key
        assert (claim.kind, claim.cue) == (kind, cue), key


def test_every_seed_span_holds_the_statements_own_words(seed):
    for claim in Claim.objects.select_related("source"):
        assert claim.source.body[claim.span_start : claim.span_end] == claim.text


def test_the_seed_quotes_are_the_exact_words(seed):
    assert seed["putin-came-here"].text == "That’s why we have come here."
    assert seed["putin-no-hurry"].text == (
        "We will talk on all issues without any hurry. There is still time for this."
    )
    assert seed["putin-glad"].text == "very glad to see Kim"
    assert seed["no-un-member"].text.startswith("No UN member state should violate")
    assert seed["no-un-member"].text.endswith("military cooperation with North Korea")


def test_both_denials_deny_the_us_accusation(seed):
    accusation = seed["us-accusation"]
    denials = ClaimRelation.objects.filter(to_claim=accusation, kind="denies")
    assert {r.from_claim for r in denials} == {seed["russia-denial"], seed["dprk-denial"]}


def test_the_seed_invents_no_verdicts(seed):
    assert set(Claim.objects.values_list("status", flat=True)) == {"new"}
    assert not Claim.objects.filter(rating__isnull=False).exists()


def test_speakers_are_known_by_their_aliases(seed):
    assert Speaker.objects.by_alias("kim").name == "Kim Jong Un"
    assert Speaker.objects.by_alias("Kim Jong").name == "Kim Jong Un"
    assert Speaker.objects.by_alias("putin").name == "Vladimir Putin"
    assert Speaker.objects.by_alias("KCNA").name == "Korean Central News Agency"


def test_loading_the_seed_twice_changes_nothing(capsys):
    call_command("load_seed")
    counts = (
        Source.objects.count(),
        Speaker.objects.count(),
        Claim.objects.count(),
        ClaimRelation.objects.count(),
        Claim.history.count(),
    )
    versions = list(Claim.objects.order_by("pk").values_list("pk", "version"))
    call_command("load_seed")
    assert counts == (1, 14, 15, 2, 15)
    assert (
        Source.objects.count(),
        Speaker.objects.count(),
        Claim.objects.count(),
        ClaimRelation.objects.count(),
        Claim.history.count(),
    ) == counts
    assert list(Claim.objects.order_by("pk").values_list("pk", "version")) == versions
    assert "0 claims, 0 speakers, 0 relations added" in capsys.readouterr().out


def test_an_inconsistent_annotation_file_loads_nothing(tmp_path):
    data = json.loads(SEED_FILE.read_text(encoding="utf-8"))
    data["claims"][-1]["start"] += 1  # the last claim's span no longer holds its words
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(data), encoding="utf-8")
    (tmp_path / "putin-kim-vostochny.txt").write_text(
        SEED_FILE.with_suffix(".txt").read_text(encoding="utf-8"), encoding="utf-8"
    )
    with pytest.raises(CommandError, match="dprk-denial"):
        call_command("load_seed", str(bad))
    assert not Source.objects.exists() and not Speaker.objects.exists()


def test_a_different_article_under_the_seed_title_is_refused(seed):
    source = Source.objects.get()
    Source.objects.filter(pk=source.pk).update(body=source.body + " Edited.")
    with pytest.raises(CommandError, match="text does not match"):
        call_command("load_seed")
