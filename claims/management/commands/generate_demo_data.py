"""Realistic data at newsroom scale, for trying the desk and for `make bench`.

Speakers with aliases (a few speak very often, most rarely), articles of real length whose
claims point at their own words, a mix of statuses, verdicts, relays, relations, repeats
(suggested for the claims not yet reviewed), evidence for most checked claims, and the
history of each. On PostgreSQL rows go in with COPY (a million claims in a few minutes); on
SQLite with batched INSERTs. The count tally is rebuilt once at the end instead of being
kept row by row, and the repeat-detection word index is filled as it goes.
"""

import datetime
import random
import sys
import time

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.utils import timezone

from claims import counting, list_memory
from claims.duplicates import SUGGEST_AT, fingerprint, similarity, word_keys
from claims.models import (
    Claim,
    ClaimRelation,
    ClaimWord,
    DuplicateSuggestion,
    Evidence,
    Rating,
    Source,
    Speaker,
    SpeakerAlias,
)
from claims.publishing import cache as public_pages

# From this many claims on PostgreSQL, secondary indexes are dropped for the load and built
# again at the end: building an index once is many times faster than growing it row by row.
REBUILD_INDEXES_FROM = 50_000
BULK_TABLES = ("claims_claim", "claims_claimword", "claims_historicalclaim", "claims_source")
CLAIMS_PER_ARTICLE = 50
CLAIMS_PER_SPEAKER = 200
CHUNK = 10_000

FIRST = """
Anna Boris Carmen David Elena Farid Grace Hiro Ines Jonas Kemal Lena Marco Nadia Omar
Petra Quentin Rosa Samir Tamara Ugo Vera Walter Ximena Yusuf Zofia Ahmed Beatriz Chen
Dmitri Esther Fatima Georg Hana Ivan Julia Kwame Lucia Mehmet Nora Olga Pablo Rania Sven
Tomas Ursula Viktor Wen Yara Zaid
""".split()  # noqa: SIM905 — a readable word list
LAST = """
Abe Berg Costa Dubois Eriksen Fischer Garcia Horvat Ivanova Jensen Kim Lopez Moreau Novak
Okafor Petrov Quinn Rossi Silva Tanaka Ueda Varga Weber Xu Yilmaz Zhou Adler Bianchi
Castro Dahl Engel Ferrari Gomez Haas Ito Jovanovic Kowalski Lindqvist Mendes Nakamura
Olsen Popescu Reyes Schmidt Takahashi Urbina Vogel Wagner Yamamoto Zeman
""".split()  # noqa: SIM905 — a readable word list
ROLES = """
minister mayor spokesperson senator governor economist general chairman director professor
commissioner ambassador analyst
""".split()  # noqa: SIM905 — a readable word list
COMMON = """
government said would percent economy year budget people country minister police president
million tax prices election war border health schools hospital energy climate workers
unemployment inflation growth crime migrants housing rents wages pensions army troops
sanctions exports imports debt deficit reform court judge law vote parliament party
opposition coalition protest strike company bank market oil gas electricity water roads
bridge railway airport city region villages farmers food fuel
""".split()  # noqa: SIM905 — a readable word list
VERBS = """
rose fell doubled halved increased decreased reached exceeded cost saved built closed
opened cut raised lowered banned approved rejected promised denied caused
""".split()  # noqa: SIM905 — a readable word list
SYLLABLES = """
ka ro mi ta ne lo su vi da pe ri zo ba ku le mo na fi go te
""".split()  # noqa: SIM905 — a readable word list
CUES = ["said", "told reporters", "claimed", "according to", "wrote", "insisted", "denied"]
PUBLISHERS = ["Daily Ledger", "Morning Post", "Wire Service", "City Herald", "Evening Star"]
STATUS_MIX = [("new", 55), ("in_review", 15), ("reviewed", 18), ("published", 12)]
# A claim as first recorded, before anyone reviewed it: its first history record.
AS_RECORDED = {
    "status": "new",
    "rating_id": None,
    "notes": "",
    "claim_reviewed": "",
    "explanation": "",
    "published_at": None,
    "first_published_at": None,
    "reviewed_by_id": None,
    "updated_by_id": None,
}


def rare_words(rng, n):
    """Made-up content words for the long tail of the vocabulary (names, places, things)."""
    words = set()
    while len(words) < n:
        words.add("".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4))))
    return sorted(words)


