"""Return home interviews on the dashboard (issue 15): worked out by hand over the weekend the clocks
go back, a Friday night and a declined interview, scoped to the children the viewer may open."""

import datetime as dt
import zoneinfo

import pytest
import time_machine
from django.urls import reverse

from csepathway.children.tests.factories import ChildFactory
from csepathway.missing import services as missing_services
from csepathway.performance import selectors
from csepathway.performance.measures import Filters

LONDON = zoneinfo.ZoneInfo("Europe/London")
NOW = dt.datetime(2026, 11, 20, 12, 0, tzinfo=LONDON)
OCTOBER, NOVEMBER = dt.date(2026, 10, 1), dt.date(2026, 11, 1)
FILTERS = Filters(since=dt.date(2026, 1, 1), until=NOW.date())


def at(*parts) -> dt.datetime:
    return dt.datetime(*parts, tzinfo=LONDON)


def returned(personas, child, back: dt.datetime, *, outcome: str = "", outcome_at: dt.datetime | None = None):
    episode = missing_services.missing_episode_record(
        actor=personas.practitioner, child=child, now=NOW,
        data={"missing_from": "home", "started_at": back - dt.timedelta(hours=20), "returned_at": back,
              "reported_by": "Parent (test)", "where_found": "A park (test)"})
    if outcome:
        missing_services.return_interview_record(
            actor=personas.practitioner, episode=episode, now=NOW,
            data={"offered_on": back.date(), "outcome": outcome, "outcome_at": outcome_at,
                  "interviewer": "Independent interviewer (test)", "findings": "Synthetic findings."})
    return episode


@pytest.fixture
def five_returns(personas):
    child = ChildFactory(first_name="Morgan", last_name="Testreturns", allocated_team=personas.team,
                         allocated_worker=personas.practitioner)
    with time_machine.travel(NOW, tick=False):
        # Back at 10:00 BST on the Saturday the clocks go back: due 09:00 GMT on Tuesday 27 October,
        # 72 hours later by the clock on the wall minus the hour given back. Held at 08:59: on time.
        returned(personas, child, at(2026, 10, 24, 10, 0), outcome="completed", outcome_at=at(2026, 10, 27, 8, 59))
        # Back at 22:00 on a Friday: due 22:00 on Monday. Held a minute after: late.
        returned(personas, child, at(2026, 11, 6, 22, 0), outcome="completed", outcome_at=at(2026, 11, 9, 22, 1))
        # Declined within the 72 hours: settled on time.
        returned(personas, child, at(2026, 11, 10, 12, 0), outcome="declined", outcome_at=at(2026, 11, 12, 9, 0))
        # Nothing recorded and the 72 hours are past: late.
        returned(personas, child, at(2026, 11, 1, 9, 0))
        # Back two days ago: not yet due.
        returned(personas, child, at(2026, 11, 18, 12, 0))
    return child


def figures(actor):
    with time_machine.travel(NOW, tick=False):
        dashboard = selectors.performance_dashboard(actor=actor, filters=FILTERS, today=NOW.date(),
                                                    keys=("return_interviews",))
    return dashboard.figures["return_interviews"]


def test_return_home_interviews_are_counted_as_worked_out_by_hand(personas, five_returns):
    counted = figures(personas.cse_manager)
    assert counted.counts == {(OCTOBER, "on_time"): 1, (NOVEMBER, "on_time"): 1, (NOVEMBER, "late"): 2,
                              (NOVEMBER, "not_yet_due"): 1}


def test_a_chair_counts_no_returns_of_children_outside_their_meetings(personas, five_returns):
    assert figures(personas.mase_chair).counts == {}


def test_the_figure_opens_the_missing_episodes_behind_it(personas, client_for, five_returns):
    url = reverse("performance:episodes")
    query = {"measure": "return_interviews", "outcome": "late", "since_day": 1, "since_month": 1,
             "since_year": 2026, "until_day": 20, "until_month": 11, "until_year": 2026}
    with time_machine.travel(NOW, tick=False):
        page = client_for(personas.cse_manager).get(url, query).text
        chair_page = client_for(personas.mase_chair).get(url, query).text
    assert "2 missing episodes" in page and "Morgan Testreturns" in page
    assert "Morgan Testreturns" not in chair_page


def test_the_missing_episodes_page_shows_the_measure(personas, client_for, five_returns):
    with time_machine.travel(NOW, tick=False):
        page = client_for(personas.cse_manager).get(reverse("performance:section", args=["missing"])).text
    assert "Return home interviews within 72 hours of the return" in page
