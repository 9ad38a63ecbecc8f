"""The runtime role of docs/DATABASE_ROLES.md, made with that page's own SQL: it can add rows to
every append-only table but cannot change, delete or empty one, and cannot switch off, drop or
rewrite the triggers that say so (docs/adr/0031).

Each test makes a throwaway runtime role inside its own transaction and acts as it with SET ROLE on
the test connection. The rollback at the end of the test drops the role and every grant, so nothing
is left in the cluster whatever happens. SET ROLE stands in for logging in as the role: privileges,
ownership and superuser checks all go by the current role."""

import contextlib
import re
import uuid
from pathlib import Path

import pytest
from django.db import DatabaseError, connection, transaction

from csepathway.children.models import Child
from csepathway.core.append_only import ALLOW_TRUNCATE

from .append_only_rows import add_row, append_only_models, make_parents

ROLES_DOC = Path(__file__).resolve().parent.parent / "docs" / "DATABASE_ROLES.md"
MODELS = append_only_models()

pytestmark = [
    pytest.mark.postgres_only,
    pytest.mark.skipif(connection.vendor != "postgresql",
                       reason="roles and triggers are PostgreSQL's; SQLite has neither"),
    pytest.mark.django_db,
]


def label(model) -> str:
    return model._meta.label


def quoted(name: str) -> str:
    return connection.ops.quote_name(name)


def documented_sql() -> dict[str, list[str]]:
    """{block number: its statements} from the page's numbered ```sql blocks, comments left out."""
    blocks = re.findall(r"\*\*(\d)\. [^\n]*\n.*?```sql\n(.*?)```", ROLES_DOC.read_text(), re.DOTALL)
    statements = {}
    for number, sql in blocks:
        lines = (line for line in sql.splitlines() if not line.strip().startswith("--"))
        statements[number] = [" ".join(part.split()) for part in " ".join(lines).split(";") if part.strip()]
    return statements


def for_this_database(statement: str, *, runtime: str, owner: str) -> str:
    """The page names the roles csepathway_app and csepathway_owner and the database csepathway."""
    statement = re.sub(r"\bcsepathway_app\b", quoted(runtime), statement)
    statement = re.sub(r"\bcsepathway_owner\b", quoted(owner), statement)
    return re.sub(r"\bDATABASE csepathway\b", f"DATABASE {quoted(connection.settings_dict['NAME'])}", statement)


def execute(sql: str, params=()):
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall() if cursor.description else None


@pytest.fixture
def runtime_role(db) -> str:
    """Block 1's runtime role, then blocks 2 and 3, as the page gives them; the test session (the
    superuser that migrated the test database, so the tables' owner) plays csepathway_owner."""
    name = f"csepathway_app_test_{uuid.uuid4().hex[:12]}"
    [[owner]] = execute("SELECT current_user")
    sql = documented_sql()
    [create_role] = [statement for statement in sql["1"] if statement.startswith("CREATE ROLE csepathway_app ")]
    for statement in [create_role, *sql["2"], *sql["3"]]:
        execute(for_this_database(statement, runtime=name, owner=owner))
    return name


@contextlib.contextmanager
def acting_as(role: str):
    execute(f"SET ROLE {quoted(role)}")
    try:
        yield
    finally:
        execute("RESET ROLE")


def refused(sql: str, params=(), *, match: str):
    # A savepoint per attempt keeps the test's transaction, and the SET ROLE before it, usable.
    # Deferred checks (a case note's DELETE) are made at once instead of at a commit that never comes.
    with pytest.raises(DatabaseError, match=match), transaction.atomic():
        execute("SET CONSTRAINTS ALL IMMEDIATE")
        execute(sql, params)


@pytest.fixture
def parents(db):
    return make_parents()


def test_the_page_gives_the_sql_these_tests_run():
    sql = documented_sql()
    assert set(sql) == {"1", "2", "3"}
    assert any("ALTER DEFAULT PRIVILEGES" in statement for statement in sql["3"])
    assert not any("TRUNCATE" in statement for statement in sql["3"])


def test_the_runtime_role_adds_rows_to_every_append_only_table(runtime_role, parents):
    with acting_as(runtime_role):
        [[current]] = execute("SELECT current_user")
        rows = [add_row(model, parents) for model in MODELS]
    assert current == runtime_role
    assert all(type(row).objects.filter(pk=row.pk).exists() for row in rows)


def test_the_runtime_role_changes_and_deletes_ordinary_rows(runtime_role, parents):
    with acting_as(runtime_role):
        Child.objects.filter(pk=parents.child.pk).update(first_name="Renamed")
        execute("DELETE FROM children_childrestriction WHERE id = %s", [parents.restriction.pk])
    assert Child.objects.get(pk=parents.child.pk).first_name == "Renamed"