class Vocabulary:
    def __init__(self, rng):
        self.rng = rng
        self.words = COMMON + rare_words(rng, 20_000)
        # Zipf-like: the k-th word is 1/k as likely as the first.
        self.cum = []
        total = 0.0
        for k in range(1, len(self.words) + 1):
            total += 1.0 / k
            self.cum.append(total)

    def statement(self):
        rng = self.rng
        nouns = rng.choices(self.words, cum_weights=self.cum, k=rng.randint(5, 9))
        figure = f"{rng.randint(2, 98)} percent"
        return (
            f"the {nouns[0]} {rng.choice(VERBS)} by {figure} "
            f"because of the {nouns[1]} and the {' '.join(nouns[2:4])} in {nouns[4]}, "
            f"while {' '.join(nouns[5:])} {rng.choice(VERBS)}"
        )


def reword(statement, rng):
    """A repeat in other words: one word dropped, a phrase moved."""
    words = statement.split()
    del words[rng.randrange(len(words))]
    cut = rng.randrange(1, len(words))
    return " ".join(words[cut:] + words[:cut])


class Progress:
    def __init__(self, label, total, stream):
        self.label, self.total, self.stream, self.start = label, total, stream, time.monotonic()

    def show(self, done):
        width = 30
        filled = int(width * done / max(self.total, 1))
        elapsed = time.monotonic() - self.start
        self.stream.write(
            f"\r{self.label:<10} [{'#' * filled}{'.' * (width - filled)}] "
            f"{done:>9,}/{self.total:,}  {elapsed:6.1f} s"
        )
        self.stream.flush()

    def end(self):
        self.show(self.total)
        self.stream.write("\n")


