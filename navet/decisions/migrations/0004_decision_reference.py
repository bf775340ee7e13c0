"""Decisions get a human reference: the application's office number, the year the decision
was started and a running number after a V (navet.core.sequences). Existing decisions are
numbered per office and year in the order they were created, and each office's counter is
set to the last number used.

On PostgreSQL a made decision refuses every UPDATE (0002_made_decisions_immutable). The
trigger is disabled for the numbering and enabled again in the same transaction, so no
other change can pass while it is off, and a failure rolls back both.

Imports no app code: the format is written out here as it was when this ran."""

from django.db import migrations, models
from django.utils import timezone

BATCH = 1000
TRIGGER = "decisions_decision_final"


def number_decisions(apps, schema_editor):
    db = schema_editor.connection.alias
    Decision = apps.get_model("decisions", "Decision")
    Office = apps.get_model("core", "Office")
    OfficeSequence = apps.get_model("core", "OfficeSequence")
    office_numbers = dict(Office.objects.using(db).values_list("pk", "number"))
    rows = list(
        Decision.objects.using(db)
        .order_by("created_at", "pk")
        .values_list("pk", "case__application__office_id", "created_at")
    )
    postgresql = schema_editor.connection.vendor == "postgresql"
    table = schema_editor.quote_name(Decision._meta.db_table)
    if postgresql:
        schema_editor.execute(f"ALTER TABLE {table} DISABLE TRIGGER {TRIGGER}", params=None)
    last: dict[tuple[int, int], int] = {}
    batch = []
    for pk, office_id, created_at in rows:
        year = timezone.localtime(created_at).year
        number = last[office_id, year] = last.get((office_id, year), 0) + 1
        reference = f"{office_numbers[office_id]}-{year:04d}-V{number:05d}"
        batch.append(Decision(pk=pk, reference=reference))
        if len(batch) == BATCH:
            Decision.objects.using(db).bulk_update(batch, ["reference"])
            batch = []
    Decision.objects.using(db).bulk_update(batch, ["reference"])
    if postgresql:
        schema_editor.execute(f"ALTER TABLE {table} ENABLE TRIGGER {TRIGGER}", params=None)
    for (office_id, year), number in last.items():
        OfficeSequence.objects.using(db).update_or_create(
            office_id=office_id, year=year, kind="decision", defaults={"last_number": number}
        )


def forget_decision_numbers(apps, schema_editor):
    OfficeSequence = apps.get_model("core", "OfficeSequence")
    OfficeSequence.objects.using(schema_editor.connection.alias).filter(kind="decision").delete()


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0004_office_sequences"),
        ("decisions", "0003_decision_return"),
    ]

    operations = [
        migrations.AddField(
            model_name="decision",
            name="reference",
            field=models.CharField(
                editable=False, max_length=20, null=True, verbose_name="referanse"
            ),
        ),
        migrations.RunPython(number_decisions, forget_decision_numbers),
        migrations.AlterField(
            model_name="decision",
            name="reference",
            field=models.CharField(
                editable=False, max_length=20, unique=True, verbose_name="referanse"
            ),
        ),
        migrations.AddConstraint(
            model_name="decision",
            constraint=models.CheckConstraint(
                condition=models.Q(("reference__regex", "^[0-9]{4}-[0-9]{4}-V[0-9]{5,}$")),
                name="decision_reference_format",
            ),
        ),
    ]
