"""Append-only records (AppendOnlyModel, docs/adr/0031): each one refuses every change and deletion
through Django; on PostgreSQL the database refuses UPDATE, DELETE and TRUNCATE too, even to the
tables' owner, and only the test suite's own flush may empty them. Every append-only model is
covered as soon as it exists (tests/append_only_rows.py)."""

import re

import pytest
from django.core.management import call_command
from django.db import DatabaseError, IntegrityError, connection, transaction

from csepathway.children.models import ChildRestriction, RestrictionLiftDecline
from csepathway.core.append_only import ALLOW_TRUNCATE
from csepathway.core.models import RecordImmutable
from csepathway.notes.models import CaseNote
from csepathway.retention import disposal

from .append_only_rows import ROW_BUILDERS, add_row, append_only_models, make_parents

pytestmark = pytest.mark.django_db

MODELS = append_only_models()


def postgres_only(test):
    return pytest.mark.postgres_only(pytest.mark.skipif(
        connection.vendor != "postgresql", reason="the append-only triggers are PostgreSQL's; SQLite has none")(test))


def label(model) -> str:
    return model._meta.label


def refused(model):
    return pytest.raises(RecordImmutable, match=re.escape(f"({label(model)}) are append-only"))


def _text_field(model) -> str:
    return next(field.name for field in model._meta.concrete_fields
                if field.get_internal_type() in ("CharField", "TextField"))


@pytest.fixture
def parents(db):
    return make_parents()


def test_every_append_only_model_has_a_row_for_these_tests_and_no_other_model_does():
    assert [label(model) for model in MODELS] == sorted(ROW_BUILDERS)


@pytest.mark.parametrize("model", MODELS, ids=label)
def test_a_stored_row_is_never_saved_again(model, parents):
    row = add_row(model, parents)
    field = _text_field(model)
    stored = getattr(row, field)
    setattr(row, field, "Rewritten")
    with refused(model):
        row.save()
    with refused(model):
        row.save(update_fields=[field])
    assert getattr(model.objects.get(pk=row.pk), field) == stored


@pytest.mark.parametrize("model", MODELS, ids=label)
def test_a_row_is_never_deleted_through_django(model, parents):
    row = add_row(model, parents)
    for delete in (row.delete, model.objects.all().delete, model.objects.filter(pk=row.pk).delete):
        with refused(model):
            delete()
    assert model.objects.filter(pk=row.pk).exists()


@pytest.mark.parametrize("model", MODELS, ids=label)
def test_querysets_never_rewrite_rows(model, parents):
    row = add_row(model, parents)
    field = _text_field(model)
    with refused(model):
        model.objects.filter(pk=row.pk).update(**{field: getattr(row, field)})
    # bulk_update opens an atomic block without a savepoint; ours keeps the test's transaction usable.
    with refused(model), transaction.atomic():
        model.objects.bulk_update([row], [field])
    with refused(model):
        model.objects.bulk_create([row], update_conflicts=True, unique_fields=["pk"], update_fields=[field])


@pytest.mark.parametrize("model", MODELS, ids=label)
def test_a_copy_built_by_hand_with_a_stored_rows_key_is_inserted_and_refused_never_saved_over_it(model, parents):
    row = add_row(model, parents)
    field = _text_field(model)
    copy = model(**{f.attname: getattr(row, f.attname) for f in model._meta.concrete_fields})
    setattr(copy, field, "Rewritten")
    with pytest.raises(IntegrityError), transaction.atomic():
        copy.save()
    assert getattr(model.objects.get(pk=row.pk), field) == getattr(row, field)


def test_the_refusal_says_how_a_mistake_is_put_right_where_there_is_a_way(parents):
    note = add_row(CaseNote, parents)
    with pytest.raises(RecordImmutable, match="never changed: add an amendment pointing at it instead"):
        note.save()


def _refused_by_the_database(sql: str, params=(), match: str = "append-only"):
    # Deferred checks (a case note's DELETE) would otherwise wait for a commit that never comes.
    with pytest.raises(DatabaseError, match=match), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        cursor.execute(sql, params)


@postgres_only
@pytest.mark.parametrize("model", MODELS, ids=label)
def test_the_database_refuses_update_delete_and_truncate_even_to_the_tables_owner(model, parents):
    row = add_row(model, parents)
    table, key = connection.ops.quote_name(model._meta.db_table), connection.ops.quote_name(model._meta.pk.column)
    _refused_by_the_database(f"UPDATE {table} SET {key} = {key} WHERE {key} = %s", [row.pk])  # noqa: S608
    _refused_by_the_database(f"DELETE FROM {table} WHERE {key} = %s", [row.pk])  # noqa: S608
    _refused_by_the_database(f"TRUNCATE {table} CASCADE")
    assert model.objects.filter(pk=row.pk).exists()


@postgres_only
def test_case_notes_and_lift_declines_go_with_the_childs_record_when_it_is_disposed_of(parents):
    note, decline = add_row(CaseNote, parents), add_row(RestrictionLiftDecline, parents)
    disposal.dispose(parents.child)
    with connection.cursor() as cursor:
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")  # the checks that would run at commit
    assert not CaseNote.objects.filter(pk=note.pk).exists()
    assert not RestrictionLiftDecline.objects.filter(pk=decline.pk).exists()
    assert not ChildRestriction.objects.filter(pk=parents.restriction.pk).exists()


@postgres_only
def test_the_test_suites_flush_may_empty_append_only_tables_and_nothing_after_it_may(transactional_db):
    parents = make_parents()
    for model in MODELS:
        add_row(model, parents)
    call_command("flush", interactive=False, verbosity=0)
    assert not any(model.objects.exists() for model in MODELS)
    for model in MODELS:
        # CASCADE: a table other tables point at (case notes, by their addressees) is otherwise
        # refused by the foreign key before the append-only trigger is asked.
        _refused_by_the_database(f"TRUNCATE {connection.ops.quote_name(model._meta.db_table)} CASCADE")


@postgres_only
def test_saying_truncate_is_meant_lets_the_owner_through(parents):
    add_row(CaseNote, parents)
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")  # TRUNCATE refuses a table with checks pending
        cursor.execute(f"SET LOCAL {ALLOW_TRUNCATE} = 'on'")
        # The note's addressees (who has read it) go with it: a table a foreign key points at is emptied
        # together with the tables that point at it.
        cursor.execute("TRUNCATE notes_casenote, notes_casenoteaddressee")
        assert not CaseNote.objects.exists()
        transaction.set_rollback(True)
