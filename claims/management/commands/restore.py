import shutil
import sqlite3
import subprocess
from contextlib import closing
from pathlib import Path

import dj_database_url
from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from ._arguments import plain_text
from ._databases import PG_MAGIC, POSTGRES, SQLITE, SQLITE_MAGIC, Target


class Command(BaseCommand):
    help = (
        "Restore a backup made by `backup` into an EMPTY database: the configured one, or "
        "--database-url. It refuses a database that already has tables, so a restore can "
        "never mix old and new rows; create a fresh database first."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="A backup written by `manage.py backup`.")
        parser.add_argument(
            "--database-url",
            help="Restore into this database instead (postgres://… or sqlite:///path).",
        )

    def handle(self, *args, file, database_url, **options):
        backup = Path(plain_text("file", file))
        if not backup.is_file():
            raise CommandError(f"No such backup file: {backup}")
        if database_url:
            try:
                settings_dict = dj_database_url.parse(plain_text("--database-url", database_url))
            except ValueError as exc:
                raise CommandError(f"--database-url: {exc}") from exc
        else:
            settings_dict = connection.settings_dict
        target = Target.from_settings(settings_dict)
        with backup.open("rb") as handle:
            magic = handle.read(16)
        kind = POSTGRES if magic.startswith(PG_MAGIC) else SQLITE if magic == SQLITE_MAGIC else None
        if kind is None:
            raise CommandError(f"{backup} is not a backup made by `manage.py backup`.")
        if kind != target.engine:
            raise CommandError(f"{backup} is a {kind} backup; the target is {target.engine}.")
        try:
            tables = (
                target.table_count()
                if database_url
                else len(connection.introspection.table_names())
            )
        except Exception as exc:  # any failure to connect is reported, not a traceback
            raise CommandError(f"Cannot open the target database: {exc}") from exc
        if tables:
            raise CommandError(
                f"The target database has {tables} tables already; restore only into an "
                "empty one (create it first). Nothing was changed."
            )
        if kind == POSTGRES:
            self._pg_restore(target, backup)
        else:
            self._sqlite_restore(target, backup)
        self.stdout.write(f"Restored {backup} into {target.engine} database {target.name}.")

    def _pg_restore(self, target, backup):
        # One transaction: a failure part-way leaves the database empty, never half restored.
        command = ["pg_restore", "--no-owner", "--no-privileges", "--exit-on-error"]
        command += ["--single-transaction", f"--dbname={target.name}", str(backup)]
        if shutil.which("pg_restore") is None:
            raise CommandError("pg_restore is not installed (PostgreSQL client tools).")
        done = subprocess.run(  # noqa: S603 — fixed program, arguments not from a shell
            command, env=target.client_env(), capture_output=True, text=True, check=False
        )
        if done.returncode != 0:
            raise CommandError(f"pg_restore failed (nothing restored): {done.stderr.strip()}")

    def _sqlite_restore(self, target, backup):
        if target.name == ":memory:" or "mode=memory" in target.name:
            raise CommandError("Restore into an SQLite file, not an in-memory database.")
        try:
            with (
                closing(sqlite3.connect(backup)) as source,
                closing(sqlite3.connect(target.name)) as destination,
            ):
                source.backup(destination)
        except sqlite3.Error as exc:
            raise CommandError(f"Restore failed: {exc}") from exc
