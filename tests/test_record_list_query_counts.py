"""The lists inside one record make the same number of queries however long they grow (issue 11),
as tests/test_list_query_counts.py shows for the service's list pages: each page is read with two
rounds of rows and again with nine, and the counts must be equal and under a stated ceiling.

The pages covered, with the rows that grow on them:

- children:detail, the child's record: its episodes, meetings (with their reviews and actions), case
  notes and plan panels, as closed episodes with a held MASE each pile up on one child;
- casefile:chronology, the same child's chronology (every part of the record, a page of 100 events);
- children:restriction: the record's restrictions over time, each reviewed, a lift declined, lifted;
- episodes:detail: the episode's conversations, the Team Manager's advice and intelligence reports;
- meetings:invitations and meetings:meeting_actions: a meeting's invitations and its actions, on the
  pages under the meeting (the meeting page counts them past twenty);
- meetings:minutes_item: one agenda item's actions and agreed interventions;
- intelligence:detail: a report's pieces (people, vehicles, places...);
- intelligence:register_entry: the children and reports linked to one person of concern;
- subject_access:detail: a request's bundle, gathered from everything held about the child;
- retention:child: the record's legal holds and disposal proposals.

A child's NRM referral and intelligence reports have no list page of their own: they are listed in the
episode page's panels (one referral an episode; the reports, covered above) and in the chronology.
"""

import dataclasses
import datetime as dt
from collections.abc import Callable

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from csepathway.children.restrictions import services as restrictions
from csepathway.children.tests.factories import ChildFactory
from csepathway.demo import pathway
from csepathway.episodes import scenarios
from csepathway.episodes import services as episode_services
from csepathway.intelligence import services as intelligence_services
from csepathway.intelligence.models import PersonOfConcern
from csepathway.meetings import services as meeting_services
from csepathway.meetings.invitations.services import invitee_add
from csepathway.meetings.minutes import services as minutes_services
from csepathway.notes.models import CaseNote
from csepathway.notes.services import case_note_add
from csepathway.retention import services as retention_services
from csepathway.retention.tests.builders import make_due, second_auditor
from csepathway.subject_access import services as sar_services

pytestmark = pytest.mark.django_db

FEW, MORE = 2, 9
MARK = "(count test)"  # in the text of every row these tests add
REPORT = {"subject": f"Seen at the gates {MARK}", "information": "Seen twice this week.", "how_learned": "seen",
          "happened_on": None, "learned_on": None}


@dataclasses.dataclass(frozen=True)
class RecordPage:
    """`build(personas)` makes the record and returns `url()` and `add(n)`, which adds n rounds of
    rows to its lists. `marker` is text the rows show, to prove they are listed. `ceiling`: the most
    queries the page may make: what it makes on PostgreSQL (one query more than SQLite for each audit
    event), plus two. That includes the header's count of unread notifications, one query on every
    page (docs/adr/0053)."""

    viewer: str
    build: Callable
    marker: str
    ceiling: int


def queries(client, url: str) -> tuple[int, str]:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return len(captured), response.text


def decided(personas, child):
    return scenarios.decided(practitioner=personas.practitioner, child=child, cse_manager=personas.cse_manager,
                             police=personas.police_coordinator)


def scheduled(personas, episode, kind="initial", *, under_way=False):
    """A meeting in two weeks, or one `under_way` (started a minute ago, ending in two hours): people
    can still be invited to it and its minutes recorded (docs/adr/0040)."""
    starts = timezone.now() + (dt.timedelta(minutes=-1) if under_way else dt.timedelta(days=14))
    return meeting_services.meeting_schedule(
        actor=personas.cse_manager, episode=episode, kind=kind, starts_at=starts,
        ends_at=starts + dt.timedelta(hours=2), location="Room 1 (test)", online_link="", chair=personas.mase_chair)


def case_round(personas, child) -> None:
    """One closed episode more on the child's record: its MASE held (attendance, minutes, two
    actions, a need and intervention for the plan), a case note and an intelligence report sent."""
    practitioner = personas.practitioner
    episode = decided(personas, child)
    pathway._hold_demo_meeting(episode=episode, users={"mase.chair": personas.mase_chair,
                                                       "cse.manager": personas.cse_manager})
    case_note_add(actor=practitioner, child=child, kind=CaseNote.Kind.GENERAL, title=f"Home visit {MARK}",
                  body="Visited at home.", deliver=False)
    report = intelligence_services.report_create(actor=practitioner, episode=episode, data=REPORT)
    intelligence_services.report_send(actor=practitioner, report=report, expected_version=report.version)
    episode_services.episode_close(actor=practitioner, episode=episode, reason="risk_reduced")


# The records and their lists ----------------------------------------------------------------------

def child_record(url_name):
    def build(personas):
        child = ChildFactory(allocated_team=personas.team, allocated_worker=personas.practitioner)

        def add(n):
            for _ in range(n):
                case_round(personas, child)

        return lambda: reverse(url_name, args=[child.pk]), add

    return build


