"""Honest clocks (issue 13, point 7): a clock shows its due date while it runs, and is overdue the
day after, weekends and bank holidays included."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from csepathway.episodes import scenarios
from csepathway.episodes.clocks import decision_due_on
from csepathway.episodes.models import Episode
from csepathway.meetings.actions.selectors import overdue_q
from csepathway.meetings.actions.tests.test_actions import add_action
from csepathway.meetings.models import Action

from .test_clocks import at, decided_on, schedule_on

pytestmark = pytest.mark.django_db

NEW_YEARS_EVE = dt.datetime(2026, 12, 31, 10, 0)  # a Thursday; 1 January is a bank holiday


def _workspace(client_for, personas) -> str:
    # Signed in afresh after each jump in time: the idle session limit would sign the user out.
    return client_for(personas.cse_manager).get(reverse("episodes:workspace")).text


def test_the_initial_mase_due_date_shows_from_the_day_of_the_decision(personas, client_for, episode, time_machine):
    at(time_machine, NEW_YEARS_EVE)
    decided_on(episode, NEW_YEARS_EVE)
    page = _workspace(client_for, personas)
    assert "Initial MASE due 15 January 2027" in page  # 10 working days, 1 January not counted
    assert "Initial MASE overdue" not in page


def test_the_initial_mase_is_overdue_on_the_saturday_after_a_friday_due_date(personas, client_for, episode,
                                                                             time_machine):
    at(time_machine, NEW_YEARS_EVE)
    decided_on(episode, NEW_YEARS_EVE)
    at(time_machine, dt.datetime(2027, 1, 15, 17, 0))
    assert "Initial MASE overdue" not in _workspace(client_for, personas)
    at(time_machine, dt.datetime(2027, 1, 16, 9, 0))
    page = _workspace(client_for, personas)
    assert "Initial MASE overdue" in page
    assert "1 episode is past a MASE timescale" in page


def test_the_invitations_due_date_shows_until_someone_is_invited(personas, client_for, episode, time_machine):
    at(time_machine, NEW_YEARS_EVE)
    decided_on(episode, NEW_YEARS_EVE)
    schedule_on(personas, episode, dt.date(2027, 1, 12))
    page = _workspace(client_for, personas)
    assert "Invitations due 5 January 2027" in page  # two working days: 4 and 5 January
    assert "Initial MASE due" not in page  # booked within its timescale
    at(time_machine, dt.datetime(2027, 1, 6, 9, 0))
    assert "Invitations overdue" in _workspace(client_for, personas)


def test_a_decision_due_on_friday_is_overdue_on_saturday(personas, client_for, child, time_machine):
    submitted = scenarios.submitted(practitioner=personas.practitioner, child=child)
    submitted_at = timezone.make_aware(dt.datetime(2027, 1, 5, 10, 0))  # Tuesday: due Friday 8 January
    Episode.objects.filter(pk=submitted.pk).update(submitted_at=submitted_at,
                                                   decision_due_on=decision_due_on(submitted_at))
    at(time_machine, dt.datetime(2027, 1, 8, 16, 0))
    assert "Overdue" not in _workspace(client_for, personas)
    at(time_machine, dt.datetime(2027, 1, 9, 9, 0))
    assert "Overdue" in _workspace(client_for, personas)


def test_an_action_due_the_day_before_a_bank_holiday_is_overdue_on_the_bank_holiday(personas, episode, schedule):
    action = add_action(schedule(), created_by=personas.mase_chair, due_on=dt.date(2026, 12, 31))
    assert not Action.objects.filter(overdue_q(dt.date(2026, 12, 31)), pk=action.pk).exists()
    assert Action.objects.filter(overdue_q(dt.date(2027, 1, 1)), pk=action.pk).exists()
