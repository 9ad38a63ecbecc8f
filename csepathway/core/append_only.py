"""Migration operations that make PostgreSQL itself keep append-only tables (AppendOnlyModel in
core/models.py) append-only, so not even a direct SQL session can quietly rewrite what they hold.
SQLite deployments rely on the model and queryset guards. Why and how: docs/adr/0031 and
docs/DATABASE_ROLES.md.

A new append-only table takes `append_only()` in the migration after the one that creates it. Two
older pieces remain because migrations already applied call them: `refuse_update_and_delete()`
(the row trigger alone) and `refuse_truncate()` (added to the tables that had only that).

Triggers bind the table's owner too, but the owner can drop them: that is why the service connects
as a role that owns nothing (docs/DATABASE_ROLES.md)."""

from django.db import migrations

# Django's flush empties every table with one TRUNCATE. The test suite's database backend
# (config/test_postgresql) sets this, for its flush transaction only, so that the table owner's
# deliberate flush passes the TRUNCATE trigger; nothing else sets it.
ALLOW_TRUNCATE = "csepathway.allow_truncate"


def _row_trigger(*, table: str, name: str, what: str, events: str) -> tuple[str, str]:
    forward = f"""
CREATE OR REPLACE FUNCTION {name}_refuse_change() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION '{what} are append-only: % refused', TG_OP;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER {name}_append_only
BEFORE {events} ON {table}
FOR EACH ROW EXECUTE FUNCTION {name}_refuse_change();
"""
    backward = f"""
DROP TRIGGER IF EXISTS {name}_append_only ON {table};
DROP FUNCTION IF EXISTS {name}_refuse_change();
"""
    return forward, backward


def _deleted_only_with(*, table: str, name: str, what: str, parent_table: str, column: str) -> tuple[str, str]:
    # Disposal deletes a child's rows before the child itself, so the check waits for commit (a
    # deferred constraint trigger), when the row this one belongs to must be gone too. The parent
    # table is named with the trigger's own schema: a temporary table of that name, which would
    # come first on the search path, cannot stand in for it.
    forward = f"""
CREATE OR REPLACE FUNCTION {name}_refuse_delete_alone() RETURNS trigger AS $$
DECLARE
    parent_remains boolean;
BEGIN
    EXECUTE format('SELECT EXISTS (SELECT 1 FROM %I.%I WHERE id = $1)', TG_TABLE_SCHEMA, '{parent_table}')
        INTO parent_remains USING OLD.{column};
    IF parent_remains THEN
        RAISE EXCEPTION '{what} are append-only: DELETE refused unless the {parent_table} row they belong to goes too';
    END IF;
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;

CREATE CONSTRAINT TRIGGER {name}_deleted_with_parent
AFTER DELETE ON {table}
DEFERRABLE INITIALLY DEFERRED
FOR EACH ROW EXECUTE FUNCTION {name}_refuse_delete_alone();
"""  # noqa: S608 - names fixed in our own migrations, never user input
    backward = f"""
DROP TRIGGER IF EXISTS {name}_deleted_with_parent ON {table};
DROP FUNCTION IF EXISTS {name}_refuse_delete_alone();
"""
    return forward, backward


def _truncate_trigger(*, table: str, name: str, what: str) -> tuple[str, str]:
    # TRUNCATE fires no row triggers, so it needs its own. It lets through only a session that both
    # says it means it and could act as the table's owner: the flush of the test suite. The runtime
    # role owns nothing, so it is refused even if someone grants it TRUNCATE by mistake.
    forward = f"""
CREATE OR REPLACE FUNCTION {name}_refuse_truncate() RETURNS trigger AS $$
BEGIN
    IF pg_catalog.current_setting('{ALLOW_TRUNCATE}', true) = 'on' AND pg_catalog.pg_has_role(
            current_user, (SELECT relowner FROM pg_catalog.pg_class WHERE oid = TG_RELID), 'MEMBER') THEN
        RETURN NULL;
    END IF;
    RAISE EXCEPTION '{what} are append-only: TRUNCATE refused';
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER {name}_no_truncate
BEFORE TRUNCATE ON {table}
FOR EACH STATEMENT EXECUTE FUNCTION {name}_refuse_truncate();
"""  # noqa: S608 - names fixed in our own migrations, never user input
    backward = f"""
DROP TRIGGER IF EXISTS {name}_no_truncate ON {table};
DROP FUNCTION IF EXISTS {name}_refuse_truncate();
"""
    return forward, backward


def _on_postgresql(parts: list[tuple[str, str]]) -> migrations.RunPython:
    forward_sql = "".join(forward for forward, _ in parts)
    backward_sql = "".join(backward for _, backward in reversed(parts))

    def forward(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            # params=None: the SQL is sent as it is. With the default params=() psycopg would read
            # the "%" in RAISE's and format()'s strings as query placeholders and refuse the migration.
            schema_editor.execute(forward_sql, params=None)

    def backward(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(backward_sql, params=None)

    return migrations.RunPython(forward, backward, elidable=False)


def append_only(*, table: str, name: str, what: str,
                deleted_only_with: tuple[str, str] | None = None) -> migrations.RunPython:
    """Refuse UPDATE and DELETE on each row and TRUNCATE on the table. `name` prefixes the trigger
    functions and triggers; `what` starts the errors, e.g. "case notes".

    `deleted_only_with=(parent_table, column)` is for rows that go when a child's record is disposed
    of (retention/disposal.py): DELETE is then refused at commit unless the parent row that `column`
    points at (by its `id`) has been deleted in the same transaction."""
    if deleted_only_with is None:
        return _on_postgresql([_row_trigger(table=table, name=name, what=what, events="UPDATE OR DELETE"),
                               _truncate_trigger(table=table, name=name, what=what)])
    parent_table, column = deleted_only_with
    return _on_postgresql([
        _row_trigger(table=table, name=name, what=what, events="UPDATE"),
        _deleted_only_with(table=table, name=name, what=what, parent_table=parent_table, column=column),
        _truncate_trigger(table=table, name=name, what=what),
    ])


def refuse_update_and_delete(*, table: str, name: str, what: str) -> migrations.RunPython:
    """The row trigger alone, as the first append-only tables' migrations installed it."""
    return _on_postgresql([_row_trigger(table=table, name=name, what=what, events="UPDATE OR DELETE")])


def refuse_truncate(*, table: str, name: str, what: str) -> migrations.RunPython:
    """The TRUNCATE trigger alone, for a table whose row trigger an earlier migration installed."""
    return _on_postgresql([_truncate_trigger(table=table, name=name, what=what)])
