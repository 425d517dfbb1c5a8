"""Scale: indexes for the lists, full-text search, the count tally, the repeat word index.

Not atomic, so that on PostgreSQL the indexes on the claim table are built CONCURRENTLY
(writes go on meanwhile); SQLite builds them as usual. The search vector, the FTS5 table and
the tally are kept by triggers (SQL in claims/search.py and claims/counting.py).
"""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

from claims import counting, search
from claims.indexes import AddIndexConcurrentlyWhereSupported

TRIGRAM_INDEXES = [
    # Speaker filters and the search box test "name contains" (Django's icontains:
    # UPPER(name) LIKE UPPER(%s)); these serve them on PostgreSQL.
    ("speaker_name_trgm_idx", "claims_speaker", "name"),
    ("speaker_alias_name_trgm_idx", "claims_speakeralias", "name"),
    ("source_title_trgm_idx", "claims_source", "title"),
]
WORDS_CHUNK = 5000


def database_side(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    with schema_editor.connection.cursor() as cursor:
        if vendor == "postgresql":
            cursor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
            for name, table, column in TRIGRAM_INDEXES:
                cursor.execute(
                    f"CREATE INDEX CONCURRENTLY IF NOT EXISTS {name} ON {table} "
                    f"USING gin (UPPER({column}) gin_trgm_ops)"
                )
            statements = [*search.POSTGRESQL_SQL, search.POSTGRESQL_BACKFILL]
            statements += [search.POSTGRESQL_INDEX, *counting.POSTGRESQL_SQL]
        elif vendor == "sqlite":
            statements = [*search.SQLITE_SQL, *counting.SQLITE_SQL]
        else:
            statements = []
        for statement in statements:
            cursor.execute(statement)
        counting.rebuild_tally(cursor)


def undo_database_side(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    with schema_editor.connection.cursor() as cursor:
        if vendor == "postgresql":
            statements = [*counting.POSTGRESQL_REVERSE, *search.POSTGRESQL_REVERSE]
            statements += [f"DROP INDEX IF EXISTS {name}" for name, _, _ in TRIGRAM_INDEXES]
        elif vendor == "sqlite":
            statements = [*counting.SQLITE_REVERSE, *search.SQLITE_REVERSE]
        else:
            statements = []
        for statement in statements:
            cursor.execute(statement)


def list_words(apps, schema_editor):
    """Index the words of the claims already recorded, a chunk at a time."""
    from claims.duplicates import word_keys

    Claim = apps.get_model("claims", "Claim")
    ClaimWord = apps.get_model("claims", "ClaimWord")
    last = 0
    while True:
        chunk = list(
            Claim.objects.filter(pk__gt=last).order_by("pk").values_list("pk", "text")[:WORDS_CHUNK]
        )
        if not chunk:
            return
        ClaimWord.objects.bulk_create(
            [ClaimWord(claim_id=pk, word=key) for pk, text in chunk for key in word_keys(text)]
        )
        last = chunk[-1][0]


class Migration(migrations.Migration):
    atomic = False

    dependencies = [
        ("claims", "0004_roles_for_suggestions"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="ClaimTally",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("speaker_id", models.IntegerField()),
                ("status", models.CharField(max_length=12)),
                ("rating_id", models.IntegerField()),
                ("n", models.BigIntegerField(default=0)),
            ],
        ),
        migrations.CreateModel(
            name="ClaimWord",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("word", models.BigIntegerField()),
            ],
        ),
        AddIndexConcurrentlyWhereSupported(
            model_name="claim",
            index=models.Index(
                fields=["speaker", "status", "-updated_at", "-id"],
                name="claim_speaker_status_idx",
            ),
        ),
        AddIndexConcurrentlyWhereSupported(
            model_name="claim",
            index=models.Index(
                models.OrderBy(models.F("published_at"), descending=True, nulls_last=True),
                models.OrderBy(models.F("id"), descending=True),
                condition=models.Q(("status", "published")),
                name="claim_published_idx",
            ),
        ),
        AddIndexConcurrentlyWhereSupported(
            model_name="claim",
            index=models.Index(
                models.F("rating"),
                models.OrderBy(models.F("published_at"), descending=True, nulls_last=True),
                models.OrderBy(models.F("id"), descending=True),
                condition=models.Q(("status", "published")),
                name="claim_published_rating_idx",
            ),
        ),
        migrations.AddConstraint(
            model_name="claimtally",
            constraint=models.UniqueConstraint(
                fields=("speaker_id", "status", "rating_id"), name="claim_tally_unique"
            ),
        ),
        migrations.AddField(
            model_name="claimword",
            name="claim",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE, related_name="+", to="claims.claim"
            ),
        ),
        migrations.AddIndex(
            model_name="claimword",
            index=models.Index(fields=["word", "claim"], name="claim_word_idx"),
        ),
        migrations.RunPython(database_side, undo_database_side),
        migrations.RunPython(list_words, migrations.RunPython.noop),
    ]
