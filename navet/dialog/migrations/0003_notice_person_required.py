import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    """In a migration of its own: PostgreSQL alters no table with the rows the one before
    updated still pending their foreign-key checks."""

    dependencies = [("dialog", "0002_notices_for_meetings")]

    operations = [
        migrations.AlterField(
            model_name='notification',
            name='person',
            field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='people.person'),
        ),
        migrations.AddIndex(
            model_name='notification',
            index=models.Index(condition=models.Q(('source', ''), _negated=True), fields=['source'], name='notification_source'),
        ),
        migrations.AddConstraint(
            model_name='notification',
            constraint=models.CheckConstraint(condition=models.Q(models.Q(('kind', 'message'), ('message__isnull', False)), models.Q(('about_at__isnull', False), ('kind', 'meeting'), ('message__isnull', True), models.Q(('source', ''), _negated=True)), _connector='OR'), name='notification_has_its_subject'),
        ),
    ]
