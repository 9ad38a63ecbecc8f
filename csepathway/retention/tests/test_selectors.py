"""Which types of record a child holds, and so which rules apply, come from what the apps register
as holding about a child: a type is counted when any of its records exists for the child."""

import pytest
from django.utils import timezone

from csepathway.children.tests.factories import ChildFactory
from csepathway.core.configuration import configuration_publish
from csepathway.retention import schedule, selectors

from .builders import make_due

pytestmark = pytest.mark.django_db


def _types(personas, child) -> set[str]:
    state = selectors.child_retention(actor=personas.auditor, child_id=child.pk, today=timezone.localdate())
    return {line.rule.record_type.code for line in state.due.lines}


def test_a_child_with_only_their_details_is_kept_under_the_childs_rule_alone(personas):
    child = ChildFactory(first_name="Onlya", last_name="Detailstestchild")
    make_due(child)
    assert _types(personas, child) == {"child"}


def test_a_child_with_everything_is_kept_under_every_rule(personas, due_child):
    assert _types(personas, due_child) == {record_type.code for record_type in schedule.record_types()}


def test_a_type_is_told_by_the_records_that_reach_the_child_first():
    lookups = selectors.held_checks().lookups
    assert ("meetings.agendaitem", "episode__child") in lookups["mase"]
    assert "episodes.transition" not in dict(lookups["pathway"])  # its episode already says so
    assert "child" not in lookups and "child" in selectors.held_checks().always


def _queue_and_child_pages_agree(personas, children) -> None:
    today = timezone.localdate()
    queued = {state.child.pk: state for state in selectors.disposal_queue(actor=personas.auditor, today=today)}
    for child in children:
        full = selectors.child_retention(actor=personas.auditor, child_id=child.pk, today=today)
        assert child.pk in queued
        assert (queued[child.pk].due.due_on, queued[child.pk].due.governing) == (full.due.due_on, full.due.governing)


def test_the_queue_asks_less_but_finds_the_same_due_date_and_rule_as_the_childs_page(personas, due_child):
    only_details = ChildFactory(first_name="Onlya", last_name="Detailstestchild")
    make_due(only_details)
    _queue_and_child_pages_agree(personas, [due_child, only_details])
    current = schedule.current_rules()
    assert "pathway" not in selectors.held_checks().deciding(current).lookups  # 25 years from birth, as the child's
    assert "intelligence" in selectors.held_checks().deciding(current).lookups  # from closure


def test_a_longer_rule_from_birth_is_still_asked_in_the_queue(personas, due_child):
    configuration_publish(kind="retention", title="MASE kept longer (test)",
                          data={"rules": [{"record_type": "mase", "trigger": "date_of_birth", "years": 29}]})
    assert "mase" in selectors.held_checks().deciding(schedule.current_rules()).lookups
    _queue_and_child_pages_agree(personas, [due_child])
    full = selectors.child_retention(actor=personas.auditor, child_id=due_child.pk, today=timezone.localdate())
    assert full.due.governing.record_type.code == "mase"
