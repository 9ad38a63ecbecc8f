"""The action tracker with the personas: across meetings, per episode, on the meeting page, and the
version-checked status change. Actions are made directly here: the minutes create them."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from csepathway.audit.models import AuditEvent
from csepathway.core.services import StaleEdit
from csepathway.meetings.actions import services as action_services
from csepathway.meetings.conftest import CHILD_FIRST
from csepathway.meetings.models import Action, ItemMinutes, MaseMeeting

pytestmark = pytest.mark.django_db

SECRET_DESCRIPTION = "Return home interview after the missing episode (test)"


def add_action(meeting, *, created_by, owner=None, due_on=None, status=Action.Status.NOT_STARTED,
               kind=Action.Kind.SUPPORT, description=SECRET_DESCRIPTION, owner_name="Dana Owner",
               agency="Testshire Health") -> Action:
    """An action as the minutes would record it (helper shared by the other action test modules)."""
    item = meeting.agenda_items.select_related("episode").first()
    return Action.objects.create(
        agenda_item=item, episode=item.episode, description=description, kind=kind,
        owner_name=owner.get_full_name() if owner else owner_name, owner=owner, agency=agency,
        due_on=due_on or timezone.localdate() + dt.timedelta(days=14), status=status, created_by=created_by)


def publish_minutes(meeting, *, chair, next_review_on=None) -> ItemMinutes:
    """The meeting held and its minutes published (helper shared by the review cycle tests)."""
    item = meeting.agenda_items.first()
    minutes = ItemMinutes.objects.create(agenda_item=item, risk_level="high", risk_level_rationale="Confirmed.",
                                         next_review_on=next_review_on, recorded_by=chair)
    MaseMeeting.objects.filter(pk=meeting.pk).update(state=MaseMeeting.State.HELD, minutes_published_at=timezone.now(),
                                                     minutes_published_by=chair)
    meeting.refresh_from_db()
    return minutes


@pytest.fixture
def meeting(schedule):
    return schedule()


@pytest.fixture
def action(personas, meeting):
    return add_action(meeting, created_by=personas.mase_chair)


def yesterday() -> dt.date:
    return timezone.localdate() - dt.timedelta(days=1)


# Who sees the tracker

@pytest.mark.parametrize("role", ["practitioner", "same_team_practitioner", "team_manager", "cse_worker",
                                  "cse_manager", "police_coordinator", "mase_chair"])
def test_who_may_see_an_action_in_the_tracker(personas, client_for, action, role):
    response = client_for(getattr(personas, role)).get(reverse("meetings:actions"))
    assert response.status_code == 200
    assert SECRET_DESCRIPTION in response.text
    assert reverse("meetings:action", args=[action.pk]) in response.text
    assert AuditEvent.objects.filter(verb="actions.viewed", object_id="1").exists()


@pytest.mark.parametrize("role", ["outsider", "other_team_manager", "auditor", "system_admin"])
def test_others_get_an_empty_tracker(personas, client_for, action, role):
    response = client_for(getattr(personas, role)).get(reverse("meetings:actions"))
    assert response.status_code == 200
    assert SECRET_DESCRIPTION not in response.text
    assert CHILD_FIRST not in response.text
    assert "No actions match" in response.text


def test_an_owner_outside_the_case_sees_only_the_actions_they_own(personas, client_for, meeting, action):
    own = add_action(meeting, created_by=personas.mase_chair, owner=personas.outsider, description="Outsider's own")
    client = client_for(personas.outsider)
    tracker = client.get(reverse("meetings:actions")).text
    assert "Outsider&#39;s own" in tracker or "Outsider's own" in tracker
    assert SECRET_DESCRIPTION not in tracker
    assert client.get(reverse("meetings:action", args=[own.pk])).status_code == 200
    assert client.get(reverse("meetings:action", args=[action.pk])).status_code == 404


@pytest.mark.parametrize("role", ["outsider", "other_team_manager", "auditor"])
def test_someone_elses_action_is_404_and_the_refusal_is_audited(personas, client_for, action, role):
    response = client_for(getattr(personas, role)).get(reverse("meetings:action", args=[action.pk]))
    assert response.status_code == 404
    assert SECRET_DESCRIPTION not in response.text
    assert AuditEvent.objects.filter(verb="action.viewed", object_id=str(action.pk),
                                     outcome=AuditEvent.Outcome.DENIED).exists()


def test_the_navigation_offers_mase_actions_to_the_tracker_roles_only(personas):
    from csepathway.core import navigation

    for role in ("practitioner", "team_manager", "police_coordinator", "mase_chair", "cse_worker", "cse_manager"):
        labels = [item["text"] for item in navigation.items_for(getattr(personas, role))]
        assert "Actions" in labels
    for role in ("auditor", "system_admin"):
        assert "Actions" not in [item["text"] for item in navigation.items_for(getattr(personas, role))]


# Overdue actions stand out, and the filters

def test_an_overdue_action_carries_a_red_overdue_tag(personas, client_for, meeting):
    add_action(meeting, created_by=personas.mase_chair, due_on=yesterday(), description="Late one")
    add_action(meeting, created_by=personas.mase_chair, due_on=yesterday(), status=Action.Status.DONE,
               description="Done late")
    page = client_for(personas.practitioner).get(reverse("meetings:actions")).text
    assert page.count("govuk-tag--red\">Overdue") == 1
    assert "1 action is overdue" in page


def test_the_filters_pick_by_status_kind_and_overdue(personas, client_for, meeting):
    add_action(meeting, created_by=personas.mase_chair, due_on=yesterday(), description="Late support")
    add_action(meeting, created_by=personas.mase_chair, kind=Action.Kind.DISRUPTION, description="Disrupt a place")
    add_action(meeting, created_by=personas.mase_chair, status=Action.Status.DONE, description="Finished")
    client = client_for(personas.cse_worker)

    def shown(**query):
        page = client.get(reverse("meetings:actions"), query).text
        return {name for name in ("Late support", "Disrupt a place", "Finished") if name in page}

    assert shown() == {"Late support", "Disrupt a place"}, "the tracker opens on what is still to do"
    assert shown(status="") == {"Late support", "Disrupt a place", "Finished"}
    assert shown(overdue="on") == {"Late support"}
    assert shown(kind="disruption") == {"Disrupt a place"}
    assert shown(status="open") == {"Late support", "Disrupt a place"}
    assert shown(status="done") == {"Finished"}
    assert shown(status="nonsense") == {"Late support", "Disrupt a place", "Finished"}


# The per-episode tracker, linked from the child's record and the meeting page

@pytest.mark.parametrize("role", ["practitioner", "same_team_practitioner", "police_coordinator", "mase_chair",
                                  "cse_manager"])
def test_the_episode_tracker_lists_that_episodes_actions(personas, client_for, episode, action, role):
    response = client_for(getattr(personas, role)).get(reverse("meetings:episode_actions", args=[episode.pk]))
    assert response.status_code == 200
    assert SECRET_DESCRIPTION in response.text
    assert CHILD_FIRST in response.text


@pytest.mark.parametrize("role", ["outsider", "other_team_manager", "auditor"])
def test_the_episode_tracker_is_404_for_others(personas, client_for, episode, action, role):
    response = client_for(getattr(personas, role)).get(reverse("meetings:episode_actions", args=[episode.pk]))
    assert response.status_code == 404
    assert AuditEvent.objects.filter(verb="actions.viewed", object_id=str(episode.pk),
                                     outcome=AuditEvent.Outcome.DENIED).exists()


def test_the_childs_record_links_to_the_episode_tracker_with_the_overdue_count(personas, client_for, child, episode,
                                                                               meeting):
    add_action(meeting, created_by=personas.mase_chair, due_on=yesterday())
    add_action(meeting, created_by=personas.mase_chair)
    page = client_for(personas.practitioner).get(reverse("children:detail", args=[child.pk])).text
    assert reverse("meetings:episode_actions", args=[episode.pk]) in page
    assert "2 actions, 1 overdue" in page


def test_the_meeting_page_lists_its_actions_by_item_with_a_link_to_the_tracker(personas, client_for, episode, meeting,
                                                                               action):
    page = client_for(personas.mase_chair).get(reverse("meetings:detail", args=[meeting.pk])).text
    assert "Item 1: Rosalind Testchild" in page
    assert SECRET_DESCRIPTION in page
    assert reverse("meetings:episode_actions", args=[episode.pk]) in page


def test_a_meeting_without_actions_shows_no_action_section(personas, client_for, meeting):
    page = client_for(personas.mase_chair).get(reverse("meetings:detail", args=[meeting.pk])).text
    assert "All actions for this child" not in page


# A fixed number of queries however many actions

def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


@pytest.mark.parametrize("url_name", ["meetings:actions", "meetings:episode_actions", "meetings:meeting_actions"])
def test_the_tracker_and_the_meetings_actions_page_queries_are_the_same_for_5_and_50_actions(
        personas, client_for, episode, meeting, url_name, django_assert_num_queries):
    args = {"meetings:actions": [], "meetings:episode_actions": [episode.pk], "meetings:meeting_actions": [meeting.pk]}
    url = reverse(url_name, args=args[url_name])
    client = client_for(personas.cse_manager)
    for index in range(5):
        add_action(meeting, created_by=personas.mase_chair, owner=personas.practitioner if index % 2 else None,
                   due_on=yesterday() if index % 3 else None)
    five = _queries(client, url)
    for index in range(45):
        owner = personas.same_team_practitioner if index % 2 else None
        add_action(meeting, created_by=personas.mase_chair, owner=owner, due_on=yesterday() if index % 3 else None)
    with django_assert_num_queries(five):
        client.get(url)


# Changing the status

@pytest.mark.parametrize("role", ["practitioner", "same_team_practitioner", "team_manager", "cse_worker", "mase_chair"])
def test_case_holders_cse_roles_and_the_chair_mark_an_action_done(personas, client_for, action, role):
    response = client_for(getattr(personas, role)).post(reverse("meetings:action", args=[action.pk]),
                                                        {"status": "done", "version": action.version})
    assert response.status_code == 302
    action.refresh_from_db()
    assert action.status == Action.Status.DONE
    assert action.completed_at is not None
    assert action.version == 2
    event = AuditEvent.objects.get(verb="action.status_changed", object_id=str(action.pk))
    assert event.child_id == action.episode.child_id
    assert set(event.changed_fields) == {"status", "completed_at"}


def test_the_owner_marks_their_own_action_in_progress(personas, client_for, meeting):
    own = add_action(meeting, created_by=personas.mase_chair, owner=personas.outsider)
    response = client_for(personas.outsider).post(reverse("meetings:action", args=[own.pk]),
                                                  {"status": "in_progress", "version": own.version})
    assert response.status_code == 302
    own.refresh_from_db()
    assert own.status == Action.Status.IN_PROGRESS and own.completed_at is None


def test_the_police_coordinator_sees_the_action_but_cannot_change_it(personas, client_for, action):
    client = client_for(personas.police_coordinator)
    page = client.get(reverse("meetings:action", args=[action.pk]))
    assert page.status_code == 200
    assert "Save status" not in page.text
    response = client.post(reverse("meetings:action", args=[action.pk]), {"status": "done", "version": action.version})
    assert response.status_code == 403
    action.refresh_from_db()
    assert action.status == Action.Status.NOT_STARTED


def test_an_outsider_cannot_change_someone_elses_action(personas, client_for, action):
    response = client_for(personas.outsider).post(reverse("meetings:action", args=[action.pk]),
                                                  {"status": "done", "version": action.version})
    assert response.status_code == 404
    action.refresh_from_db()
    assert action.status == Action.Status.NOT_STARTED


def test_a_stale_status_change_is_refused_with_an_explanation(personas, client_for, action):
    opened_at = action.version
    action_services.action_status_set(actor=personas.cse_worker, action=action, status="in_progress",
                                      version=opened_at)
    response = client_for(personas.practitioner).post(reverse("meetings:action", args=[action.pk]),
                                                      {"status": "cancelled", "version": opened_at})
    assert response.status_code == 409
    assert "Someone else changed this action to &#39;In progress&#39;" in response.text
    assert "Your change has not been saved" in response.text
    action.refresh_from_db()
    assert action.status == Action.Status.IN_PROGRESS
    assert f'name="version" value="{action.version}"' in response.text


def test_a_double_clicked_status_change_saves_once(personas, action):
    version = action.version
    action_services.action_status_set(actor=personas.practitioner, action=action, status="done", version=version)
    again = action_services.action_status_set(actor=personas.practitioner, action=action, status="done",
                                              version=version)
    assert again.version == version + 1
    assert AuditEvent.objects.filter(verb="action.status_changed", object_id=str(action.pk)).count() == 1


def test_the_service_refuses_a_stale_version_and_an_unauthorised_actor(personas, action):
    with pytest.raises(StaleEdit):
        action_services.action_status_set(actor=personas.practitioner, action=action, status="done",
                                          version=action.version + 5)
    with pytest.raises(PermissionDenied):
        action_services.action_status_set(actor=personas.police_coordinator, action=action, status="done",
                                          version=action.version)
    assert AuditEvent.objects.filter(verb="action.status_changed", outcome=AuditEvent.Outcome.DENIED).exists()
    action.refresh_from_db()
    assert action.status == Action.Status.NOT_STARTED


def test_reopening_a_done_action_clears_when_it_was_done(personas, action):
    done = action_services.action_status_set(actor=personas.practitioner, action=action, status="done",
                                             version=action.version)
    reopened = action_services.action_status_set(actor=personas.practitioner, action=done, status="in_progress",
                                                 version=done.version)
    assert reopened.completed_at is None


def test_choosing_no_status_explains_what_is_wrong(personas, client_for, action):
    response = client_for(personas.practitioner).post(reverse("meetings:action", args=[action.pk]),
                                                      {"version": action.version})
    assert response.status_code == 200
    assert "There is a problem" in response.text
    assert "Select the status" in response.text


def test_the_chair_loses_sight_of_a_restricted_childs_actions_unless_allowed(personas, client_for, episode, action):
    from csepathway.children.models import RestrictionReason
    from csepathway.children.restrictions.services import restriction_create

    client = client_for(personas.mase_chair)
    assert client.get(reverse("meetings:episode_actions", args=[episode.pk])).status_code == 200
    restriction = restriction_create(actor=personas.team_manager, child=episode.child,
                                     reason=RestrictionReason.STAFF, allowed_users=[personas.practitioner])
    assert client.get(reverse("meetings:episode_actions", args=[episode.pk])).status_code == 404
    assert action.description not in client.get(reverse("meetings:actions")).text
    restriction.allowed_users.add(personas.mase_chair)
    assert client.get(reverse("meetings:episode_actions", args=[episode.pk])).status_code == 200


def test_the_tracker_shows_fifty_actions_a_page_and_counts_every_overdue_one(personas, client_for, meeting):
    for _ in range(51):
        add_action(meeting, created_by=personas.mase_chair, due_on=yesterday())
    client = client_for(personas.cse_manager)
    first = client.get(reverse("meetings:actions")).content.decode()
    second = client.get(reverse("meetings:actions"), {"page": 2, "status": "open"}).content.decode()
    assert "51 actions" in first and "51 actions are overdue" in first  # the count covers both pages
    assert "page=2" in first
    assert second.count('class="govuk-table__row"') == 2  # the heading and one action


def test_a_case_holders_tracker_reaches_actions_by_every_route_and_no_other(personas, meeting):
    """The case holder's scope is a UNION of routes (ADR 0036): each route is checked on its own here,
    with a restricted child and someone else's child beside them."""
    from csepathway.children.models import BreakGlassGrant, RestrictionReason
    from csepathway.children.restrictions.services import restriction_create
    from csepathway.children.tests.factories import ChildFactory
    from csepathway.episodes.scenarios import draft_episode
    from csepathway.meetings.actions.access import visible_actions

    south = personas.other_team_manager.team
    item = meeting.agenda_items.first()

    def action_for(child, **fields):
        episode = draft_episode(practitioner=personas.outsider, child=child)
        return Action.objects.create(agenda_item=item, episode=episode, description="Route (test)",
                                     owner_name="Dana Owner", due_on=timezone.localdate(),
                                     created_by=personas.mase_chair, **fields)

    team = add_action(meeting, created_by=personas.mase_chair)  # a child of the practitioner's team
    own = action_for(ChildFactory(allocated_team=south, allocated_worker=personas.practitioner))
    granted_child = ChildFactory(allocated_team=south)
    granted = action_for(granted_child)
    now = timezone.now()
    BreakGlassGrant.objects.create(user=personas.practitioner, child=granted_child, reason="Emergency (test)",
                                   confirmed_with="password", granted_at=now, expires_at=now + dt.timedelta(hours=4))
    owned = action_for(ChildFactory(allocated_team=south), owner=personas.practitioner)
    elsewhere = action_for(ChildFactory(allocated_team=south))
    restricted_child = ChildFactory(allocated_team=personas.team)
    restricted = action_for(restricted_child)
    restriction_create(actor=personas.team_manager, child=restricted_child, reason=RestrictionReason.STAFF,
                       allowed_users=[personas.team_manager])

    seen = set(visible_actions(personas.practitioner).values_list("pk", flat=True))
    assert seen == {team.pk, own.pk, granted.pk, owned.pk}
    assert elsewhere.pk not in seen and restricted.pk not in seen
    # The same action reached by two routes (their team's child, and theirs to do) is listed once.
    Action.objects.filter(pk=team.pk).update(owner=personas.practitioner)
    assert visible_actions(personas.practitioner).filter(pk=team.pk).count() == 1
    assert visible_actions(personas.team_manager).filter(pk=restricted.pk).count() == 1
