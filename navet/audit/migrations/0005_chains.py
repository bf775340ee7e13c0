"""The audit trail becomes CHAINS (16) hash chains side by side (ADR 0007).

The rows that exist become chain 0, unchanged (a row's hash does not cover its chain), and
the one chain head becomes chain 0's head. Every other chain gets its head at the start.
On PostgreSQL the ids now come from the table's sequence, which the old appends never
moved: it continues after the largest id."""

from django.db import migrations, models

CHAINS = 16  # navet.audit.chain.CHAINS when this migration was written
GENESIS_HASH = "0" * 64
OLD_SINGLETON = 1


def to_chains(apps, schema_editor):
    AuditHead = apps.get_model("audit", "AuditHead")
    old = AuditHead.objects.filter(chain=OLD_SINGLETON).first()
    if old is not None:
        # The old primary key 1 was the singleton, not chain 1.
        last_id, last_hash = old.last_id, old.last_hash
        old.delete()
        AuditHead.objects.create(chain=0, last_id=last_id, last_hash=last_hash)
    AuditHead.objects.bulk_create(
        [AuditHead(chain=n, last_id=0, last_hash=GENESIS_HASH) for n in range(CHAINS)],
        ignore_conflicts=True,
    )
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            "SELECT setval(pg_get_serial_sequence('audit_auditevent', 'id'), "
            "COALESCE(MAX(id), 1), MAX(id) IS NOT NULL) FROM audit_auditevent",
            params=None,
        )


def to_one_chain(apps, schema_editor):
    AuditEvent = apps.get_model("audit", "AuditEvent")
    AuditHead = apps.get_model("audit", "AuditHead")
    if AuditEvent.objects.exclude(chain=0).exists():
        raise RuntimeError("Rows in chains other than 0 cannot go back to one chain.")
    head = AuditHead.objects.filter(chain=0).first()
    AuditHead.objects.all().delete()
    if head is not None and head.last_id:
        AuditHead.objects.create(
            chain=OLD_SINGLETON, last_id=head.last_id, last_hash=head.last_hash
        )


class Migration(migrations.Migration):
    dependencies = [("audit", "0004_chain_head")]

    operations = [
        migrations.AddField(
            model_name="auditevent",
            name="chain",
            field=models.PositiveSmallIntegerField(default=0),
        ),
        migrations.AddIndex(
            model_name="auditevent",
            index=models.Index(fields=["chain", "id"], name="audit_chain_order"),
        ),
        migrations.RenameField(model_name="audithead", old_name="id", new_name="chain"),
        migrations.AlterField(
            model_name="audithead",
            name="chain",
            field=models.PositiveSmallIntegerField(primary_key=True, serialize=False),
        ),
        migrations.RunPython(to_chains, to_one_chain),
    ]
