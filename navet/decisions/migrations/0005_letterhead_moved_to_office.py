"""The letterhead (postal address and phone) moves from the office's decision settings to
the office itself (core/0005), so every app's letters read it from `core.Office`."""

from django.db import migrations


def copy_to_office(apps, schema_editor):
    DecisionSettings = apps.get_model("decisions", "DecisionSettings")
    Office = apps.get_model("core", "Office")
    for settings in DecisionSettings.objects.all():
        Office.objects.filter(pk=settings.office_id).update(
            postal_address=settings.address, phone=settings.phone
        )


def copy_back(apps, schema_editor):
    DecisionSettings = apps.get_model("decisions", "DecisionSettings")
    Office = apps.get_model("core", "Office")
    for settings in DecisionSettings.objects.all():
        office = Office.objects.get(pk=settings.office_id)
        DecisionSettings.objects.filter(pk=settings.pk).update(
            address=office.postal_address, phone=office.phone
        )


class Migration(migrations.Migration):
    dependencies = [
        ("decisions", "0004_decision_reference"),
        ("core", "0005_office_letterhead"),
    ]

    operations = [
        migrations.RunPython(copy_to_office, copy_back),
        migrations.RemoveField(model_name="decisionsettings", name="address"),
        migrations.RemoveField(model_name="decisionsettings", name="phone"),
    ]
