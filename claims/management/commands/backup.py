import os
import sqlite3
import subprocess
import tempfile
from contextlib import closing
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from ._arguments import plain_text
from ._databases import POSTGRES, SQLITE, Target


class Command(BaseCommand):
    help = (
        "Back up the whole database to FILE while the site runs: pg_dump (custom format) on "
        "PostgreSQL, SQLite's online backup API on SQLite. Restore with `restore`."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="Where to write the backup (an existing directory).")

    def handle(self, *args, file, **options):
        output = Path(plain_text("file", file))
        if not output.parent.is_dir():
            raise CommandError(f"No such directory: {output.parent}")
        if output.is_dir():
            raise CommandError(f"{output} is a directory; give a file name.")
        target = Target.from_settings(connection.settings_dict)
        # Written beside the target and renamed when complete: an interrupted backup never
        # replaces a good one with half a file.
        handle, partial = tempfile.mkstemp(dir=output.parent, prefix=".backup-")
        os.close(handle)
        try:
            if target.engine == POSTGRES:
                self._pg_dump(target, partial)
            elif target.engine == SQLITE:
                self._sqlite_backup(partial)
            else:
                raise CommandError(f"Backups of {target.engine} databases are not supported.")
            os.replace(partial, output)
        except OSError as exc:
            raise CommandError(f"Cannot write {output}: {exc.strerror}") from exc
        finally:
            if os.path.exists(partial):
                os.unlink(partial)
        size = output.stat().st_size
        self.stdout.write(f"Backed up {target.engine} database to {output} ({size:,} bytes).")

    def _pg_dump(self, target, path):
        # One consistent snapshot (pg_dump runs in a single repeatable-read transaction);
        # without owners or grants, so it restores into a database owned by anyone.
        command = ["pg_dump", "--format=custom", "--no-owner", "--no-privileges"]
        command += [f"--file={path}", target.name]
        try:
            done = subprocess.run(  # noqa: S603 — fixed program, arguments not from a shell
                command, env=target.client_env(), capture_output=True, text=True, check=False
            )
        except FileNotFoundError as exc:
            raise CommandError("pg_dump is not installed (PostgreSQL client tools).") from exc
        if done.returncode != 0:
            raise CommandError(f"pg_dump failed: {done.stderr.strip()}")

    def _sqlite_backup(self, path):
        # The online backup API copies a consistent image while others keep writing.
        connection.ensure_connection()
        with closing(sqlite3.connect(path)) as destination:
            connection.connection.backup(destination)