def restriction(personas):
    child = ChildFactory(allocated_team=personas.team, allocated_worker=personas.practitioner)
    manager, team_manager = personas.cse_manager, personas.team_manager

    def add(n):
        for _ in range(n):
            made = restrictions.restriction_create(actor=manager, child=child, reason="high_profile",
                                                   allowed_users=[personas.practitioner, team_manager],
                                                   allowed_teams=[personas.team])
            restrictions.restriction_review(actor=manager, restriction=made, note=f"Still needed {MARK}",
                                            next_review_due=timezone.localdate() + dt.timedelta(days=90))
            restrictions.restriction_lift_request(actor=team_manager, child=child, reason="No longer needed.")
            restrictions.restriction_lift_decline(actor=manager, child=child, reason=f"Still in the news {MARK}")
            restrictions.restriction_lift_request(actor=team_manager, child=child, reason="No longer needed.")
            restrictions.restriction_lift_approve(actor=manager, child=child)

    return lambda: reverse("children:restriction", args=[child.pk]), add


def episode(personas):
    practitioner = personas.practitioner
    found = decided(personas, ChildFactory(allocated_team=personas.team, allocated_worker=practitioner))

    def add(n):
        for index in range(n):
            episode_services.conversation_record(
                actor=practitioner, episode=found, held_with="child" if index % 2 else "parents",
                held_on=timezone.localdate(), people="The child (test)", views=f"Wants to stay at school {MARK}")
            episode_services.manager_advice_record(actor=practitioner, episode=found, manager=personas.team_manager,
                                                   given_on=timezone.localdate(), advice="Screen now (test).")
            report = intelligence_services.report_create(actor=practitioner, episode=found, data=REPORT)
            if index % 2:
                intelligence_services.report_send(actor=practitioner, report=report, expected_version=report.version)

    return lambda: reverse("episodes:detail", args=[found.pk]), add


def meeting_part(url_name: str):
    return lambda personas: _meeting(personas, url_name)


def _meeting(personas, url_name: str):
    first = decided(personas, ChildFactory(allocated_team=personas.team, allocated_worker=personas.practitioner))
    held = scheduled(personas, first, kind="contextual", under_way=True)  # several children on one agenda

    def add(n):
        for index in range(n):
            other = decided(personas, ChildFactory(allocated_team=personas.team,
                                                   allocated_worker=personas.practitioner))
            item = meeting_services.agenda_item_add(actor=personas.cse_manager, meeting=held, episode=other)
            invitee_add(actor=personas.practitioner, meeting=held, kind="professional", name=f"Nurse {index} {MARK}",
                        relationship="School nurse", agency="Testshire Health", email="")
            invitee_add(actor=personas.practitioner, meeting=held, kind="family", name=f"Parent {index} {MARK}",
                        relationship="Parent", agenda_item=item, email="")
            minutes_services.action_add(actor=personas.mase_chair, agenda_item=item, description=f"Check-in {MARK}",
                                        kind="support", owner_name="", owner=personas.practitioner,
                                        agency="Testshire Council", due_on=timezone.localdate())

    return lambda: reverse(url_name, args=[held.pk]), add


def minutes_item(personas):
    found = decided(personas, ChildFactory(allocated_team=personas.team, allocated_worker=personas.practitioner))
    held = scheduled(personas, found, under_way=True)
    item = held.agenda_items.get()

    def add(n):
        for index in range(n):
            owner = personas.practitioner if index % 2 else None
            minutes_services.action_add(actor=personas.mase_chair, agenda_item=item, description=f"Check-in {MARK}",
                                        kind="support", owner_name="" if owner else "PC Dee", owner=owner,
                                        agency="Testshire Police", due_on=timezone.localdate())
            minutes_services.intervention_add(actor=personas.mase_chair, agenda_item=item,
                                              need=f"A trusted adult {MARK}", intervention="Weekly sessions.")

    return lambda: reverse("meetings:minutes_item", args=[held.pk, item.pk]), add


def report(personas):
    practitioner = personas.practitioner
    found = scenarios.submitted(practitioner=practitioner,
                                child=ChildFactory(allocated_team=personas.team, allocated_worker=practitioner))
    draft = intelligence_services.report_create(actor=personas.practitioner, episode=found, data=REPORT)
    pieces = {
        "person": {"full_name": f"Darren Testperson {MARK}", "date_of_birth": None, "aliases": "", "description": ""},
        "vehicle": {"registration": "RT12TST", "make": f"Testmake {MARK}", "model": "", "colour": "Blue"},
        "place": {"address": f"Test Street {MARK}", "description": ""},
        "description": {"text": f"Tall, with a scar {MARK}"},
    }

    def add(n):
        for _ in range(n):
            for kind, data in pieces.items():
                intelligence_services.piece_add(actor=personas.practitioner, report=draft, kind=kind,
                                                data={**data, "how_learned": "told_by_child"})

    return lambda: reverse("intelligence:detail", args=[draft.pk]), add


