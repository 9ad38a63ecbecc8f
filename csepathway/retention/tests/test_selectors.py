"""Which types of record a child holds, and so which rules apply, come from what the apps register
as holding about a child: a type is counted when any of its records exists for the child."""

import pytest
from django.utils import timezone

from csepathway.children.tests.factories import ChildFactory
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
