import hashlib
import json
from datetime import UTC

import django.utils.timezone
from django.db import migrations, models

GENESIS = "0" * 64


def chain_existing_rows(apps, schema_editor):
    """Rows written before the chain existed get their hashes in insert order (core.readlog.row_hash)."""
    ReadLogEntry = apps.get_model("core", "ReadLogEntry")
    previous = GENESIS
    batch = []
    for row in ReadLogEntry.objects.order_by("pk").iterator(chunk_size=2000):
        content = [
            previous,
            row.user_id,
            row.organisation_name,
            row.subject_type,
            row.subject_id,
            row.what,
            row.channel,
            row.path,
            row.read_at.astimezone(UTC).isoformat(),
        ]
        row.row_hash = previous = hashlib.sha256(json.dumps(content, ensure_ascii=False).encode()).hexdigest()
        batch.append(row)
        if len(batch) == 2000:
            ReadLogEntry.objects.bulk_update(batch, ["row_hash"])
            batch = []
    ReadLogEntry.objects.bulk_update(batch, ["row_hash"])


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0003_idempotency_key"),
    ]

    operations = [
        migrations.AlterField(
            model_name="readlogentry",
            name="read_at",
            field=models.DateTimeField(db_index=True, default=django.utils.timezone.now),
        ),
        migrations.AddField(
            model_name="readlogentry",
            name="row_hash",
            field=models.CharField(default="", editable=False, max_length=64),
            preserve_default=False,
        ),
        migrations.RunPython(chain_existing_rows, migrations.RunPython.noop),
    ]
