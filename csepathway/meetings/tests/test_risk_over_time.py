"""The child's risk over time (issue 12, point 4; docs/adr/0054): the record shows a chart and a list
of the risk level from each assessment, joint review and MASE, oldest first, each with where it came
from and a link to the episode or meeting, only from what the viewer may see. Episodes gives the
assessment and review points; meetings adds the MASE points, so the whole section is tested here."""

import datetime as dt
import re

import pytest
from django.db import connection, reset_queries
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from csepathway.children.models import RestrictionReason
from csepathway.children.restrictions.services import restriction_create
from csepathway.children.tests.factories import ChildFactory
from csepathway.core.formatting import govuk_date
from csepathway.demo import pathway
from csepathway.episodes import scenarios
from csepathway.episodes import services as episode_services
from csepathway.episodes.models import RiskLevelChange, Transition
from csepathway.episodes.panels import risk_panel
from csepathway.meetings import services as meeting_services
from csepathway.meetings.minutes import services as minutes_services

pytestmark = pytest.mark.django_db

ASSESSMENT = "Assessment by the practitioner"
JOINT_REVIEW = "Joint review by the CSE team and police"


def hold(personas, time_machine, episode, *, kind: str, level: str, others=()):
    """A meeting a week ahead, the clock moved past it, minutes with `level` for each item (the
    `others`: episodes of other children put on a contextual meeting, with their levels) published."""
    starts = timezone.now() + dt.timedelta(days=7)
    meeting = meeting_services.meeting_schedule(
        actor=personas.cse_manager, episode=episode, kind=kind, starts_at=starts,
        ends_at=starts + dt.timedelta(hours=2), location="Room 1 (test)", online_link="", chair=personas.mase_chair)
    for other, _ in others:
        meeting_services.agenda_item_add(actor=personas.cse_manager, meeting=meeting, episode=other)
    time_machine.move_to(meeting.ends_at + dt.timedelta(minutes=30))
    levels = {episode.pk: level, **{other.pk: other_level for other, other_level in others}}
    for item in meeting.agenda_items.all():
        minutes_services.item_minutes_save(
            actor=personas.mase_chair, agenda_item=item, information_shared="Shared at the meeting (test)",
            risk_level=levels[item.episode_id], risk_level_rationale="Agreed by the group (test)",
            next_review_on=timezone.localdate() + dt.timedelta(weeks=6), version=0)
    return minutes_services.minutes_publish(actor=personas.mase_chair, meeting=meeting)


def decide(personas, episode, *, level="high"):
    for reviewer in (personas.cse_manager, personas.police_coordinator):
        episode_services.joint_review_record(actor=reviewer, episode=episode, risk_level=level, mase_required=True,
                                             rationale="Agreed (test).")
    episode.refresh_from_db()
    return episode


def risk_rows(html: str) -> list[list[str]]:
    """The rows of the section's table, each cell's text without its tags."""
    section = html.split('id="risk-over-time"', 1)[1].split("<h2", 1)[0]
    body = section.split('<tbody class="govuk-table__body">', 1)[1].split("</tbody>", 1)[0]
    return [[" ".join(re.sub(r"<[^>]+>", " ", cell).split()) for cell in re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)]
            for row in re.findall(r"<tr[^>]*>(.*?)</tr>", body, re.S)]


def row(at, level, source, opens) -> list[str]:
    return [govuk_date(at), level, source, f"Open the {opens} : {source}, {govuk_date(at)}"]


def record_page(client, child):
    response = client.get(reverse("children:detail", args=[child.pk]))
    assert response.status_code == 200
    return response.text


def test_the_record_shows_each_level_in_date_order_with_where_it_came_from(personas, client_for, child, time_machine):
    episode = scenarios.submitted(practitioner=personas.practitioner, child=child, level="medium")
    submitted_on = timezone.now()
    time_machine.move_to(timezone.now() + dt.timedelta(days=2))
    decide(personas, episode, level="high")
    decided_on = timezone.now()
    initial = hold(personas, time_machine, episode, kind="initial", level="medium")
    # The review confirms Medium: no change of level, but still a point.
    review = hold(personas, time_machine, episode, kind="review", level="medium")

    for viewer in (personas.practitioner, personas.cse_manager, personas.police_coordinator):
        html = record_page(client_for(viewer), child)
        episode_link, initial_link, review_link = (reverse("episodes:detail", args=[episode.pk]),
                                                   reverse("meetings:detail", args=[initial.pk]),
                                                   reverse("meetings:detail", args=[review.pk]))
        assert risk_rows(html) == [
            row(submitted_on, "Medium", ASSESSMENT, "episode"), row(decided_on, "High", JOINT_REVIEW, "episode"),
            row(initial.starts_at, "Medium", "Initial MASE", "meeting"),
            row(review.starts_at, "Medium", "Review MASE", "meeting"),
        ], viewer
        section = html.split('id="risk-over-time"', 1)[1]
        assert section.count(f'href="{episode_link}"') == 2
        assert f'href="{initial_link}"' in section and f'href="{review_link}"' in section
        chart = section.split("</svg>", 1)[0]
        assert chart.count("<circle") == 4 and ">High</text>" in chart and ">Low</text>" in chart


