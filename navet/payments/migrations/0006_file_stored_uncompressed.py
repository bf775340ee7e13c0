"""The bank file is kept as it is, without PostgreSQL's own compression (pglz took some
four seconds for a national run's 90 MB file on every store). SQLite does not compress."""

from django.db import migrations


def store_uncompressed(apps, schema_editor):  # type: ignore[no-untyped-def]
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            "ALTER TABLE payments_paymentrun ALTER COLUMN file SET STORAGE EXTERNAL"
        )


class Migration(migrations.Migration):
    dependencies = [("payments", "0005_payment_by_hand")]
    operations = [migrations.RunPython(store_uncompressed, migrations.RunPython.noop)]
