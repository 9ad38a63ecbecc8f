"""The list of what is held about a child refuses registrations that would let the chronology,
subject access and retention disagree: a model claimed twice, a fold into someone else's records, a
rule with no clock."""

import datetime as dt

import pytest
from django.utils import timezone

from csepathway.children.records_held import CLOSURE, DATE_OF_BIRTH, RecordsHeld, RecordsHeldRegistry, RecordType, lines


def _snapshots(child):
    return []


def _registry() -> RecordsHeldRegistry:
    registry = RecordsHeldRegistry()
    registry.register_record_type(RecordType("child", "The child's details", (DATE_OF_BIRTH, 25)))
    registry.register(RecordsHeld(app="children", record_type="child", models=("children.child",),
                                  subject_access=_snapshots))
    return registry


def test_a_model_is_claimed_by_one_app_only():
    registry = _registry()
    with pytest.raises(ValueError, match="children.child is already claimed by children"):
        registry.register(RecordsHeld(app="notes", record_type="child", models=("notes.casenote", "children.child")))
    assert set(registry.claimed()) == {"children.child"}


def test_an_app_folds_only_its_own_records_into_its_own_snapshots():
    registry = _registry()
    with pytest.raises(ValueError, match="both must be its own"):
        registry.register(RecordsHeld(app="notes", record_type="child", models=("notes.casenote",),
                                      subject_access=_snapshots, folded={"notes.casenote": "children.child"}))
    with pytest.raises(ValueError, match="does not make"):
        registry.register(RecordsHeld(app="episodes", record_type="child",
                                      models=("episodes.episode", "episodes.transition"),
                                      folded={"episodes.transition": "episodes.episode"}))


def test_a_record_type_nobody_registered_is_reported_not_ignored():
    registry = _registry()
    registry.register(RecordsHeld(app="nrm", record_type="nrm", models=("nrm.nrmreferral",)))
    with pytest.raises(LookupError, match="nrm"):
        registry.type_of_model()


def test_a_rule_starts_from_the_date_of_birth_or_the_closure():
    registry = RecordsHeldRegistry()
    with pytest.raises(ValueError, match="date_of_birth or closure"):
        registry.register_record_type(RecordType("nrm", "NRM referrals", ("referral", 25)))
    registry.register_record_type(RecordType("child", "The child's details", (CLOSURE, 2)))
    with pytest.raises(ValueError, match="already registered differently"):
        registry.register_record_type(RecordType("child", "The child's details", (DATE_OF_BIRTH, 25)))


def test_registering_the_same_thing_again_changes_nothing():
    registry = _registry()
    registry.register(RecordsHeld(app="children", record_type="child", models=("children.child",),
                                  subject_access=_snapshots))
    registry.register_record_type(RecordType("child", "The child's details", (DATE_OF_BIRTH, 25)))
    assert len(registry.all()) == 1 and len(registry.record_types()) == 1


def test_record_types_keep_the_order_the_apps_registered_them():
    registry = _registry()
    registry.register_record_type(RecordType("pathway", "Screenings", (DATE_OF_BIRTH, 25)))
    registry.register_record_type(RecordType("intelligence", "Reports", (CLOSURE, 6)))
    assert [t.code for t in registry.record_types()] == ["child", "pathway", "intelligence"]


def test_snapshot_lines_leave_out_blanks_and_write_dates_the_govuk_way():
    at = timezone.make_aware(dt.datetime(2026, 6, 3, 14, 30))
    text = lines(("Held on", dt.date(2026, 6, 3)), ("Nothing", ""), ("When", at), ("Who", "Pat (test)"))
    assert text == "Held on: 3 June 2026\nWhen: 3 June 2026 at 2:30pm\nWho: Pat (test)"
