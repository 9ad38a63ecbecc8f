"""Work that finds the worker (issue 12, point 1, first part): the home page shows each person what
waits for them, scoped like every other list: an outsider sees nothing of other teams, not even a
number, and the page takes the same queries however much there is."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from csepathway.audit.models import AuditEvent
from csepathway.children.tests.factories import ChildFactory
from csepathway.episodes import scenarios
from csepathway.episodes.sign_off_services import assessment_sign_off_request
from csepathway.meetings.models import Action

pytestmark = pytest.mark.django_db


def _home(client) -> str:
    response = client.get("/")
    assert response.status_code == 200
    return response.text


def _child(personas, name, team=None):
    return ChildFactory(first_name=name, last_name="Hometestchild", allocated_team=team or personas.team)


def _waiting_for_sign_off(personas, name):
    episode = scenarios.ready_to_submit(practitioner=personas.practitioner, child=_child(personas, name),
                                        sign_off=False)
    assessment_sign_off_request(actor=personas.practitioner, episode=episode)
    return episode


def test_the_team_manager_sees_the_assessments_waiting_for_their_sign_off(personas, client_for):
    _waiting_for_sign_off(personas, "Signme")
    page = _home(client_for(personas.team_manager))
    assert "Assessments waiting for your sign-off (1)" in page and "Signme Hometestchild" in page
    assert AuditEvent.objects.filter(verb="episodes.home_viewed", actor=personas.team_manager).exists()


def test_another_teams_manager_sees_nothing_of_it_not_even_a_number(personas, client_for):
    _waiting_for_sign_off(personas, "Signme")
    page = _home(client_for(personas.other_team_manager))
    assert "waiting for your sign-off" not in page and "Signme" not in page


def test_the_practitioner_sees_their_episodes_returned_first_with_what_comes_next(personas, client_for):
    scenarios.draft_episode(practitioner=personas.practitioner, child=_child(personas, "Drafty"))
    scenarios.returned(practitioner=personas.practitioner, child=_child(personas, "Backagain"),
                       police=personas.police_coordinator)
    submitted = scenarios.submitted(practitioner=personas.practitioner, child=_child(personas, "Waiting"))
    page = _home(client_for(personas.practitioner))
    assert "Your episodes (3)" in page
    assert page.index("Backagain") < page.index("Drafty")
    assert "Returned to you: change the assessment and send it again" in page
    assert f"CSE team decision due by {submitted.decision_due_on:%-d %B %Y}" in page
    assert "Waiting Hometestchild" not in _home(client_for(personas.outsider))


def test_each_reviewer_sees_the_reviews_waiting_for_their_role(personas, client_for):
    episode = scenarios.submitted(practitioner=personas.practitioner, child=_child(personas, "Review"))
    assert "Reviews waiting for you (1)" in _home(client_for(personas.police_coordinator))
    scenarios.services.joint_review_record(actor=personas.police_coordinator, episode=episode, risk_level="high",
                                           mase_required=True, rationale="Police view (test).")
    assert "Reviews waiting for you" not in _home(client_for(personas.police_coordinator))
    assert "Reviews waiting for you (1)" in _home(client_for(personas.cse_manager))
    assert "Reviews waiting for you" not in _home(client_for(personas.cse_worker))


def test_a_draft_waiting_for_sign_off_says_so(personas, client_for):
    _waiting_for_sign_off(personas, "Asked")
    page = _home(client_for(personas.practitioner))
    assert "Waiting for your Team Manager&#39;s sign-off" in page
    assert "Screen, assess and send to the CSE team" not in page


def test_the_owner_sees_their_open_actions_with_the_overdue_ones_counted(personas, client_for):
    episode = scenarios.decided(practitioner=personas.practitioner, child=_child(personas, "Actioned"),
                                cse_manager=personas.cse_manager, police=personas.police_coordinator)
    from csepathway.meetings.actions.tests.test_actions import add_action
    from csepathway.meetings.services import meeting_schedule

    starts = timezone.localtime() + dt.timedelta(days=3)
    meeting = meeting_schedule(actor=personas.cse_manager, episode=episode, kind="initial", starts_at=starts,
                               ends_at=starts + dt.timedelta(hours=1), location="Room 1 (test)",
                               chair=personas.mase_chair)
    add_action(meeting, created_by=personas.mase_chair, owner=personas.practitioner,
               due_on=timezone.localdate() - dt.timedelta(days=1), description="Overdue visit (test)")
    add_action(meeting, created_by=personas.mase_chair, owner=personas.practitioner, description="Later (test)")
    add_action(meeting, created_by=personas.mase_chair, owner=personas.practitioner, description="Done (test)",
               status=Action.Status.DONE)
    page = _home(client_for(personas.practitioner))
    assert "MASE actions you own (2, 1 overdue)" in page
    assert "Overdue visit (test)" in page and "Done (test)" not in page
    assert "MASE actions you own" not in _home(client_for(personas.same_team_practitioner))


def _queries(client) -> int:
    with CaptureQueriesContext(connection) as captured:
        _home(client)
    return len(captured)


@pytest.mark.parametrize("role", ["practitioner", "team_manager", "police_coordinator"])
def test_the_home_page_takes_the_same_queries_for_two_episodes_and_twelve(personas, client_for, role):
    client = client_for(getattr(personas, role))
    for number in range(2):
        _waiting_for_sign_off(personas, f"Few{number}")
        scenarios.submitted(practitioner=personas.practitioner, child=_child(personas, f"Sent{number}"))
    few = _queries(client)
    for number in range(10):
        _waiting_for_sign_off(personas, f"Many{number}")
        scenarios.submitted(practitioner=personas.practitioner, child=_child(personas, f"More{number}"))
    assert _queries(client) == few


def test_the_cse_roles_see_the_workspace_counts_with_the_late_ones_marked(personas, client_for):
    from csepathway.episodes.models import Episode

    late = scenarios.submitted(practitioner=personas.practitioner, child=_child(personas, "Late"))
    Episode.objects.filter(pk=late.pk).update(decision_due_on=timezone.localdate() - dt.timedelta(days=1))
    scenarios.submitted(practitioner=personas.practitioner, child=_child(personas, "Ontime"))
    for role in ("cse_worker", "cse_manager", "police_coordinator"):
        page = _home(client_for(getattr(personas, role)))
        section = page.split('data-home="workspace"')[1].split("</section>")[0]
        assert "Decisions waiting" in section and ">2<" in section.replace(" ", "").replace("\n", "")
        assert "Decisions overdue" in section and "govuk-tag--red" in section
    for role in ("practitioner", "team_manager", "mase_chair", "auditor"):
        assert 'data-home="workspace"' not in _home(client_for(getattr(personas, role)))


def _meeting(personas, name, starts):
    from csepathway.meetings.services import meeting_schedule

    episode = scenarios.decided(practitioner=personas.practitioner, child=_child(personas, name),
                                cse_manager=personas.cse_manager, police=personas.police_coordinator)
    return meeting_schedule(actor=personas.cse_manager, episode=episode, kind="initial", starts_at=starts,
                            ends_at=starts + dt.timedelta(hours=1), location=f"Room {name} (test)",
                            chair=personas.mase_chair)


def test_the_chair_sees_their_next_meetings_and_the_minutes_to_publish(personas, client_for, time_machine):
    soon = timezone.localtime() + dt.timedelta(days=2)
    _meeting(personas, "Held", timezone.localtime() + dt.timedelta(hours=1))
    _meeting(personas, "Coming", soon)
    time_machine.move_to(timezone.localtime() + dt.timedelta(hours=3))
    page = _home(client_for(personas.mase_chair))
    assert "Minutes to publish (1)" in page and "Your next meetings (1)" in page
    assert page.index("Minutes to publish") < page.index("Your next meetings")
    other_chair = personas.mase_chair.__class__.objects.create(username="second.chair", role="mase_chair",
                                                               team=personas.mase_chair.team)
    assert "You have no meetings to chair yet." in _home(client_for(other_chair))
    assert 'data-home="meetings"' not in _home(client_for(personas.cse_manager))


def test_information_governance_sees_its_queues(personas, client_for):
    from csepathway.oversight.models import AccessAlert
    from csepathway.subject_access import services as sar_services

    child = _child(personas, "Subject")
    sar_services.sar_start(actor=personas.auditor, child=child, requester="The child (test)",
                           received_on=timezone.localdate() - dt.timedelta(days=40))
    now = timezone.now()
    AccessAlert.objects.create(user=personas.practitioner, kind=AccessAlert.Kind.values[0], window_start=now,
                               window_end=now, count=21, raised_at=now)
    page = _home(client_for(personas.auditor))
    requests = page.split('data-home="subject-access"')[1].split("</section>")[0]
    assert "Open requests" in requests and "govuk-tag--red" in requests  # received 40 days ago: overdue
    alerts = page.split('data-home="alerts"')[1].split("</section>")[0]
    assert "Waiting for review" in alerts and ">1<" in alerts.replace(" ", "").replace("\n", "")
    for role in ("practitioner", "cse_manager", "police_coordinator"):
        other = _home(client_for(getattr(personas, role)))
        assert 'data-home="subject-access"' not in other and 'data-home="alerts"' not in other
