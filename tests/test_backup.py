"""`manage.py backup` and `restore`: a backup restored into an empty database holds every
claim, relation, evidence and history row as it was."""

import sqlite3
import tempfile
from contextlib import closing
from io import StringIO
from pathlib import Path

import psycopg
import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from claims import services
from claims.models import Claim, Evidence

pytestmark = [
    # pg_dump reads from its own connection: the data must be committed.
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def rows(cursor, table):
    cursor.execute(f'SELECT * FROM "{table}" ORDER BY 1')  # noqa: S608 — our own table names
    return cursor.fetchall()


def claims_tables():
    return sorted(t for t in connection.introspection.table_names() if t.startswith("claims_"))


@pytest.fixture
def restored_database():
    """An empty database to restore into: (its URL, a DB-API connection factory)."""
    if connection.vendor == "sqlite":
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "restored.sqlite3"
            # Read with the same type conversions as Django's own connection.
            types = sqlite3.PARSE_DECLTYPES | sqlite3.PARSE_COLNAMES
            yield f"sqlite:///{path}", lambda: sqlite3.connect(path, detect_types=types)
        return
    settings = connection.settings_dict
    name = f"{settings['NAME']}_restore"
    params = {
        k: v
        for k, v in {
            "host": settings["HOST"],
            "port": settings["PORT"],
            "user": settings["USER"],
            "password": settings["PASSWORD"],
        }.items()
        if v
    }
    with psycopg.connect(dbname="postgres", autocommit=True, **params) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}"')
        admin.execute(f'CREATE DATABASE "{name}"')
    user = settings["USER"] or "postgres"
    password = f":{settings['PASSWORD']}" if settings["PASSWORD"] else ""
    host = settings["HOST"] or "127.0.0.1"
    port = settings["PORT"] or 5432
    yield (
        f"postgres://{user}{password}@{host}:{port}/{name}",
        lambda: psycopg.connect(dbname=name, **params),
    )
    with psycopg.connect(dbname="postgres", autocommit=True, **params) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def test_a_restored_backup_has_every_row_identical(seed, editor, tmp_path, restored_database):
    claim = seed["putin-glad"]
    services.update_claim(claim.pk, editor, claim.version, status=Claim.Status.IN_REVIEW)
    Evidence.objects.create(claim=claim, url="https://example.org/r", title="Report")
    backup = tmp_path / "factcheck.backup"

    call_command("backup", str(backup), stdout=StringIO())
    url, connect = restored_database
    call_command("restore", str(backup), f"--database-url={url}", stdout=StringIO())

    tables = claims_tables()
    assert {"claims_claim", "claims_claimrelation", "claims_evidence"} <= set(tables)
    assert "claims_historicalclaim" in tables
    with connection.cursor() as cursor:
        original = {table: rows(cursor, table) for table in tables}
    with closing(connect()) as restored:
        copy = {table: rows(restored.cursor(), table) for table in tables}
    assert copy == original
    assert len(original["claims_claim"]) == 15 and original["claims_evidence"]
    assert len(original["claims_historicalclaim"]) > 15  # the seed, then the review


def test_restore_refuses_a_database_that_is_not_empty(seed, tmp_path):
    backup = tmp_path / "factcheck.backup"
    call_command("backup", str(backup), stdout=StringIO())
    with pytest.raises(CommandError, match="empty"):
        call_command("restore", str(backup), stdout=StringIO())
    assert Claim.objects.count() == 15


@pytest.mark.parametrize("place", ["/no/such/dir/backup", "/"])
def test_backup_to_a_bad_place_is_a_one_line_error(db, place):
    with pytest.raises(CommandError):
        call_command("backup", place, stdout=StringIO())


def test_restore_refuses_a_file_that_is_not_a_backup(db, tmp_path):
    junk = tmp_path / "notes.txt"
    junk.write_text("not a backup")
    with pytest.raises(CommandError, match="not a backup"):
        call_command("restore", str(junk), "--database-url=sqlite:///x.sqlite3")
    with pytest.raises(CommandError, match="No such backup"):
        call_command("restore", str(tmp_path / "missing"))
