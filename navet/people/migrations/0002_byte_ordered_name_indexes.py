"""On PostgreSQL, index the search keys in the "C" collation: a prefix LIKE on such an
index is a range scan, and the same index gives the page's sort order."""

from django.db import migrations

INDEXES = {
    "person_name_key_c": "name_key",
    "person_given_name_key_c": "given_name_key",
}


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, column in INDEXES.items():
        schema_editor.execute(
            f'CREATE INDEX {name} ON people_person (({column} COLLATE "C"), id)', params=None
        )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name in INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}", params=None)


class Migration(migrations.Migration):
    dependencies = [("people", "0001_initial")]
    operations = [migrations.RunPython(create, drop)]
