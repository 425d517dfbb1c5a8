"""What the backup and restore commands need to know about a database: its engine, how to
reach it with the PostgreSQL client tools, and whether it is empty."""

import os
import sqlite3
from contextlib import closing
from dataclasses import dataclass

import psycopg

POSTGRES = "postgresql"
SQLITE = "sqlite"
PG_MAGIC = b"PGDMP"  # the first bytes of a pg_dump custom-format archive
SQLITE_MAGIC = b"SQLite format 3\x00"


@dataclass
class Target:
    engine: str  # POSTGRES or SQLITE
    settings: dict  # a Django DATABASES entry

    @classmethod
    def from_settings(cls, settings_dict):
        vendor = settings_dict["ENGINE"].rsplit(".", 1)[-1]
        engine = POSTGRES if vendor.startswith("postgres") else vendor.rstrip("3")
        return cls(engine, settings_dict)

    @property
    def name(self):
        return str(self.settings["NAME"])

    def client_env(self):
        """Environment for pg_dump/pg_restore: the password never goes on a command line,
        where other users of the machine could read it."""
        env = {**os.environ}
        for key, variable in [
            ("HOST", "PGHOST"),
            ("PORT", "PGPORT"),
            ("USER", "PGUSER"),
            ("PASSWORD", "PGPASSWORD"),
        ]:
            if self.settings.get(key):
                env[variable] = str(self.settings[key])
        return env

    def table_count(self):
        """How many tables the database holds (0 for an SQLite file not yet made)."""
        if self.engine == SQLITE:
            if self.name == ":memory:" or not os.path.exists(self.name):
                return 0
            with closing(sqlite3.connect(self.name)) as db:
                query = "SELECT count(*) FROM sqlite_master WHERE type='table'"
                return db.execute(query).fetchone()[0]
        with psycopg.connect(dbname=self.name, **self._pg_params()) as db:
            query = "SELECT count(*) FROM information_schema.tables WHERE table_schema='public'"
            return db.execute(query).fetchone()[0]

    def _pg_params(self):
        params = {
            "host": self.settings.get("HOST") or None,
            "port": self.settings.get("PORT") or None,
            "user": self.settings.get("USER") or None,
            "password": self.settings.get("PASSWORD") or None,
            "connect_timeout": 10,
        }
        return {key: value for key, value in params.items() if value}
