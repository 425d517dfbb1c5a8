"""Indexes for the lists' other orders: claims by claim date (each way) and by speaker;
articles newest first.

Not atomic, so that on PostgreSQL the indexes are built CONCURRENTLY (writes go on while a
million-claim table is indexed); SQLite builds them as usual.
"""

from django.db import migrations, models

from claims.indexes import AddIndexConcurrentlyWhereSupported


class Migration(migrations.Migration):
    atomic = False

    dependencies = [
        ("claims", "0008_merge_scale"),
    ]

    operations = [
        migrations.RemoveIndex(model_name="claim", name="claim_claimed_on_idx"),
        AddIndexConcurrentlyWhereSupported(
            model_name="claim",
            index=models.Index(fields=["claimed_on", "id"], name="claim_claimed_on_idx"),
        ),
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
