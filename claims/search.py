"""Full-text search on claim statements, through an index on either database.

PostgreSQL: a stored ``tsvector`` column ``claims_claim.search`` (English stemming) with a
GIN index; SQLite: an FTS5 table ``claims_claim_fts`` (Porter stemming) over the statements.
Both are kept by database triggers created in migration 0005_scale, so every way of writing
a claim keeps them right, and neither is a Django field: the models stay the same on both
databases. Words are ANDed; "a quoted phrase" is a phrase on PostgreSQL; curly and straight
quotes are the same character to both the index and the query.
"""

import re

from django.db.models import BooleanField, F, FloatField, Func

# Curly quotes and apostrophes read as straight ones, in the index and in the query.
QUOTES = str.maketrans({"‘": "'", "’": "'", "“": '"', "”": '"'})
CONFIG = "english"


def normalise(text):
    return text.translate(QUOTES).strip()


def fts5_query(text):
    """An FTS5 query ANDing the words of ``text``, each quoted so no character is syntax."""
    words = re.findall(r"\w+", text)
    return " ".join(f'"{word}"' for word in words) or '""'


class _OnClaim(Func):
    """An expression over a claim row's id, so Django keeps the table alias right when the
    queryset becomes a subquery."""

    def __init__(self, text):
        super().__init__(F("pk"))
        self.text = text

    def _column(self, compiler):
        sql, params = compiler.compile(self.source_expressions[0])
        return sql, sql.rsplit(".", 1)[0], params


class StatementMatch(_OnClaim):
    output_field = BooleanField()
    conditional = True

    def as_postgresql(self, compiler, connection, **extra):
        _, table, params = self._column(compiler)
        return (
            f"{table}.\"search\" @@ websearch_to_tsquery('{CONFIG}', %s)",
            [*params, self.text],
        )

    def as_sql(self, compiler, connection, **extra):
        column, _, params = self._column(compiler)
        return (
            f"{column} IN (SELECT rowid FROM claims_claim_fts WHERE claims_claim_fts MATCH %s)",  # noqa: S608 — a column Django compiled
            [*params, fts5_query(self.text)],
        )


class StatementRank(_OnClaim):
    """Higher is better: PostgreSQL's cover-density rank, FTS5's BM25 negated."""

    output_field = FloatField()

    def as_postgresql(self, compiler, connection, **extra):
        _, table, params = self._column(compiler)
        return (
            f"ts_rank_cd({table}.\"search\", websearch_to_tsquery('{CONFIG}', %s))",
            [*params, self.text],
        )

    def as_sql(self, compiler, connection, **extra):
        # The matches' ranks are read once and looked up per row. Asked per row ("MATCH …
        # AND rowid = id"), FTS5 ran the whole search again for each row: a search matching
        # 1,800 of 20,000 claims took 0.7 s. LIMIT -1 keeps SQLite from folding the rowid
        # test back into the search (it reads the subquery once and indexes it).
        column, _, params = self._column(compiler)
        sql = (
            "COALESCE((SELECT ranks.rank FROM (SELECT rowid AS id, -bm25(claims_claim_fts) "  # noqa: S608
            "AS rank FROM claims_claim_fts WHERE claims_claim_fts MATCH %s LIMIT -1) AS ranks "
            f"WHERE ranks.id = {column}), 0)"
        )
        return sql, [fts5_query(self.text), *params]


# The SQL that migration 0005_scale runs; kept here beside the queries that rely on it.
POSTGRESQL_SQL = [
    "ALTER TABLE claims_claim ADD COLUMN IF NOT EXISTS search tsvector",
    f"""
    CREATE OR REPLACE FUNCTION claims_claim_search_vector() RETURNS trigger AS $$
    BEGIN
        NEW.search := to_tsvector('{CONFIG}', translate(coalesce(NEW.text, ''), '‘’“”', '''''""'));
        RETURN NEW;
    END $$ LANGUAGE plpgsql
    """,
    "DROP TRIGGER IF EXISTS claims_claim_search ON claims_claim",  # so it can run twice
    """
    CREATE TRIGGER claims_claim_search BEFORE INSERT OR UPDATE OF text ON claims_claim
    FOR EACH ROW EXECUTE FUNCTION claims_claim_search_vector()
    """,
]
POSTGRESQL_BACKFILL = "UPDATE claims_claim SET text = text WHERE search IS NULL"
POSTGRESQL_INDEX = (
    "CREATE INDEX CONCURRENTLY IF NOT EXISTS claim_search_idx ON claims_claim USING gin (search)"
)
POSTGRESQL_REVERSE = [
    "DROP INDEX IF EXISTS claim_search_idx",
    "DROP TRIGGER IF EXISTS claims_claim_search ON claims_claim",
    "DROP FUNCTION IF EXISTS claims_claim_search_vector()",
    "ALTER TABLE claims_claim DROP COLUMN IF EXISTS search",
]

SQLITE_SQL = [
    """
    CREATE VIRTUAL TABLE IF NOT EXISTS claims_claim_fts USING fts5(
        text, content='claims_claim', content_rowid='id',
        tokenize='porter unicode61 remove_diacritics 2')
    """,
    """
    CREATE TRIGGER IF NOT EXISTS claims_claim_fts_insert AFTER INSERT ON claims_claim BEGIN
        INSERT INTO claims_claim_fts(rowid, text) VALUES (new.id, new.text);
    END
    """,
    """
    CREATE TRIGGER IF NOT EXISTS claims_claim_fts_delete AFTER DELETE ON claims_claim BEGIN
        INSERT INTO claims_claim_fts(claims_claim_fts, rowid, text)
        VALUES ('delete', old.id, old.text);
    END
    """,
    """
    CREATE TRIGGER IF NOT EXISTS claims_claim_fts_update AFTER UPDATE OF text ON claims_claim
    BEGIN
        INSERT INTO claims_claim_fts(claims_claim_fts, rowid, text)
        VALUES ('delete', old.id, old.text);
        INSERT INTO claims_claim_fts(rowid, text) VALUES (new.id, new.text);
    END
    """,
    "INSERT INTO claims_claim_fts(claims_claim_fts) VALUES ('rebuild')",
]
SQLITE_REVERSE = [
    "DROP TRIGGER IF EXISTS claims_claim_fts_insert",
    "DROP TRIGGER IF EXISTS claims_claim_fts_delete",
    "DROP TRIGGER IF EXISTS claims_claim_fts_update",
    "DROP TABLE IF EXISTS claims_claim_fts",
]
