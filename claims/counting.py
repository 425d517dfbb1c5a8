"""Counts the lists show, without counting a million rows per request.

- Whole table, per speaker, per status and verdict: ``ClaimTally``, kept exact by triggers
  (the SQL below, run by migration 0005_scale).
- Any other filter: the matching rows are counted up to ``EXACT_UP_TO``; past it the page says
  "about N" with PostgreSQL's planner estimate (SQLite: "more than N"), and the per-status
  and per-verdict facets say "N+" rather than a figure they would have to scan for. Where
  the planner expects far more (SURELY_PAST), a tenth of the bound is read.
"""

import json
from dataclasses import dataclass, field

from django.core.exceptions import EmptyResultSet
from django.db import connection

from .models import ClaimTally

# Filters matching up to this many claims are counted exactly; more are estimated.
EXACT_UP_TO = 10_000
# A filter PostgreSQL's planner expects to match more than this many times the bound is
# taken to match more without reading the bound's rows (a text search matching 88,551 of
# a million claims: 22 ms of its 34 ms list, asked first): only a tenth of them are read,
# for the facets' lower bounds, and for the count when fewer than that match after all.
SURELY_PAST = 4


@dataclass
class Counts:
    total: int
    by_status: dict = field(default_factory=dict)
    by_rating: dict = field(default_factory=dict)
    # "exact"; "estimate" (total is the planner's guess); or "bound" (there are more than
    # ``total`` and the facets are lower bounds).
    kind: str = "exact"

    @property
    def exact(self):
        return self.kind == "exact"


def from_tally(speakers=None, statuses=None, ratings=None):
    by_status, by_rating = ClaimTally.objects.counts(speakers, statuses, ratings)
    return Counts(sum(by_status.values()), by_status, by_rating)


def bounded(queryset, limit=None):
    """Exact counts of ``queryset`` if it has at most ``limit`` rows; else an estimate."""
    limit = limit or EXACT_UP_TO
    guess = estimate(queryset)
    read = _to_read(guess, limit)
    rows = queryset.order_by().values_list("status", "rating_id")[: read + 1]
    try:
        sql, params = rows.query.sql_with_params()
    except EmptyResultSet:  # a filter no row can match (a name nobody is known by)
        return Counts(0, {}, {})
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT status, rating_id, COUNT(*) FROM ({sql}) AS matching "  # noqa: S608 — Django's own SQL, parameters apart
            "GROUP BY status, rating_id",
            params,
        )
        found = cursor.fetchall()
    by_status, by_rating = {}, {}
    for status, rating, n in found:
        by_status[status] = by_status.get(status, 0) + n
        by_rating[rating] = by_rating.get(rating, 0) + n
    total = sum(by_status.values())
    if total <= read:
        return Counts(total, by_status, by_rating)
    if guess is not None and guess > limit:
        return Counts(guess, by_status, by_rating, kind="estimate")
    return Counts(limit, by_status, by_rating, kind="bound")


def total(queryset, limit=None):
    """(number of rows, exact?): ``bounded``'s figure, without its facets."""
    counts = bounded(queryset, limit)
    return counts.total, counts.exact


