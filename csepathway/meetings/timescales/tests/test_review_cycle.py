"""The review cycle: published minutes propose a review MASE on their next review date, the child's
record offers to schedule it, the schedule form opens as that review; and an episode closes only
with a reason."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from csepathway.core.refusals import Refused
from csepathway.episodes import services as episode_services
from csepathway.episodes.models import State
from csepathway.meetings.actions.tests.test_actions import publish_minutes
from csepathway.meetings.conftest import local
from csepathway.meetings.models import MaseMeeting

pytestmark = pytest.mark.django_db


@pytest.fixture
def review_on() -> dt.date:
    return timezone.localdate() + dt.timedelta(weeks=6)


@pytest.fixture
def held(personas, schedule, review_on):
    meeting = schedule()
    publish_minutes(meeting, chair=personas.mase_chair, next_review_on=review_on)
    return meeting


def _child_page(client_for, user, child) -> str:
    response = client_for(user).get(reverse("children:detail", args=[child.pk]))
    assert response.status_code == 200
    return response.text


def _schedule_review_link(episode, review_on) -> str:
    return reverse("meetings:schedule", args=[episode.pk]) + f"?kind=review&amp;date={review_on.isoformat()}"


def test_published_minutes_propose_a_review_the_cse_team_can_schedule(personas, client_for, child, episode, held,
                                                                       review_on):
    page = _child_page(client_for, personas.cse_worker, child)
    assert f"Review MASE due by {review_on.day} {review_on:%B %Y}" in page
    assert "Schedule the review MASE" in page
    assert _schedule_review_link(episode, review_on) in page
    assert "Schedule a MASE meeting" not in page


@pytest.mark.parametrize("role", ["practitioner", "same_team_practitioner", "team_manager"])
def test_others_who_see_the_meetings_see_the_review_date_but_no_link(personas, client_for, child, episode, held,
                                                                     review_on, role):
    page = _child_page(client_for, getattr(personas, role), child)
    assert f"Review MASE due by {review_on.day} {review_on:%B %Y}" in page
    assert "Schedule the review MASE" not in page


def test_the_outsider_sees_neither_the_child_nor_the_review(personas, client_for, child, held):
    assert client_for(personas.outsider).get(reverse("children:detail", args=[child.pk])).status_code == 404


def test_minutes_not_yet_published_propose_nothing(personas, client_for, child, schedule, review_on):
    meeting = schedule()
    publish_minutes(meeting, chair=personas.mase_chair, next_review_on=review_on)
    MaseMeeting.objects.filter(pk=meeting.pk).update(state=MaseMeeting.State.SCHEDULED)
    assert "Review MASE due by" not in _child_page(client_for, personas.cse_worker, child)


def test_once_the_review_is_booked_it_is_no_longer_proposed(personas, client_for, child, schedule, held, review_on):
    schedule(kind="review", starts_at=local(review_on, 10), ends_at=local(review_on, 11))
    page = _child_page(client_for, personas.cse_worker, child)
    assert "Review MASE due by" not in page
    assert "Schedule the review MASE" not in page


def test_the_schedule_form_opens_as_the_proposed_review(personas, client_for, episode, held, review_on):
    response = client_for(personas.cse_manager).get(reverse("meetings:schedule", args=[episode.pk]),
                                                    {"kind": "review", "date": review_on.isoformat()})
    assert response.status_code == 200
    text = response.text
    assert 'value="review" checked' in text
    for part, value in (("day", review_on.day), ("month", review_on.month), ("year", review_on.year)):
        assert f'id="id_date_{part}" name="date_{part}" type="text" value="{value}"' in text


def test_the_schedule_form_ignores_a_link_it_cannot_read(personas, client_for, episode, held):
    response = client_for(personas.cse_manager).get(reverse("meetings:schedule", args=[episode.pk]),
                                                    {"kind": "party", "date": "31-02-2027"})
    assert response.status_code == 200
    assert "checked" not in response.text


@pytest.mark.parametrize("role", ["practitioner", "police_coordinator", "mase_chair"])
def test_only_the_cse_team_opens_the_prefilled_schedule_form(personas, client_for, episode, held, review_on, role):
    response = client_for(getattr(personas, role)).get(reverse("meetings:schedule", args=[episode.pk]),
                                                       {"kind": "review", "date": review_on.isoformat()})
    assert response.status_code == 403


def test_the_review_is_scheduled_from_the_proposal(personas, client_for, episode, held, review_on):
    data = {"kind": "review", "date_day": str(review_on.day), "date_month": str(review_on.month),
            "date_year": str(review_on.year), "start_time": "10:00", "end_time": "11:00",
            "location": "Room 2, Civic Centre", "online_link": "", "chair": str(personas.mase_chair.pk)}
    response = client_for(personas.cse_worker).post(reverse("meetings:schedule", args=[episode.pk]), data)
    assert response.status_code == 302
    review = MaseMeeting.objects.get(kind=MaseMeeting.Kind.REVIEW)
    assert timezone.localtime(review.starts_at).date() == review_on


# Closing needs a reason

def test_an_episode_with_a_held_mase_closes_with_a_reason(personas, client_for, episode, held):
    response = client_for(personas.practitioner).post(reverse("episodes:close", args=[episode.pk]),
                                                      {"reason": "risk_reduced", "detail": "", "confirm": "on"})
    assert response.status_code == 302
    episode.refresh_from_db()
    assert episode.state == State.CLOSED
    assert episode.closure_reason == "risk_reduced"


def test_closing_for_another_reason_without_words_is_refused(personas, client_for, episode, held):
    response = client_for(personas.cse_manager).post(reverse("episodes:close", args=[episode.pk]),
                                                     {"reason": "other", "detail": "  ", "confirm": "on"})
    assert response.status_code == 400
    assert "Explain why the episode is closing" in response.text
    with pytest.raises(Refused):
        episode_services.episode_close(actor=personas.cse_manager, episode=episode, reason="other", detail="")
    episode.refresh_from_db()
    assert episode.state == State.MASE_REQUIRED


def test_a_closed_episode_is_no_longer_proposed_for_review(personas, client_for, child, episode, held):
    episode_services.episode_close(actor=personas.practitioner, episode=episode, reason="moved_area")
    assert "Review MASE due by" not in _child_page(client_for, personas.cse_worker, child)
