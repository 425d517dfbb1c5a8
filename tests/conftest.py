import itertools
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth.models import Group, User

from claims.extraction.annotations import read_annotations
from claims.ingest.services import load_annotations
from claims.models import Claim, Rating, Source, Speaker

SEED_FILE = Path(settings.BASE_DIR) / "seeds" / "putin-kim-vostochny.json"
_names = itertools.count(1)


@pytest.fixture(autouse=True)
def _reader_pages_follow_each_write(request):
    """Reader pages are kept under the public edition (claims/publishing/cache.py), the
    desk's reference data under its own (claims/reference.py).

    Each test rolls its writes back, edition included: a page one test left in memory
    would be served to the next under the same edition, so memory starts empty. And on
    PostgreSQL the edition moves at the commit, which a rolled-back test never reaches:
    there it moves with each write instead (test_public_cache tests the commit itself).
    """
    from claims import reference

    forget_kept_pages()
    reference.forget()  # the desk's reference data (claims/reference.py), likewise
    marker = request.node.get_closest_marker("django_db")
    in_a_transaction = marker is not None and not (
        marker.kwargs.get("transaction") or (len(marker.args) > 0 and marker.args[0])
    )
    if not (in_a_transaction or "db" in request.fixturenames):
        return
    request.getfixturevalue("db")
    from django.db import connection

    if connection.vendor == "postgresql":
        from claims.list_memory import DESK
        from claims.publishing.cache import PUBLIC

        with connection.cursor() as cursor:
            for edition in (PUBLIC, reference.REFERENCE, DESK):
                cursor.execute(edition.postgresql_immediate)


def forget_kept_pages():
    """Empty each worker memory of pages and answers (every cache in settings.CACHES but
    the default): reader pages (the public edition's), the desk lists' answers and claim
    pages (claims/list_memory.py)."""
    from django.conf import settings
    from django.core.cache import caches

    for name in settings.CACHES:
        if name != "default":
            caches[name].clear()


def make_user(username, role=None, **fields):
    # No usable password: hashing one costs 0.3 s, and tests sign in with force_login.
    user = User.objects.create_user(username=username, password=None, **fields)
    if role:
        user.groups.add(Group.objects.get(name=role))
    return user


@pytest.fixture
def viewer(db):
    return make_user("viewer", "Viewer")


@pytest.fixture
def contributor(db):
    return make_user("contributor", "Contributor")


@pytest.fixture
def editor(db):
    return make_user("editor", "Editor", is_staff=True)


@pytest.fixture
def outsider(db):
    """Signed in, but in no role."""
    return make_user("outsider")


@pytest.fixture
def superuser(db):
    return User.objects.create_superuser("root", "root@example.org", None)


def make_source(**overrides):
    overrides.setdefault("title", f"Article {next(_names)}")
    overrides.setdefault(
        "body", "The minister said the bridge would open in May. Critics disagreed."
    )
    return Source.objects.create(**overrides)


def make_speaker(**overrides):
    overrides.setdefault("name", f"Speaker {next(_names)}")
    return Speaker.objects.create(**overrides)


def make_claim(**overrides):
    """A valid claim: by default the words 'the bridge would open in May' of a new source."""
    # Made only when not given: a speaker made and left unused would still be a write.
    source = overrides["source"] = overrides.get("source") or make_source()
    overrides["speaker"] = overrides.get("speaker") or make_speaker()
    text = overrides.setdefault("text", "the bridge would open in May")
    start = overrides.setdefault("span_start", source.body.index(text))
    overrides.setdefault("span_end", start + len(text))
    claim = Claim(**overrides)
    claim.full_clean()
    claim.save()
    return claim


def rating(label="False"):
    return Rating.objects.get(label=label)


@pytest.fixture
def seed(db):
    """The seed article loaded as `make run` loads it; returns {annotation id: Claim}."""
    notes = read_annotations(SEED_FILE)
    result = load_annotations(notes)
    by_span = {(c.span_start, c.span_end, c.speaker.name): c for c in result.source.claims.all()}
    return {n.id: by_span[(n.start, n.end, n.speaker)] for n in notes.claims}


# What publishing needs beyond a verdict: the claim as checked and a public explanation.
RULING = {"claim_reviewed": "The claim as checked.", "explanation": "<p>Why we rated it so.</p>"}


def publish(claim, editor, verdict="False", **ruling):
    """``claim`` reviewed with ``verdict`` and a public ruling, then published, through the
    same services an editor's clicks call. Returns the published claim."""
    from claims import services

    reviewed = services.update_claim(
        claim.pk,
        editor,
        claim.version,
        status="reviewed",
        rating=rating(verdict),
        **{**RULING, **ruling},
    )
    return services.publish(claim.pk, editor, reviewed.version)


def plan_without(explain, sql, params=(), kinds=("seqscan",)):
    """PostgreSQL's plan (``explain`` is "EXPLAIN" and its options) for ``sql`` with the
    plan ``kinds`` turned off (enable_seqscan, enable_sort, …): with a test's few rows the
    planner would otherwise never use an index. A kind still in the plan is the only way
    left to answer the query."""
    from django.db import connection, transaction

    with connection.cursor() as cursor:
        try:
            # In a savepoint: if the EXPLAIN fails, rolling it back undoes the SETs too and
            # the test sees the real error.
            with transaction.atomic():
                for kind in kinds:
                    cursor.execute(f"SET enable_{kind} = off")
                cursor.execute(f"{explain} {sql}", params or None)
                return cursor.fetchall()
        finally:
            for kind in kinds:
                cursor.execute(f"SET enable_{kind} = on")


def plan_nodes(node):
    """Every node of a JSON plan's tree."""
    yield node
    for child in node.get("Plans", []):
        yield from plan_nodes(child)
