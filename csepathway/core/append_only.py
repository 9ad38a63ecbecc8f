"""A migration operation that makes PostgreSQL itself refuse UPDATE and DELETE on a table, so not
even a direct SQL session can quietly rewrite what it holds (the audit trail, the disclosure log,
disposal certificates). SQLite deployments rely on the model and queryset guards. TRUNCATE is left
alone so the test suite can reset between tests."""

from django.db import migrations


def refuse_update_and_delete(*, table: str, name: str, what: str) -> migrations.RunPython:
    """`name` prefixes the trigger function and trigger; `what` starts the error, e.g. "audit events"."""
    forward_sql = f"""
CREATE OR REPLACE FUNCTION {name}_refuse_change() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION '{what} are append-only: % refused', TG_OP;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER {name}_append_only
BEFORE UPDATE OR DELETE ON {table}
FOR EACH ROW EXECUTE FUNCTION {name}_refuse_change();
"""  # noqa: S608 - names fixed in our own migrations, never user input
    backward_sql = f"""
DROP TRIGGER IF EXISTS {name}_append_only ON {table};
DROP FUNCTION IF EXISTS {name}_refuse_change();
"""

    def forward(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            # params=None: the SQL is sent as it is. With the default params=() psycopg would read
            # the "%" in RAISE's format string as a query placeholder and refuse the migration.
            schema_editor.execute(forward_sql, params=None)

    def backward(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(backward_sql, params=None)

    return migrations.RunPython(forward, backward, elidable=False)