def test_a_returned_assessment_stays_as_history_and_an_escalation_says_so(personas, client_for):
    returned = ChildFactory(allocated_team=personas.team)
    scenarios.returned(practitioner=personas.practitioner, child=returned, police=personas.police_coordinator)
    escalated = ChildFactory(allocated_team=personas.team)
    episode = scenarios.escalated(practitioner=personas.practitioner, child=escalated,
                                  cse_manager=personas.cse_manager, police=personas.police_coordinator)
    episode_services.escalation_decide(actor=personas.cse_manager, episode=episode, risk_level="high",
                                       mase_required=True, rationale="Habitual (test).", next_steps="")
    client = client_for(personas.team_manager)

    assert [row[1:3] for row in risk_rows(record_page(client, returned))] == [
        ["Medium", "Assessment by the practitioner (returned for more information)"]]
    assert [row[1:3] for row in risk_rows(record_page(client, escalated))] == [
        ["Medium", ASSESSMENT], ["High", "Decision on an escalation (the reviewers disagreed)"]]


def test_a_child_with_no_level_yet_has_no_risk_section(personas, client_for, child):
    scenarios.ready_to_submit(practitioner=personas.practitioner, child=child, level="high")
    assert 'id="risk-over-time"' not in record_page(client_for(personas.practitioner), child)


def test_a_level_from_an_episode_the_viewer_may_not_see_is_not_shown(personas, client_for, child):
    """Today someone who sees a child sees every episode that can carry a level, except a draft
    (hidden from the CSE team and the police) and a draft carries none. So the rows a submission
    and decision would leave are written onto a draft by hand: any rule that hides an episode must
    hide its levels too, and the case holder, who may see the draft, shows they would be listed."""
    scenarios.closed(practitioner=personas.practitioner, child=child, cse_manager=personas.cse_manager,
                     police=personas.police_coordinator)
    draft = scenarios.draft_episode(practitioner=personas.practitioner, child=child)
    at = timezone.now()
    RiskLevelChange.objects.create(episode=draft, level="high", changed_by=personas.practitioner, source="test", at=at)
    Transition.objects.create(episode=draft, name="submit", from_state="draft", to_state="draft",
                              actor=personas.practitioner, at=at)

    shown = {viewer: [row[1] for row in risk_rows(record_page(client_for(getattr(personas, viewer)), child))]
             for viewer in ("practitioner", "cse_worker", "police_coordinator")}
    assert shown == {"practitioner": ["Medium", "Low", "High"], "cse_worker": ["Medium", "Low"],
                     "police_coordinator": ["Medium", "Low"]}


def test_another_childs_level_on_the_same_contextual_meeting_is_not_shown(personas, client_for, child, time_machine):
    other_child = ChildFactory(allocated_team=personas.outsider.team)
    other = scenarios.decided(practitioner=personas.outsider, child=other_child, cse_manager=personas.cse_manager,
                              police=personas.police_coordinator, level="low")
    episode = decide(personas, scenarios.submitted(practitioner=personas.practitioner, child=child, level="high"))
    hold(personas, time_machine, episode, kind="contextual", level="high", others=[(other, "low")])

    for viewer in (personas.practitioner, personas.cse_manager):
        rows = risk_rows(record_page(client_for(viewer), child))
        assert [row[1:3] for row in rows] == [["High", ASSESSMENT], ["High", JOINT_REVIEW],
                                              ["High", "Contextual (strategic) MASE"]]


def test_a_restricted_record_and_its_levels_stay_hidden_and_an_outsider_gets_404(personas, client_for, child,
                                                                                  time_machine):
    episode = decide(personas, scenarios.submitted(practitioner=personas.practitioner, child=child))
    hold(personas, time_machine, episode, kind="initial", level="low")
    url = reverse("children:detail", args=[child.pk])
    assert client_for(personas.outsider).get(url).status_code == 404
    assert client_for(personas.mase_chair).get(url).status_code == 404

    restriction_create(actor=personas.cse_manager, child=child, reason=RestrictionReason.HIGH_PROFILE,
                       allowed_users=[personas.practitioner, personas.cse_manager])
    assert client_for(personas.cse_worker).get(url).status_code == 404
    assert client_for(personas.police_coordinator).get(url).status_code == 404
    assert [row[1] for row in risk_rows(record_page(client_for(personas.practitioner), child))] == [
        "Medium", "High", "Low"]


def _rounds(personas, child, n):
    for _ in range(n):
        episode = scenarios.decided(practitioner=personas.practitioner, child=child, cse_manager=personas.cse_manager,
                                    police=personas.police_coordinator)
        pathway._hold_demo_meeting(episode=episode, users={"mase.chair": personas.mase_chair,
                                                           "cse.manager": personas.cse_manager})
        episode_services.episode_close(actor=personas.practitioner, episode=episode, reason="risk_reduced")


@pytest.mark.parametrize("viewer", ["practitioner", "cse_manager"])
def test_the_section_makes_the_same_queries_for_one_episode_and_five(personas, client_for, viewer):
    child = ChildFactory(allocated_team=personas.team, allocated_worker=personas.practitioner)
    user = getattr(personas, viewer)
    request = RequestFactory().get("/")
    request.user = user
    client = client_for(user)
    counts = []
    for added in (1, 4):
        _rounds(personas, child, added)
        # The log keeps the last 9000 queries only; full, it would count nothing.
        reset_queries()
        with CaptureQueriesContext(connection) as section:
            _, context = risk_panel(request, child)
        client.get(reverse("children:detail", args=[child.pk]))  # the first request of a session fills caches
        reset_queries()
        with CaptureQueriesContext(connection) as page:
            rows = risk_rows(record_page(client, child))
        counts.append((len(section), len(page)))
        assert len(rows) == len(context["risk_rows"]) == 3 * (1 if added == 1 else 5)
    # The episodes' steps, their changes of level, and the MASE minutes.
    assert counts[0] == counts[1] and counts[0][0] == 3
