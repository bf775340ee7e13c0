"""The national list of life areas for a mapping (Navet's own wording, after the areas
recommended in shared/reference/citizen.md § 4.2; no licensed scale). An office may add
its own and hide national ones."""

from django.db import migrations

AREAS = [
    ("okonomi", "Økonomi og gjeld", "Økonomi og gjeld", "Money and debt"),
    ("bolig", "Bolig og bosituasjon", "Bustad og busituasjon", "Housing"),
    ("arbeid", "Arbeid, utdanning og kompetanse", "Arbeid, utdanning og kompetanse", "Work, education and skills"),
    ("fysisk_helse", "Fysisk helse", "Fysisk helse", "Physical health"),
    ("psykisk_helse", "Psykisk helse", "Psykisk helse", "Mental health"),
    ("rus", "Rus", "Rus", "Alcohol and drugs"),
    ("familie", "Familie, barn og omsorgsansvar", "Familie, born og omsorgsansvar", "Family, children and caring"),
    ("nettverk", "Nettverk og relasjoner", "Nettverk og relasjonar", "Network and relationships"),
    ("hverdag", "Hverdagsmestring", "Kvardagsmeistring", "Managing everyday life"),
    ("fritid", "Fritid og meningsfull aktivitet", "Fritid og meiningsfull aktivitet", "Leisure and meaningful activity"),
    ("sprak", "Språk og norskferdigheter", "Språk og norskdugleik", "Language and Norwegian skills"),
    ("juridisk", "Juridiske forhold", "Juridiske forhold", "Legal matters"),
]


def add_areas(apps, schema_editor):
    LifeArea = apps.get_model("followup", "LifeArea")
    for order, (key, nb, nn, en) in enumerate(AREAS, start=1):
        LifeArea.objects.update_or_create(
            key=key,
            office=None,
            defaults={"name_nb": nb, "name_nn": nn, "name_en": en, "order": order * 10},
        )


def remove_areas(apps, schema_editor):
    apps.get_model("followup", "LifeArea").objects.filter(office=None).delete()


class Migration(migrations.Migration):
    dependencies = [("followup", "0004_mapping")]
    operations = [migrations.RunPython(add_areas, remove_areas)]
