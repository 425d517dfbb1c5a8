"""An index of each speaker's claims in id order, for the list's speaker A–Z and Z–A
(pagination._ids_by): a page reads at most a page's worth of each speaker's claims.

Not atomic, so that PostgreSQL builds it CONCURRENTLY (0009 explains); SQLite as usual.
"""

from django.db import migrations, models

from claims.indexes import AddIndexConcurrentlyWhereSupported


class Migration(migrations.Migration):
    atomic = False

    dependencies = [
        ("claims", "0010_public_edition"),
    ]

    operations = [
        AddIndexConcurrentlyWhereSupported(
            model_name="claim",
            index=models.Index(fields=["speaker", "id"], name="claim_speaker_id_idx"),
        ),
    ]