def register_entry(personas):
    person = PersonOfConcern.objects.create(full_name="Darren Counttestperson", name_key="darren counttestperson")

    def add(n):
        for _ in range(n):
            found = scenarios.submitted(practitioner=personas.practitioner,
                                        child=ChildFactory(allocated_team=personas.team, last_name="Counttestchild"))
            person.episodes.add(found)
            person.reports.add(intelligence_services.report_create(actor=personas.practitioner, episode=found,
                                                                   data=REPORT))

    return lambda: reverse("intelligence:register_entry", args=["person", person.pk]), add


def subject_access(personas):
    child = ChildFactory(allocated_team=personas.team, allocated_worker=personas.practitioner)
    latest = {}

    def add(n):
        for _ in range(n):
            case_round(personas, child)
        # A request gathered now bundles everything held so far.
        sar = sar_services.sar_start(actor=personas.auditor, child=child, requester=f"The child {MARK}",
                                     received_on=timezone.localdate())
        latest["sar"] = sar_services.sar_gather(actor=personas.auditor, sar=sar, expected_version=sar.version)

    return lambda: reverse("subject_access:detail", args=[latest["sar"].pk]), add


def retention(personas):
    child = ChildFactory(allocated_team=personas.team, allocated_worker=personas.practitioner)
    scenarios.closed(practitioner=personas.practitioner, child=child, cse_manager=personas.cse_manager,
                     police=personas.police_coordinator)
    make_due(child)
    other = second_auditor()

    def add(n):
        for _ in range(n):
            hold = retention_services.legal_hold_place(actor=personas.auditor, child=child, reason=f"A claim {MARK}")
            retention_services.legal_hold_release(actor=other, hold=hold, reason="Settled.")
            proposal = retention_services.disposal_propose(actor=personas.auditor, child=child)
            retention_services.disposal_decline(actor=other, proposal=proposal, reason=f"A sibling's case {MARK}")

    return lambda: reverse("retention:child", args=[child.pk]), add


# These sessions are signed in without a second factor, so each page also asks django-otp for each
# kind of device (authenticator, backup codes, passkeys): three queries a verified session does not make.
PAGES = {
    # The record and the chronology also read the child's missing episodes (issue 15: a count, or
    # the entries) and the record its banners (the repeated-missing prompt).
    "a child's record, to the case holder": RecordPage("practitioner", child_record("children:detail"), MARK, 28),
    "a child's record, to the CSE manager": RecordPage("cse_manager", child_record("children:detail"), MARK, 30),
    "a child's chronology, to the case holder": RecordPage("practitioner", child_record("casefile:chronology"),
                                                           MARK, 28),
    "a child's chronology, to the CSE manager": RecordPage("cse_manager", child_record("casefile:chronology"),
                                                           MARK, 28),
    "a record's restrictions": RecordPage("cse_manager", restriction, MARK, 23),
    "an episode, to the case holder": RecordPage("practitioner", episode, MARK, 24),
    "an episode, to the police": RecordPage("police_coordinator", episode, MARK, 24),
    # The meeting page itself counts invitees and actions past twenty (meetings/tests/test_meeting_parts.py);
    # the lists are on the pages under it.
    "a meeting's invitations, to the chair": RecordPage("mase_chair", meeting_part("meetings:invitations"), MARK, 26),
    "a meeting's invitations, to a case holder": RecordPage("practitioner", meeting_part("meetings:invitations"),
                                                            MARK, 27),
    "a meeting's actions, to the chair": RecordPage("mase_chair", meeting_part("meetings:meeting_actions"), MARK, 26),
    "a meeting's actions, to a case holder": RecordPage("practitioner", meeting_part("meetings:meeting_actions"),
                                                        MARK, 27),
    "an agenda item's minutes": RecordPage("mase_chair", minutes_item, MARK, 22),
    "an intelligence report": RecordPage("practitioner", report, MARK, 23),
    "a person on the register": RecordPage("cse_manager", register_entry, "Counttestchild", 18),
    "a subject access request's bundle": RecordPage("auditor", subject_access, MARK, 17),
    "a record's retention": RecordPage("auditor", retention, MARK, 19),
}


@pytest.mark.parametrize("page", PAGES.values(), ids=PAGES.keys())
def test_a_records_lists_make_the_same_queries_for_two_rounds_and_nine(personas, client_for, settings, page):
    settings.POLICE_INTELLIGENCE_MAILBOX = "fib@police.test.invalid"
    url, add = page.build(personas)
    client = client_for(getattr(personas, page.viewer))
    add(FEW)
    client.get(url())  # the first request of a session fills caches the others reuse
    few, few_text = queries(client, url())
    add(MORE - FEW)
    more, more_text = queries(client, url())

    assert more_text.count(page.marker) > few_text.count(page.marker) > 0, "the rows are not on the page"
    assert more == few
    assert few <= page.ceiling
