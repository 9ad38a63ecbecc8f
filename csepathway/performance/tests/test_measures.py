"""The measures against figures worked out by hand on a fixed set of episodes, run through the real
services at the real times, over Christmas and New Year so the bank holidays count.

Decisions (3 working days from submission):
  A submitted Thu 24 Dec 2026: 25 Dec and Mon 28 Dec (Boxing Day's substitute) are bank holidays, so
    due Thu 31 Dec. Decided 31 Dec: on time. MASE required, so the initial MASE is due 10 working
    days after 31 Dec, 1 Jan being a holiday: Fri 15 Jan 2027. Meeting on 15 Jan: on time.
  B submitted 24 Dec, due 31 Dec, decided Mon 4 Jan 2027: late (1 Jan a bank holiday). MASE due
    Mon 18 Jan; meeting on Tue 19 Jan: late.
  C submitted Mon 2 Nov 2026, due Thu 5 Nov, decided 5 Nov: on time. MASE not required.
  D submitted Mon 2 Nov, due 5 Nov, decided Fri 6 Nov: late. MASE due Fri 20 Nov; none held: late.
Counted from 1 Nov 2026 to 31 Jan 2027: decisions 4, on time 2 (Nov 1 of 2, Dec 1 of 1, Jan 0 of 1);
initial MASE 3, on time 1, late 2.
"""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
import time_machine

from csepathway.children.tests.factories import ChildFactory
from csepathway.core.models import ConfigurationVersion
from csepathway.episodes import scenarios
from csepathway.episodes import services as episode_services
from csepathway.meetings.actions.models import Action
from csepathway.meetings.actions.tests.test_actions import publish_minutes
from csepathway.meetings.models import AgendaItem
from csepathway.meetings.services import meeting_schedule
from csepathway.performance.measures import Filters
from csepathway.performance.selectors import performance_dashboard

LONDON = ZoneInfo("Europe/London")
PERIOD = Filters(since=dt.date(2026, 11, 1), until=dt.date(2027, 1, 31))
TODAY = dt.date(2027, 1, 31)


def at(year, month, day, hour=10):
    return time_machine.travel(dt.datetime(year, month, day, hour, tzinfo=LONDON), tick=False)


def _submit(personas, child, when):
    with at(*when):
        return scenarios.submitted(practitioner=personas.practitioner, child=child)


def _decide(personas, episode, when, *, mase_required=True):
    with at(*when):
        for reviewer in (personas.cse_manager, personas.police_coordinator):
            episode_services.joint_review_record(actor=reviewer, episode=episode, risk_level="high",
                                                 mase_required=mase_required, rationale="Agreed.", next_steps="-")
    episode.refresh_from_db()
    return episode


def _meeting(personas, episode, day: dt.date, scheduled_on, kind="initial"):
    with at(*scheduled_on):
        return meeting_schedule(
            actor=personas.cse_manager, episode=episode, kind=kind,
            starts_at=dt.datetime(day.year, day.month, day.day, 14, tzinfo=LONDON),
            ends_at=dt.datetime(day.year, day.month, day.day, 15, tzinfo=LONDON),
            location="Room 2", chair=personas.mase_chair)


@pytest.fixture
def christmas(personas):
    # The seeded configuration is published when the test database is made; these episodes run in
    # the past or the future of that, under the same configuration.
    ConfigurationVersion.objects.update(published_at=dt.datetime(2020, 1, 1, tzinfo=LONDON))

    def child():
        return ChildFactory(allocated_team=personas.team)

    a = _submit(personas, child(), (2026, 12, 24))
    b = _submit(personas, child(), (2026, 12, 24))
    c = _submit(personas, child(), (2026, 11, 2))
    d = _submit(personas, child(), (2026, 11, 2))
    a = _decide(personas, a, (2026, 12, 31, 16))
    b = _decide(personas, b, (2027, 1, 4))
    c = _decide(personas, c, (2026, 11, 5, 16), mase_required=False)
    d = _decide(personas, d, (2026, 11, 6))
    first_a = _meeting(personas, a, dt.date(2027, 1, 15), (2027, 1, 4))
    first_b = _meeting(personas, b, dt.date(2027, 1, 19), (2027, 1, 5))
    return {"a": a, "b": b, "c": c, "d": d, "meetings": (first_a, first_b)}


def _dashboard(user, filters=PERIOD):
    with at(2027, 1, 31, 18):
        return performance_dashboard(actor=user, filters=filters, today=TODAY)


def test_the_due_dates_count_working_days_over_christmas(christmas):
    assert christmas["a"].decision_due_on == dt.date(2026, 12, 31)
    assert christmas["a"].initial_mase_due_on == dt.date(2027, 1, 15)
    assert christmas["b"].initial_mase_due_on == dt.date(2027, 1, 18)
    assert christmas["d"].initial_mase_due_on == dt.date(2026, 11, 20)


