"""Desk pages run a fixed number of queries, however many claims there are."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from claims.models import Claim, ClaimRelation, Source, Speaker

from .conftest import rating

pytestmark = pytest.mark.django_db

WORDS = "fact number {i} is true"


def grow(source, speaker, total, target):
    """Add claims (with distinct spans, every other one relayed) up to ``total``."""
    have = Claim.objects.count()
    relay, _ = Speaker.objects.get_or_create(name="Wire service")
    new = []
    for i in range(have, total):
        text = WORDS.format(i=i)
        start = source.body.index(f"[{i}] ") + len(f"[{i}] ")
        new.append(
            Claim(
                source=source,
                speaker=speaker,
                text=text,
                span_start=start,
                span_end=start + len(text),
                relayed_by=relay if i % 2 else None,
                status="reviewed" if i % 3 == 0 else "new",
                rating=rating("False") if i % 3 == 0 else None,
            )
        )
    created = Claim.objects.bulk_create(new)
    ClaimRelation.objects.bulk_create(
        ClaimRelation(from_claim=c, to_claim=target, kind="disputes") for c in created
    )


@pytest.fixture
def world(db):
    body = " ".join(f"[{i}] {WORDS.format(i=i)}." for i in range(500))
    source = Source.objects.create(title="Long article", body=body)
    speaker = Speaker.objects.create(name="Busy speaker")
    target = Claim.objects.create(
        source=source, speaker=speaker, text="[0]", span_start=0, span_end=3
    )
    return source, speaker, target


# Every page starts with 4 queries: session, user, and the user's own and group permissions.
PAGES = {
    # + count, counts by status, counts by verdict, ratings (filter form), ratings (facets),
    #   sources (filter form), assignable users (bulk form), the page of claims = 12
    "list": (lambda s, sp, t: reverse("claims:claim-list") + "?order=-updated", 12),
    # + the claim with its relations, history, answers, answered-by, suggested repeats,
    #   evidence, ratings and assignable users (review form), and the history of its
    #   evidence and of its relations (timeline) = 14
    "claim": (lambda s, sp, t: t.get_absolute_url(), 14),
    # + speaker, aliases, counts by verdict, ratings, count, the page of claims = 10
    "speaker": (lambda s, sp, t: sp.get_absolute_url(), 10),
    # + source, its claims with speakers = 6
    "source": (lambda s, sp, t: s.get_absolute_url(), 6),
    # + counts by status, my queue, recently changed = 7
    "dashboard": (lambda s, sp, t: reverse("claims:dashboard"), 7),
}


def queries(client, url):
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx)


@pytest.mark.parametrize("page", PAGES)
def test_a_page_runs_as_many_queries_with_500_claims_as_with_10(
    client, editor, world, page, django_assert_max_num_queries
):
    source, speaker, target = world
    make_url, most = PAGES[page]
    client.force_login(editor)
    url = make_url(source, speaker, target)
    grow(source, speaker, 10, target)
    with_10 = queries(client, url)
    grow(source, speaker, 500, target)
    with_500 = queries(client, url)
    assert with_10 == with_500
    with django_assert_max_num_queries(most):
        client.get(url)