def _to_read(guess, limit):
    """How many matching rows to read to count them: the bound, or a tenth of it when the
    planner expects SURELY_PAST times more (the rest, found to be more, is its guess)."""
    return max(limit // 10, 1) if guess is not None and guess > SURELY_PAST * limit else limit


def estimate(queryset):
    """PostgreSQL's estimate of the number of rows of ``queryset``; None elsewhere, and
    for a filter no row can match."""
    if connection.vendor != "postgresql":
        return None
    try:
        sql, params = queryset.order_by().values("pk").query.sql_with_params()
    except EmptyResultSet:
        return None
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN (FORMAT JSON) {sql}", params)
        plan = cursor.fetchone()[0]
    if isinstance(plan, str):
        plan = json.loads(plan)
    return int(plan[0]["Plan"]["Plan Rows"])


# Triggers keeping ClaimTally right on every insert, delete and change of speaker, status
# or verdict, in the writing transaction. Speaker 0 is "all speakers", verdict 0 "none".
POSTGRESQL_SQL = [
    """
    CREATE OR REPLACE FUNCTION claims_claim_tally() RETURNS trigger AS $$
    BEGIN
        IF TG_OP = 'UPDATE' AND OLD.speaker_id = NEW.speaker_id AND OLD.status = NEW.status
           AND OLD.rating_id IS NOT DISTINCT FROM NEW.rating_id THEN
            RETURN NULL;
        END IF;
        IF TG_OP IN ('UPDATE', 'DELETE') THEN
            UPDATE claims_claimtally SET n = n - 1
            WHERE speaker_id IN (OLD.speaker_id, 0) AND status = OLD.status
              AND rating_id = coalesce(OLD.rating_id, 0);
        END IF;
        IF TG_OP IN ('UPDATE', 'INSERT') THEN
            INSERT INTO claims_claimtally (speaker_id, status, rating_id, n)
            VALUES (NEW.speaker_id, NEW.status, coalesce(NEW.rating_id, 0), 1),
                   (0, NEW.status, coalesce(NEW.rating_id, 0), 1)
            ON CONFLICT (speaker_id, status, rating_id)
            DO UPDATE SET n = claims_claimtally.n + 1;
        END IF;
        RETURN NULL;
    END $$ LANGUAGE plpgsql
    """,
    "DROP TRIGGER IF EXISTS claims_claim_tally ON claims_claim",  # so it can run twice
    """
    CREATE TRIGGER claims_claim_tally
    AFTER INSERT OR DELETE OR UPDATE OF speaker_id, status, rating_id ON claims_claim
    FOR EACH ROW EXECUTE FUNCTION claims_claim_tally()
    """,
]
POSTGRESQL_REVERSE = [
    "DROP TRIGGER IF EXISTS claims_claim_tally ON claims_claim",
    "DROP FUNCTION IF EXISTS claims_claim_tally()",
]

_SQLITE_ADD = """
    INSERT INTO claims_claimtally (speaker_id, status, rating_id, n)
    VALUES ({who}, new.status, coalesce(new.rating_id, 0), 1)
    ON CONFLICT (speaker_id, status, rating_id) DO UPDATE SET n = n + 1;
"""
_SQLITE_ADD_BOTH = _SQLITE_ADD.format(who="new.speaker_id") + _SQLITE_ADD.format(who="0")
_SQLITE_REMOVE = """
    UPDATE claims_claimtally SET n = n - 1
    WHERE speaker_id IN (old.speaker_id, 0) AND status = old.status
      AND rating_id = coalesce(old.rating_id, 0);
"""
SQLITE_SQL = [
    f"""
    CREATE TRIGGER IF NOT EXISTS claims_claim_tally_insert AFTER INSERT ON claims_claim
    BEGIN {_SQLITE_ADD_BOTH} END
    """,
    f"""
    CREATE TRIGGER IF NOT EXISTS claims_claim_tally_delete AFTER DELETE ON claims_claim
    BEGIN {_SQLITE_REMOVE} END
    """,
    f"""
    CREATE TRIGGER IF NOT EXISTS claims_claim_tally_update
    AFTER UPDATE OF speaker_id, status, rating_id ON claims_claim
    WHEN old.speaker_id IS NOT new.speaker_id OR old.status IS NOT new.status
      OR old.rating_id IS NOT new.rating_id
    BEGIN {_SQLITE_REMOVE} {_SQLITE_ADD_BOTH} END
    """,
]
SQLITE_REVERSE = [
    "DROP TRIGGER IF EXISTS claims_claim_tally_insert",
    "DROP TRIGGER IF EXISTS claims_claim_tally_delete",
    "DROP TRIGGER IF EXISTS claims_claim_tally_update",
]

# Recount from scratch: after a bulk load with the trigger off, or to check the triggers.
REBUILD_SQL = [
    "DELETE FROM claims_claimtally",
    """
    INSERT INTO claims_claimtally (speaker_id, status, rating_id, n)
    SELECT speaker_id, status, coalesce(rating_id, 0), COUNT(*) FROM claims_claim
    GROUP BY speaker_id, status, coalesce(rating_id, 0)
    """,
    """
    INSERT INTO claims_claimtally (speaker_id, status, rating_id, n)
    SELECT 0, status, rating_id, SUM(n) FROM claims_claimtally
    GROUP BY status, rating_id
    """,
]


def rebuild_tally(cursor):
    for statement in REBUILD_SQL:
        cursor.execute(statement)
