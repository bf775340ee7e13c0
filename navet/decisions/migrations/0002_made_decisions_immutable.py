"""On PostgreSQL, refuse UPDATE and DELETE of a made decision at the database level."""

from django.db import migrations

CREATE = """
CREATE OR REPLACE FUNCTION decisions_decision_made_is_final() RETURNS trigger AS $$
BEGIN
    IF OLD.state = 'made' THEN
        RAISE EXCEPTION 'decisions_decision: a made decision is final (% refused)', TG_OP;
    END IF;
    IF TG_OP = 'DELETE' THEN
        RETURN OLD;
    END IF;
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER decisions_decision_final
    BEFORE UPDATE OR DELETE ON decisions_decision
    FOR EACH ROW EXECUTE FUNCTION decisions_decision_made_is_final();
"""

DROP = """
DROP TRIGGER IF EXISTS decisions_decision_final ON decisions_decision;
DROP FUNCTION IF EXISTS decisions_decision_made_is_final();
"""


def create_trigger(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE, params=None)


def drop_trigger(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP, params=None)


class Migration(migrations.Migration):
    dependencies = [("decisions", "0001_initial")]
    operations = [migrations.RunPython(create_trigger, drop_trigger)]