def test_decisions_within_three_working_days_match_the_hand_count(personas, christmas):
    figures = _dashboard(personas.cse_manager).figures["decisions"]
    assert (figures.total(), figures.total("on_time"), figures.total("late")) == (4, 2, 2)
    assert figures.in_month(dt.date(2026, 11, 1), "on_time") == 1
    assert figures.in_month(dt.date(2026, 11, 1)) == 2
    assert figures.in_month(dt.date(2026, 12, 1), "on_time") == 1
    assert figures.in_month(dt.date(2027, 1, 1), "late") == 1


def test_initial_mase_within_ten_working_days_match_the_hand_count(personas, christmas):
    figures = _dashboard(personas.cse_manager).figures["initial_mase"]
    assert (figures.total(), figures.total("on_time"), figures.total("late")) == (3, 1, 2)


def test_a_meeting_not_yet_held_and_not_yet_due_is_neither_on_time_nor_late(personas, christmas):
    with at(2027, 1, 12, 18):
        figures = performance_dashboard(actor=personas.cse_manager, filters=PERIOD, today=dt.date(2027, 1, 12))
    initial = figures.figures["initial_mase"]
    # A's meeting (15 Jan) and B's (19 Jan) have not happened, and neither is due yet; D is late.
    assert (initial.total("on_time"), initial.total("late"), initial.total("not_yet_due")) == (0, 1, 2)


def test_actions_completed_by_their_due_date(personas, christmas):
    item = AgendaItem.objects.get(episode=christmas["a"])

    def action(due, completed=None, status=Action.Status.DONE):
        return Action.objects.create(agenda_item=item, episode=christmas["a"], description="Synthetic action",
                                     kind=Action.Kind.SUPPORT, owner_name="Owner", agency="Council", due_on=due,
                                     status=status, created_by=personas.cse_manager,
                                     completed_at=completed and dt.datetime(*completed, 12, tzinfo=LONDON))

    action(dt.date(2027, 1, 20), (2027, 1, 20))  # on the day: on time
    action(dt.date(2027, 1, 20), (2027, 1, 21))  # a day late
    action(dt.date(2027, 1, 22), None, Action.Status.IN_PROGRESS)  # not done: late
    action(dt.date(2027, 1, 22), None, Action.Status.CANCELLED)  # no longer needed: not counted
    action(dt.date(2027, 2, 10), None, Action.Status.NOT_STARTED)  # outside the period
    figures = _dashboard(personas.cse_manager).figures["actions"]
    assert (figures.total(), figures.total("on_time"), figures.total("late")) == (3, 1, 2)


def test_a_repeat_referral_is_a_child_with_an_earlier_episode(personas, christmas):
    child = christmas["c"].child
    with at(2026, 11, 20):
        episode_services.episode_close(actor=personas.practitioner, episode=christmas["c"], reason="risk_reduced")
    _submit(personas, child, (2027, 1, 11))
    figures = _dashboard(personas.cse_manager).figures
    assert figures["referrals"].total("repeat") == 1
    assert figures["referrals"].total("first") == 4
    assert figures["closures"].total("risk_reduced") == 1


def test_filters_by_team_and_agency(personas, christmas):
    other = Filters(since=PERIOD.since, until=PERIOD.until, team_id=str(personas.outsider.team_id))
    assert _dashboard(personas.cse_manager, other).figures["decisions"].total() == 0
    same = Filters(since=PERIOD.since, until=PERIOD.until, agency_id=str(personas.team.agency_id))
    assert _dashboard(personas.cse_manager, same).figures["decisions"].total() == 4


def test_reviews_held_by_the_date_the_minutes_set(personas, christmas):
    """A's minutes (15 Jan) set a review by Fri 29 Jan, held Thu 28 Jan: on time. B's (19 Jan) set
    Tue 26 Jan and none was held: late. C's was never a MASE, so it has no review to count."""
    first_a, first_b = christmas["meetings"]
    with at(2027, 1, 15, 18):
        publish_minutes(first_a, chair=personas.mase_chair, next_review_on=dt.date(2027, 1, 29))
    with at(2027, 1, 19, 18):
        publish_minutes(first_b, chair=personas.mase_chair, next_review_on=dt.date(2027, 1, 26))
    _meeting(personas, christmas["a"], dt.date(2027, 1, 28), (2027, 1, 20), kind="review")
    figures = _dashboard(personas.cse_manager).figures["reviews"]
    assert (figures.total(), figures.total("on_time"), figures.total("late")) == (2, 1, 1)
