"""When a record is due: the latest of its record types' dates, each from its own trigger."""

import datetime as dt

import pytest

from csepathway.core.configuration import configuration_publish
from csepathway.retention import schedule

DOB = dt.date(2000, 5, 17)


def facts(*types, open_work=False, closed_on=dt.date(2018, 6, 1)):
    return schedule.Facts(date_of_birth=DOB, types_held=frozenset({"child", *types}), open_work=open_work,
                       closed_on=closed_on)


def defaults():
    return schedule.Rules(0, tuple(schedule.Rule(t, *t.default_rule) for t in schedule.record_types()))


def test_the_record_types_the_apps_register_keep_the_councils_defaults_in_order():
    assert [(t.code, *t.default_rule) for t in schedule.record_types()] == [
        ("child", "date_of_birth", 25), ("pathway", "date_of_birth", 25), ("mase", "date_of_birth", 25),
        ("nrm", "date_of_birth", 25), ("intelligence", "closure", 6), ("subject_access", "closure", 2)]
    assert schedule.type_of_model()["notes.casenote"] == "child"
    assert schedule.type_of_model()["meetings.masemeeting"] == "mase"


def test_the_childs_details_are_kept_until_the_25th_birthday():
    due = schedule.due_for(facts(), defaults())
    assert due.due_on == dt.date(2025, 5, 17)
    assert due.governing.record_type.code == "child"


def test_the_latest_record_type_decides():
    due = schedule.due_for(facts("intelligence", closed_on=dt.date(2022, 1, 10)), defaults())
    assert due.due_on == dt.date(2028, 1, 10)
    assert due.governing.record_type.code == "intelligence"


def test_record_types_not_held_do_not_count():
    late_closure = dt.date(2024, 1, 1)
    assert schedule.due_for(facts("pathway", closed_on=late_closure), defaults()).due_on == dt.date(2025, 5, 17)


def test_open_work_stops_the_closure_clock_and_the_record_is_never_due():
    due = schedule.due_for(facts("intelligence", open_work=True), defaults())
    assert due.due_on is None
    assert not due.is_due(dt.date(2100, 1, 1))


def test_a_29_february_birthday_counts_to_28_february():
    leap = schedule.Facts(date_of_birth=dt.date(2004, 2, 29), types_held=frozenset({"child"}), open_work=False,
                       closed_on=None)
    assert schedule.due_for(leap, defaults()).due_on == dt.date(2029, 2, 28)


def test_due_on_the_day_itself():
    due = schedule.due_for(facts(), defaults())
    assert due.is_due(dt.date(2025, 5, 17)) and not due.is_due(dt.date(2025, 5, 16))


@pytest.mark.django_db
def test_the_rules_are_the_defaults_until_information_governance_publishes_its_own():
    assert schedule.current_rules().version == 0
    configuration_publish(kind=schedule.KIND, title="Retention v1", data={"rules": [
        {"record_type": "child", "trigger": "date_of_birth", "years": 75},
        {"record_type": "nrm", "trigger": "closure", "years": 10},
        {"record_type": "no_such_type", "trigger": "closure", "years": 1}]})
    current = schedule.current_rules()
    assert current.version == 1
    assert (current.for_type("child").years, current.for_type("nrm").trigger) == (75, schedule.CLOSURE)
    assert current.for_type("mase").years == 25  # not in the published version: the default
    assert schedule.due_for(facts(), current).due_on == dt.date(2075, 5, 17)


def test_a_subject_access_request_released_after_closure_counts_from_its_release():
    late = schedule.Facts(date_of_birth=DOB, types_held=frozenset({"child", "subject_access"}), open_work=False,
                       closed_on=dt.date(2018, 6, 1), own_closure={"subject_access": dt.date(2030, 3, 9)})
    due = schedule.due_for(late, defaults())
    assert due.due_on == dt.date(2032, 3, 9)
    assert due.governing.record_type.code == "subject_access"
