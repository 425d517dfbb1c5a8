"""Writes racing each other, in real threads against PostgreSQL: no update is lost.

SQLite serialises every write to the whole database, so these races cannot happen there;
they carry the ``postgres`` marker, which .ci/run selects on its PostgreSQL run and
deselects (``-m "not postgres"``) on its SQLite run. Run on SQLite by hand, they fail at
the first line rather than pass without racing.
"""

import threading

import pytest
from django.db import connection, connections

from claims import services
from claims.ingest.services import import_article
from claims.models import Claim, Speaker

from .conftest import make_claim, make_user

pytestmark = [
    pytest.mark.postgres,
    # Committed data, seen by the other threads' connections; serialized_rollback restores
    # the migration-made roles and ratings that the flush after each test removes.
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

ROUNDS = 25


def race(*jobs):
    """Run ``jobs`` at once, each in its own thread and connection; their results in order."""
    assert connection.vendor == "postgresql", "run with DATABASE_URL=postgres://…"
    start = threading.Barrier(len(jobs))
    results = [None] * len(jobs)

    def run(i, job):
        try:
            start.wait()
            results[i] = job()
        except Exception as exc:  # the outcome is the result: saved, or refused
            results[i] = exc
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i, job)) for i, job in enumerate(jobs)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


def admin_save(claim_id, user, version, cue):
    """What the admin does: the form's locked version check, then save_model, one transaction."""
    from django.db import transaction

    with transaction.atomic():
        claim = Claim.objects.get(pk=claim_id)
        claim.cue = cue
        return services.save_edited_claim(claim, user, version)


def test_an_admin_save_racing_a_desk_save_loses_nothing():
    editor = make_user("ed", "Editor")
    other = make_user("other", "Editor")
    claim = make_claim()
    lost = 0
    for n in range(ROUNDS):
        claim.refresh_from_db()
        version = claim.version
        results = race(
            lambda v=version, n=n: admin_save(claim.pk, editor, v, f"admin {n}"),
            lambda v=version, n=n: services.update_claim(claim.pk, other, v, notes=f"desk {n}"),
        )
        saved = [r for r in results if isinstance(r, Claim)]
        refused = [r for r in results if isinstance(r, services.EditConflict)]
        assert len(saved) == 1 and len(refused) == 1, results
        claim.refresh_from_db()
        # A lost update: a save reported as done whose change is not what is stored.
        winner = saved[0]
        lost += (claim.cue, claim.notes) != (winner.cue, winner.notes)
        assert claim.version == version + 1
    assert lost == 0
    versions = list(claim.history.values_list("version", flat=True))
    assert len(versions) == len(set(versions)) == ROUNDS + 1  # one history row per version


def test_two_admin_saves_of_one_version_keep_one_and_refuse_the_other():
    editor = make_user("ed", "Editor")
    claim = make_claim()
    for n in range(ROUNDS):
        claim.refresh_from_db()
        version = claim.version
        results = race(
            lambda v=version, n=n: admin_save(claim.pk, editor, v, f"first {n}"),
            lambda v=version, n=n: admin_save(claim.pk, editor, v, f"second {n}"),
        )
        assert sorted(type(r).__name__ for r in results) == ["Claim", "EditConflict"], results
        winner = next(r for r in results if isinstance(r, Claim))
        claim.refresh_from_db()
        assert claim.cue == winner.cue and claim.version == version + 1
    versions = list(claim.history.values_list("version", flat=True))
    assert len(versions) == len(set(versions)) == ROUNDS + 1


ARTICLE = "Mayor Ana Ruiz said the bridge would reopen in May."


def test_two_imports_introducing_the_same_new_speaker_both_succeed_with_one_speaker():
    from claims.extraction import extract

    user = make_user("ed", "Editor")
    for n in range(5):
        body = f"{ARTICLE} (edition {n})"
        proposals = extract(body)
        assert proposals, "the extractor proposes the mayor's statement"
        results = race(
            *(
                lambda i=i, n=n, body=body, proposals=proposals: import_article(
                    title=f"Bridge {n}-{i}", body=body, proposals=proposals, user=user
                )
                for i in range(2)
            )
        )
        assert not [r for r in results if isinstance(r, Exception)], results
    assert Speaker.objects.filter(name__iexact=proposals[0].speaker).count() == 1
    assert Claim.objects.count() == 10
