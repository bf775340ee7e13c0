"""Applications get a human reference: office number, year received and a running number
(navet.core.sequences). Existing applications are numbered per office and year in the order
they were received, and each office's counter is set to the last number used.

Imports no app code: the format is written out here as it was when this ran."""

from django.db import migrations, models
from django.utils import timezone

BATCH = 1000


def number_applications(apps, schema_editor):
    db = schema_editor.connection.alias
    Application = apps.get_model("applications", "Application")
    Office = apps.get_model("core", "Office")
    OfficeSequence = apps.get_model("core", "OfficeSequence")
    office_numbers = dict(Office.objects.using(db).values_list("pk", "number"))
    rows = list(
        Application.objects.using(db)
        .order_by("received_at", "created_at", "pk")
        .values_list("pk", "office_id", "received_at")
    )
    last: dict[tuple[int, int], int] = {}
    batch = []
    for pk, office_id, received_at in rows:
        year = timezone.localtime(received_at).year
        number = last[office_id, year] = last.get((office_id, year), 0) + 1
        reference = f"{office_numbers[office_id]}-{year:04d}-{number:06d}"
        batch.append(Application(pk=pk, reference=reference))
        if len(batch) == BATCH:
            Application.objects.using(db).bulk_update(batch, ["reference"])
            batch = []
    Application.objects.using(db).bulk_update(batch, ["reference"])
    for (office_id, year), number in last.items():
        OfficeSequence.objects.using(db).update_or_create(
            office_id=office_id, year=year, kind="application", defaults={"last_number": number}
        )


def forget_application_numbers(apps, schema_editor):
    OfficeSequence = apps.get_model("core", "OfficeSequence")
    OfficeSequence.objects.using(schema_editor.connection.alias).filter(
        kind="application"
    ).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("applications", "0001_initial"),
        ("core", "0004_office_sequences"),
    ]

    operations = [
        migrations.AddField(
            model_name="application",
            name="reference",
            field=models.CharField(
                editable=False, max_length=20, null=True, verbose_name="referanse"
            ),
        ),
        migrations.RunPython(number_applications, forget_application_numbers),
        migrations.AlterField(
            model_name="application",
            name="reference",
            field=models.CharField(
                editable=False, max_length=20, unique=True, verbose_name="referanse"
            ),
        ),
        migrations.AddConstraint(
            model_name="application",
            constraint=models.CheckConstraint(
                condition=models.Q(("reference__regex", "^[0-9]{4}-[0-9]{4}-[0-9]{6,}$")),
                name="application_reference_format",
            ),
        ),
    ]