@pytest.mark.parametrize("model", MODELS, ids=label)
def test_the_runtime_role_cannot_change_delete_or_empty_an_append_only_table(runtime_role, parents, model):
    row = add_row(model, parents)
    table, key = quoted(model._meta.db_table), quoted(model._meta.pk.column)
    with acting_as(runtime_role):
        # It holds UPDATE and DELETE, so these are the triggers refusing; TRUNCATE it was never granted.
        refused(f"UPDATE {table} SET {key} = {key} WHERE {key} = %s", [row.pk],  # noqa: S608
                match="append-only: UPDATE refused")
        refused(f"DELETE FROM {table} WHERE {key} = %s", [row.pk], match="append-only: DELETE refused")  # noqa: S608
        refused(f"TRUNCATE {table} CASCADE", match="permission denied")
    assert model.objects.filter(pk=row.pk).exists()


def test_granted_truncate_by_mistake_and_saying_it_means_it_the_runtime_role_still_cannot_empty_a_table(
        runtime_role, parents):
    tables = [quoted(model._meta.db_table) for model in MODELS]
    # TRUNCATE ... CASCADE also empties the tables that point at these (a note's addressees), so the
    # mistaken grant covers them too: the append-only trigger must still be what refuses.
    pointing = {quoted(relation.related_model._meta.db_table) for model in MODELS
                for relation in model._meta.related_objects if not relation.many_to_many}
    for model in MODELS:
        add_row(model, parents)
    execute(f"GRANT TRUNCATE ON {', '.join(sorted({*tables, *pointing}))} TO {quoted(runtime_role)}")
    with acting_as(runtime_role):
        for table in tables:
            with pytest.raises(DatabaseError, match="append-only: TRUNCATE refused"), transaction.atomic():
                execute("SET CONSTRAINTS ALL IMMEDIATE")
                execute(f"SET LOCAL {ALLOW_TRUNCATE} = 'on'")
                execute(f"TRUNCATE {table} CASCADE")
    assert all(model.objects.exists() for model in MODELS)


def _triggers(model) -> list[tuple[str, str]]:
    """(trigger name, its function) of every trigger we put on the model's table."""
    return execute("SELECT tgname, tgfoid::regproc::text FROM pg_trigger WHERE tgrelid = %s::regclass "
                   "AND NOT tgisinternal ORDER BY tgname", [model._meta.db_table])


@pytest.mark.parametrize("model", MODELS, ids=label)
def test_the_runtime_role_cannot_switch_off_drop_or_rewrite_the_triggers(runtime_role, model):
    table = quoted(model._meta.db_table)
    triggers = _triggers(model)
    assert len(triggers) >= 2  # the row trigger and the TRUNCATE trigger at least
    with acting_as(runtime_role):
        refused(f"ALTER TABLE {table} DISABLE TRIGGER ALL", match="must be owner")
        refused(f"ALTER TABLE {table} OWNER TO {quoted(runtime_role)}", match="must be owner")
        for trigger, function in triggers:
            refused(f"ALTER TABLE {table} DISABLE TRIGGER {quoted(trigger)}", match="must be owner")
            refused(f"DROP TRIGGER {quoted(trigger)} ON {table}", match="must be owner")
            refused(f"DROP FUNCTION {function}()", match="must be owner")
            refused(f"CREATE OR REPLACE FUNCTION {function}() RETURNS trigger AS 'BEGIN RETURN NULL; END' "
                    "LANGUAGE plpgsql", match="must be owner|permission denied")
    assert _triggers(model) == triggers


def test_the_runtime_role_cannot_turn_triggers_off_for_its_session_or_shadow_a_table(runtime_role):
    with acting_as(runtime_role):
        # A replica session fires no ordinary triggers; only a superuser may ask to be one.
        refused("SET session_replication_role = replica", match="permission denied")
        # A temporary children_child would come first on the search path (the case notes' check
        # names the table with its schema anyway).
        refused("CREATE TEMPORARY TABLE children_child (id uuid)", match="permission denied")
        refused("CREATE TABLE public.shadow (id uuid)", match="permission denied")


def test_a_table_a_later_migration_creates_is_granted_to_the_runtime_role_without_truncate(runtime_role):
    execute("CREATE TABLE tests_later_table (id bigserial PRIMARY KEY, note text)")  # as the owner, as migrate is
    with acting_as(runtime_role):
        execute("INSERT INTO tests_later_table (note) VALUES ('added')")
        execute("UPDATE tests_later_table SET note = 'changed'")
        assert execute("SELECT note FROM tests_later_table") == [("changed",)]
        refused("TRUNCATE tests_later_table", match="permission denied")
        refused("DROP TABLE tests_later_table", match="must be owner")
