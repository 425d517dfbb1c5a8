"""Indexes for the lists' other orders: claims by claim date (each way) and by speaker;
articles newest first.

Not atomic, so that on PostgreSQL the indexes are built and dropped CONCURRENTLY (reads and
writes go on while a million-claim table is indexed); SQLite builds them as usual. The
claim-date index gains the id under a new name, and the old one is dropped only once the
new one is built, so date filters never go without an index meanwhile.
"""

from django.db import migrations, models

from claims.indexes import (
    AddIndexConcurrentlyWhereSupported,
    RemoveIndexConcurrentlyWhereSupported,
)


class Migration(migrations.Migration):
    atomic = False

    dependencies = [
        ("claims", "0008_merge_scale"),
    ]

    operations = [
        AddIndexConcurrentlyWhereSupported(
            model_name="claim",
            index=models.Index(fields=["claimed_on", "id"], name="claim_claimed_on_id_idx"),
        ),
        RemoveIndexConcurrentlyWhereSupported(model_name="claim", name="claim_claimed_on_idx"),
        AddIndexConcurrentlyWhereSupported(
            model_name="claim",
            index=models.Index(
                models.OrderBy(models.F("claimed_on"), descending=True, nulls_last=True),
                models.OrderBy(models.F("id"), descending=True),
                name="claim_claimed_on_desc_idx",
            ),
        ),
        AddIndexConcurrentlyWhereSupported(
            model_name="speaker",
            index=models.Index(fields=["name", "id"], name="speaker_name_idx"),
        ),
        AddIndexConcurrentlyWhereSupported(
            model_name="source",
            index=models.Index(fields=["-added_at", "-id"], name="source_added_idx"),
        ),
    ]