class Writer:
    """Rows into a table: COPY on PostgreSQL, executemany elsewhere."""

    def __init__(self, cursor):
        self.cursor = cursor
        self.postgres = connection.vendor == "postgresql"

    def write(self, table, columns, rows):
        if not rows:
            return
        names = ", ".join(columns)
        if self.postgres:
            with self.cursor.copy(f"COPY {table} ({names}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
        else:
            marks = ", ".join(["%s"] * len(columns))
            self.cursor.executemany(f"INSERT INTO {table} ({names}) VALUES ({marks})", rows)  # noqa: S608 — our own table and column names


def drop_secondary_indexes(cursor):
    """Drop the indexes that back no constraint on the bulk tables; return their SQL."""
    cursor.execute(
        """
        SELECT i.indexname, i.indexdef FROM pg_indexes i
        WHERE i.schemaname = current_schema() AND i.tablename = ANY(%s)
          AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname)
        """,
        [list(BULK_TABLES)],
    )
    found = cursor.fetchall()
    for name, _ in found:
        cursor.execute(f'DROP INDEX IF EXISTS "{name}"')
    return [definition for _, definition in found]


def rebuild_indexes(cursor, definitions, stream):
    if not definitions:
        return
    cursor.execute("SET maintenance_work_mem = '512MB'")
    progress = Progress("indexes", len(definitions), stream)
    for done, definition in enumerate(definitions, 1):
        cursor.execute(definition)
        progress.show(done)
    progress.end()


def history_row(columns, row, at, user_id, kind="+"):
    """A history record of ``row`` (a dict by column) as simple_history writes it."""
    record = {
        **row,
        "history_date": at,
        "history_type": kind,
        "history_change_reason": None,
        "history_user_id": user_id,
        "history_username": "",
    }
    return [record.get(c) for c in columns]


def columns_of(model, history=False):
    """The columns a COPY writes: every one but a history record's own id (a sequence)."""
    if history:
        model = model.history.model
    return [f.column for f in model._meta.concrete_fields if f.name != "history_id"]


def next_id(model):
    last = model.objects.order_by("-pk").values_list("pk", flat=True).first()
    return (last or 0) + 1


class Command(BaseCommand):
    help = "Generate demo speakers, articles and claims at scale (bulk inserts or COPY)."

    def add_arguments(self, parser):
        default = 1_000_000 if connection.vendor == "postgresql" else 20_000
        parser.add_argument("--claims", type=int, default=default, help=f"default {default:,}")
        parser.add_argument("--speakers", type=int, help="default: one per 200 claims")
        parser.add_argument("--articles", type=int, help="default: one per 50 claims")
        parser.add_argument("--seed", type=int, default=1)

    def handle(self, *args, claims, speakers, articles, seed, **options):
        if claims < 1:
            raise CommandError("--claims must be at least 1.")
        if not Rating.objects.exists():
            raise CommandError("No verdict scale: run migrate first.")
        rng = random.Random(seed)  # noqa: S311 — demo data, reproducible by seed
        speakers = speakers or max(10, claims // CLAIMS_PER_SPEAKER)
        articles = articles or max(1, claims // CLAIMS_PER_ARTICLE)
        stream = sys.stderr
        started = time.monotonic()
        with connection.cursor() as cursor:
            writer = Writer(cursor)
            speaker_ids, media_ids = self.speakers(writer, rng, speakers)
            self.claims(writer, cursor, rng, claims, articles, speaker_ids, media_ids, stream)
            if connection.vendor == "postgresql":
                for table in ("claims_speaker", "claims_speakeralias", "claims_source"):
                    cursor.execute(
                        f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "  # noqa: S608 — fixed names
                        f"(SELECT max(id) FROM {table}))"
                    )
                for model in (
                    Claim,
                    ClaimRelation,
                    ClaimWord,
                    Evidence,
                    DuplicateSuggestion,
                    Claim.history.model,
                    ClaimRelation.history.model,
                    Evidence.history.model,
                ):
                    table, pk = model._meta.db_table, model._meta.pk.column
                    cursor.execute(
                        f"SELECT setval(pg_get_serial_sequence('{table}', '{pk}'), "  # noqa: S608
                        f"(SELECT max({pk}) FROM {table}))"
                    )
                # VACUUM sets the visibility map, so the word index is read without the
                # table (index-only scans); it cannot run inside a transaction (tests).
                cursor.execute("ANALYZE" if connection.in_atomic_block else "VACUUM ANALYZE")
        self.stdout.write(
            f"Generated {claims:,} claims, {speakers:,} speakers, {articles:,} articles "
            f"in {time.monotonic() - started:.0f} s."
        )

    def speakers(self, writer, rng, count):
        now = timezone.now()
        first = next_id(Speaker)
        alias_id = next_id(SpeakerAlias)
        rows, aliases, media = [], [], []
        for i in range(count):
            pk = first + i
            name = f"{rng.choice(FIRST)} {rng.choice(LAST)} {pk}"
            kind = "media" if i % 50 == 0 else "person"
            if kind == "media":
                name = f"{rng.choice(PUBLISHERS)} agency {pk}"
                media.append(pk)
            rows.append((pk, name, kind, rng.choice(ROLES), "", "", now))
            for n in range(rng.choice([0, 0, 1, 1, 2])):
                aliases.append((alias_id, pk, f"{name.split()[1]} {pk}-{n}"))
                alias_id += 1
        with transaction.atomic():
            writer.write(
                "claims_speaker",
                ["id", "name", "kind", "role", "affiliation", "same_as", "created_at"],
                rows,
            )
            writer.write("claims_speakeralias", ["id", "speaker_id", "name"], aliases)
        return [r[0] for r in rows], media or [rows[0][0]]

    def claims(self, writer, cursor, rng, total, articles, speaker_ids, media_ids, stream):
        vocabulary = Vocabulary(rng)
        ratings = list(Rating.objects.values_list("pk", flat=True))
        users = list(get_user_model().objects.values_list("pk", flat=True)[:20])
        statuses = [s for s, _ in STATUS_MIX]
        weights = [w for _, w in STATUS_MIX]
        source_id, claim_id = next_id(Source), next_id(Claim)
        word_id, relation_id = next_id(ClaimWord), next_id(ClaimRelation)
        evidence_id, suggestion_id = next_id(Evidence), next_id(DuplicateSuggestion)
        end = timezone.now()
        span_days = 540  # a year and a half
        claim_columns = columns_of(Claim)
        history_model = Claim.history.model
        history_columns = columns_of(Claim, history=True)
        columns = {
            model: (columns_of(model), columns_of(model, history=True))
            for model in (ClaimRelation, Evidence)
        }
        suggestion_columns = columns_of(DuplicateSuggestion)
        progress = Progress("claims", total, stream)
        # (statement, its claim's id, its article): statements that may come back as repeats
        recent = []
        postgres = connection.vendor == "postgresql"
        dropped = []
        bulk = postgres and total >= REBUILD_INDEXES_FROM
        if postgres:
            cursor.execute("SET synchronous_commit = off")
        if bulk:
            dropped = drop_secondary_indexes(cursor)
            # Counted once at the end (counting.rebuild_tally), not row by row.
            cursor.execute("ALTER TABLE claims_claim DISABLE TRIGGER claims_claim_tally")
            # The rows are consistent by construction: skip the per-row foreign-key checks
            # (replica mode) but still fill the search vector (an ALWAYS trigger).
            cursor.execute("ALTER TABLE claims_claim ENABLE ALWAYS TRIGGER claims_claim_search")
            cursor.execute("SET session_replication_role = replica")
        try:
            done, article = 0, 0
            while done < total:
                batch = min(CHUNK, total - done)
                sources, claims, history, words, suggestions = [], [], [], [], []
                # Per model: its rows, and their history's "+" (created) records.
                added = {ClaimRelation: ([], []), Evidence: ([], [])}

                def add(model, record, at, user, added=added):
                    rows, records = added[model]
                    rows.append([record.get(c) for c in columns[model][0]])
                    records.append(history_row(columns[model][1], record, at, user))

                while len(claims) < batch:
                    per = min(batch - len(claims), max(1, total // articles))
                    day = end - datetime.timedelta(
                        days=span_days * (1 - (done + len(claims)) / total)
                    )
                    body_parts, offset, article_claims = [], 0, []
                    for _ in range(per):
                        # The claim's id: this article's claims are numbered from claim_id.
                        this_id = claim_id + len(article_claims)
                        repeats = rng.choice(recent) if recent and rng.random() < 0.03 else None
                        if repeats and repeats[2] == article:
                            # Repeat detection looks in other articles only.
                            repeats = None
                        if repeats:
                            statement = reword(repeats[0], rng)
                        else:
                            statement = vocabulary.statement()
                            if rng.random() < 0.01:
                                recent = [*recent[-500:], (statement, this_id, article)]
                        speaker = speaker_ids[int(len(speaker_ids) * rng.random() ** 3)]
                        cue = rng.choice(CUES)
                        lead = f"Speaker {speaker} {cue} that "
                        filler = " ".join(
                            rng.choices(vocabulary.words[:200], k=rng.randint(8, 20))
                        ).capitalize()
                        sentence = f"{lead}{statement}. {filler}. "
                        start = offset + len(lead)
                        article_claims.append((statement, start, speaker, cue, repeats))
                        body_parts.append(sentence)
                        offset += len(sentence)
                    body = "".join(body_parts)
                    sources.append(
                        (
                            source_id,
                            f"Report {source_id}: {vocabulary.statement()[:80]}",
                            rng.choice(PUBLISHERS),
                            None,
                            day.date(),
                            "en",
                            body,
                            None,
                            day,
                        )
                    )
                    first_in_article = claim_id
                    for statement, start, speaker, cue, repeats in article_claims:
                        status = rng.choices(statuses, weights)[0]
                        rating = (
                            rng.choice(ratings) if status in ("reviewed", "published") else None
                        )
                        created = min(day + datetime.timedelta(minutes=rng.randint(0, 600)), end)
                        # Most reviews come soon after the claim, a few long after.
                        delay = (end - created) * rng.random() ** 6 if status != "new" else None
                        updated = created + (delay or datetime.timedelta(0))
                        updated += datetime.timedelta(microseconds=claim_id % 997)
                        published = updated if status == "published" else None
                        # Who reviewed it: one of the users there are (the first 20).
                        reviewer = rng.choice(users) if users and status != "new" else None
                        row = {
                            "id": claim_id,
                            "text": statement,
                            "kind": rng.choice(["direct", "partial", "paraphrase", "paraphrase"]),
                            "speaker_id": speaker,
                            "relayed_by_id": rng.choice(media_ids) if rng.random() < 0.08 else None,
                            "source_id": source_id,
                            "span_start": start,
                            "span_end": start + len(statement),
                            "cue": cue,
                            "claimed_on": created.date() if rng.random() < 0.7 else None,
                            "status": status,
                            "rating_id": rating,
                            "notes": "<p>Checked against the official figures.</p>"
                            if rating
                            else "",
                            "assigned_to_id": rng.choice(users)
                            if users and rng.random() < 0.05
                            else None,
                            "machine_proposed": rng.random() < 0.6,
                            # The public ruling: what a published fact-check must carry.
                            "claim_reviewed": statement[:500] if rating else "",
                            "explanation": "<p>The official figures say otherwise.</p>"
                            if rating
                            else "",
                            # A verdict names its reviewing editor (services.update_claim).
                            "reviewed_by_id": reviewer if rating else None,
                            "corrected_at": None,
                            "withdrawn_at": None,
                            "withdrawal_reason": "",
                            "published_at": published,
                            "first_published_at": published,
                            "version": 1 if status == "new" else 2,
                            "created_by_id": None,
                            "updated_by_id": reviewer,
                            "created_at": created,
                            "updated_at": updated,
                        }
                        if row["relayed_by_id"] == speaker:
                            row["relayed_by_id"] = None
                        claims.append([row[c] for c in claim_columns])
                        # Recorded new, then reviewed (and published) by the reviewer.
                        recorded = {**row, **AS_RECORDED, "version": 1, "updated_at": created}
                        history.append(history_row(history_columns, recorded, created, None))
                        if status != "new":
                            history.append(
                                history_row(history_columns, row, updated, reviewer, "~")
                            )
                        # Most checked claims cite what they were checked against.
                        if rating and rng.random() < 0.8:
                            for n in range(rng.randint(1, 3)):
                                item = {
                                    "id": evidence_id,
                                    "claim_id": claim_id,
                                    "url": f"https://statistics.example.org/{claim_id}/{n}",
                                    "title": f"Official figures: {statement[:60]}",
                                    "note": "The figures for the year the claim names."
                                    if n == 0
                                    else "",
                                    "added_by_id": reviewer,
                                    "added_at": updated,
                                }
                                add(Evidence, item, updated, reviewer)
                                evidence_id += 1
                        # A repeat not yet reviewed waits with its suggestion (score as
                        # repeat detection would give it).
                        score = (
                            similarity(fingerprint(statement), fingerprint(repeats[0]))
                            if repeats and status in ("new", "in_review")
                            else 0
                        )
                        if score >= SUGGEST_AT:
                            suggestion = {
                                "id": suggestion_id,
                                "claim_id": claim_id,
                                "original_id": repeats[1],
                                "score": score,
                                "state": DuplicateSuggestion.State.SUGGESTED.value,
                            }
                            suggestions.append([suggestion.get(c) for c in suggestion_columns])
                            suggestion_id += 1
                        for key in word_keys(statement):
                            words.append((word_id, claim_id, key))
                            word_id += 1
                        if claim_id > first_in_article and rng.random() < 0.03:
                            relation = {
                                "id": relation_id,
                                "from_claim_id": claim_id,
                                "to_claim_id": rng.randrange(first_in_article, claim_id),
                                "kind": rng.choice(["denies", "disputes", "confirms"]),
                                "created_by_id": None,
                                "created_at": created,
                            }
                            add(ClaimRelation, relation, created, None)
                            relation_id += 1
                        claim_id += 1
                    source_id += 1
                    article += 1
                with transaction.atomic():
                    writer.write(
                        "claims_source",
                        [
                            "id",
                            "title",
                            "publisher",
                            "url",
                            "published_on",
                            "language",
                            "body",
                            "added_by_id",
                            "added_at",
                        ],
                        sources,
                    )
                    writer.write("claims_claim", claim_columns, claims)
                    writer.write(history_model._meta.db_table, history_columns, history)
                    writer.write("claims_claimword", ["id", "claim_id", "word"], words)
                    writer.write("claims_duplicatesuggestion", suggestion_columns, suggestions)
                    for model, (rows, records) in added.items():
                        writer.write(model._meta.db_table, columns[model][0], rows)
                        history_table = model.history.model._meta.db_table
                        writer.write(history_table, columns[model][1], records)
                done += len(claims)
                progress.show(done)
            progress.end()
        finally:
            if bulk:
                cursor.execute("SET session_replication_role = DEFAULT")
                cursor.execute("ALTER TABLE claims_claim ENABLE TRIGGER claims_claim_search")
                cursor.execute("ALTER TABLE claims_claim ENABLE TRIGGER claims_claim_tally")
                rebuild_indexes(cursor, dropped, stream)
                # The public edition's triggers were off with the others: reader pages a
                # running server keeps must not outlive the load, even a failed one. (The
                # reference data's tables, verdicts and users, are written before, with
                # the triggers on.)
                public_pages.new_edition()
                list_memory.new_edition()  # and the desk's lists, likewise
        with transaction.atomic():
            counting.rebuild_tally(cursor)
            list_memory.new_edition()  # the lists' counts come from the tally
