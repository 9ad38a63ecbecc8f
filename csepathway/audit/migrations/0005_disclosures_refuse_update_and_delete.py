"""On PostgreSQL the database refuses UPDATE and DELETE on the disclosure log, as it does on audit
events (0002): an entry, once written, says what left the council for good. SQLite deployments rely
on the model and queryset guards. TRUNCATE is left alone so the test suite can reset between tests."""

from django.db import migrations

FORWARD = """
CREATE OR REPLACE FUNCTION audit_disclosure_refuse_change() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'disclosure log entries are append-only: % refused', TG_OP;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER audit_disclosure_append_only
BEFORE UPDATE OR DELETE ON audit_disclosure
FOR EACH ROW EXECUTE FUNCTION audit_disclosure_refuse_change();
"""

BACKWARD = """
DROP TRIGGER IF EXISTS audit_disclosure_append_only ON audit_disclosure;
DROP FUNCTION IF EXISTS audit_disclosure_refuse_change();
"""


def forward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        # params=None: sent as it is, so psycopg does not read RAISE's "%" as a placeholder.
        schema_editor.execute(FORWARD, params=None)


def backward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(BACKWARD, params=None)


class Migration(migrations.Migration):
    dependencies = [("audit", "0004_access_alerts_and_disclosures")]

    operations = [migrations.RunPython(forward, backward, elidable=False)]
