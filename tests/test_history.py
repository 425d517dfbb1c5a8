"""The history is complete and stays true: evidence, relations, speakers and sources are in
it with who and when; a deleted user's name and a renamed verdict's old label remain."""

import re

import pytest
from django.contrib.auth.models import User
from django.core.cache import caches
from django.db import connection
from django.test.utils import CaptureQueriesContext

from claims import services
from claims.desk import history
from claims.models import Evidence, Rating, Speaker

from .conftest import make_claim, make_speaker, make_user, rating

pytestmark = pytest.mark.django_db


def summaries(claim):
    return [(entry.who, entry.summary) for entry in history.timeline(claim) if entry.summary]


def test_evidence_added_changed_and_removed_is_in_the_claims_timeline(editor):
    claim = make_claim()
    item = services.save_evidence(
        Evidence(claim=claim, url="https://example.org/a", title="Report"), editor
    )
    item.title = "Audit report"
    services.save_evidence(item, editor)
    services.delete_evidence(item, editor)
    assert summaries(claim) == [
        ("editor", "removed evidence “Audit report”"),
        ("editor", "changed evidence “Audit report”"),
        ("editor", "added evidence “Report”"),
    ]


def test_relations_added_and_removed_show_on_both_claims(editor):
    accusation, denial = make_claim(), make_claim()
    relation = services.add_relation(denial, accusation, "denies", editor)
    services.remove_relation(relation, editor)
    assert summaries(denial) == [
        ("editor", f"removed the relation: this claim denies claim #{accusation.pk}"),
        ("editor", f"related: this claim denies claim #{accusation.pk}"),
    ]
    assert summaries(accusation)[-1] == (
        "editor",
        f"related: claim #{denial.pk} denies this claim",
    )


def test_the_claim_page_shows_removed_evidence_and_relations_on_both_claims(client, editor):
    """The page asks only for the records a claim has any of (Claim.with_what_it_has): a
    claim whose evidence and relations were all removed still shows their history, at
    either end of a relation."""
    accusation, denial = make_claim(), make_claim()
    relation = services.add_relation(denial, accusation, "denies", editor)
    services.remove_relation(relation, editor)
    item = services.save_evidence(
        Evidence(claim=accusation, url="https://example.org/a", title="Report"), editor
    )
    services.delete_evidence(item, editor)
    client.force_login(editor)
    accused = client.get(accusation.get_absolute_url()).content.decode()
    assert f"removed the relation: claim #{denial.pk} denies this claim" in accused
    assert "removed evidence “Report”" in accused
    denying = client.get(denial.get_absolute_url()).content.decode()
    assert f"removed the relation: this claim denies claim #{accusation.pk}" in denying


def test_history_keeps_the_authors_name_after_their_account_is_deleted():
    temp = make_user("temp-editor", "Editor")
    claim = make_claim()
    services.update_claim(claim.pk, temp, claim.version, cue="insisted")
    speaker = make_speaker()
    speaker._history_user = temp
    speaker.role = "Mayor"
    speaker.save()
    temp.delete()
    assert history.timeline(claim)[0].who == "temp-editor"
    assert speaker.history.first().author_name == "temp-editor"
    assert not User.objects.filter(username="temp-editor").exists()


def test_renaming_a_verdict_does_not_rewrite_past_entries(editor):
    claim = make_claim()
    services.update_claim(
        claim.pk, editor, claim.version, status="reviewed", rating=rating("False")
    )
    scale = Rating.objects.get(label="False")
    scale.label = "Wrong"
    scale.save()
    claim.refresh_from_db()
    services.update_claim(claim.pk, editor, claim.version, rating=rating("Mixed"))
    entries = history.timeline(claim)
    verdicts = [(c.old, c.new) for e in entries for c in e.changes if c.field == "rating"]
    # Each entry names the verdict as it was called when the change was made.
    assert verdicts == [("Wrong", "Mixed"), ("—", "False")]
    assert Rating.objects.get(pk=scale.pk).history.first().label == "Wrong"


def test_the_claim_page_names_past_verdicts_from_the_kept_scale(client, editor):
    """The page's history names each verdict as it was called then, from the scale the
    worker keeps (claims/reference.py), without reading the scale's tables; a verdict
    renamed since is read again (the rename moves the reference edition)."""
    claim = make_claim()
    services.update_claim(
        claim.pk, editor, claim.version, status="reviewed", rating=rating("False")
    )
    client.force_login(editor)
    url = claim.get_absolute_url()
    client.get(url)  # the scale is now kept
    caches["claim_pages"].clear()  # but not the page: its history is read again
    with CaptureQueriesContext(connection) as read:
        html = client.get(url).content.decode()
    assert "<del>—</del> → <ins>False</ins>" in html
    sql = [q["sql"] for q in read.captured_queries]
    assert any('FROM "claims_historicalclaim"' in q for q in sql)
    assert [q for q in sql if re.search(r'FROM "claims_(historical)?rating"', q)] == []
    scale = Rating.objects.get(label="False")
    scale.label = "Wrong"
    scale.save()
    claim.refresh_from_db()
    services.update_claim(claim.pk, editor, claim.version, rating=rating("Mixed"))
    html = client.get(url).content.decode()
    assert "<del>Wrong</del> → <ins>Mixed</ins>" in html
    assert "<del>—</del> → <ins>False</ins>" in html


def test_a_merged_away_speaker_is_still_named_in_old_entries(editor):
    claim = make_claim(speaker=make_speaker(name="Kim Jong-un"))
    keep = make_speaker(name="Kim Jong Un")
    services.merge_speakers(keep, claim.speaker, editor)
    changes = [c for e in history.timeline(claim) for c in e.changes if c.field == "speaker"]
    assert [(c.old, c.new) for c in changes] == [("Kim Jong-un", "Kim Jong Un")]
    assert not Speaker.objects.filter(name="Kim Jong-un").exists()


def test_sources_and_speakers_have_their_own_history(editor):
    claim = make_claim()
    source = claim.source
    source._history_user = editor
    source.publisher = "Reuters"
    source.save()
    assert source.history.first().publisher == "Reuters"
    assert source.history.first().history_user == editor
    assert claim.speaker.history.count() == 1
