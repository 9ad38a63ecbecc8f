"""The intelligence events for the child's chronology: drafted, sent, graded, in date order, with a
detail line that names the subject only for a reader of the content."""

import pytest
from django.urls import reverse

from csepathway.children.tests.factories import ChildFactory
from csepathway.intelligence.conftest import SUBJECT, grade
from csepathway.intelligence.selectors import intelligence_events_for_child

pytestmark = pytest.mark.django_db


def test_the_events_in_date_order_for_a_reader_of_the_content(personas, sent, child):
    report = sent()
    grade(personas, report)
    events = intelligence_events_for_child(actor=personas.police_coordinator, child=child)
    assert [e["title"] for e in events] == ["Intelligence report drafted", "Intelligence report sent to the police",
                                            "Intelligence report graded by the police"]
    assert [e["at"] for e in events] == sorted(e["at"] for e in events)
    assert all(e["href"] == reverse("intelligence:detail", args=[report.pk]) for e in events)
    assert SUBJECT in events[0]["detail"] and "2BP" in events[2]["detail"]
    assert all("\n" not in e["detail"] for e in events)


def test_a_colleague_learns_only_that_it_exists(personas, sent, child):
    report = sent()
    grade(personas, report)
    events = intelligence_events_for_child(actor=personas.same_team_practitioner, child=child)
    assert len(events) == 3
    for event in events:
        assert SUBJECT not in event["detail"] and "2BP" not in event["detail"] and "FIB/" not in event["detail"]


def test_an_outsider_gets_nothing(personas, sent, child):
    sent()
    assert intelligence_events_for_child(actor=personas.outsider, child=child) == []
    assert intelligence_events_for_child(actor=personas.police_coordinator, child=ChildFactory()) == []
