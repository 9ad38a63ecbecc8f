"""The child's chronology: every part of the story the viewer may see, in date order, and nothing
they may not; an outsider gets a 404, and the read is audited."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from csepathway.audit.models import AuditEvent
from csepathway.casefile.selectors import chronology_for_child
from csepathway.children import records_held
from csepathway.children.records_held import ChronologyEvent
from csepathway.children.tests.factories import ChildFactory
from csepathway.episodes import scenarios, services

pytestmark = pytest.mark.django_db


@pytest.fixture
def child(personas):
    return ChildFactory(first_name="Morgan", last_name="Testchild", allocated_team=personas.team)


@pytest.fixture
def decided(personas, child):
    episode = scenarios.draft_episode(practitioner=personas.practitioner, child=child)
    services.manager_advice_record(actor=personas.practitioner, episode=episode, manager=personas.team_manager,
                                   given_on=episode.created_at.date(), advice="Screen now (test).")
    episode = scenarios.decided(practitioner=personas.practitioner, child=child, cse_manager=personas.cse_manager,
                                police=personas.police_coordinator)
    return episode


def _page(client, child):
    return client.get(reverse("casefile:chronology", args=[child.pk]))


def test_the_practitioner_reads_the_whole_story_oldest_first(personas, client_for, child, decided):
    response = _page(client_for(personas.practitioner), child)
    assert response.status_code == 200
    text = response.text
    order = [text.index(words) for words in (
        "Concern recorded", "Submitted to the CSE team", "Decided: MASE required", "CSE team decision: MASE required")]
    assert order == sorted(order)
    assert "Team Manager&#39;s advice" in text or "Team Manager's advice" in text
    assert "Risk level High" in text
    event = AuditEvent.objects.get(verb="child.chronology_viewed", actor=personas.practitioner)
    assert (event.outcome, event.child_id) == (AuditEvent.Outcome.ALLOWED, child.pk)


def test_a_same_team_practitioner_reads_it_too(personas, client_for, child, decided):
    assert _page(client_for(personas.same_team_practitioner), child).status_code == 200


@pytest.mark.parametrize("persona", ["outsider", "other_team_manager", "auditor", "system_admin"])
def test_anyone_outside_the_childs_scope_gets_404_and_the_refusal_is_audited(personas, client_for, child, decided,
                                                                               persona):
    user = getattr(personas, persona)
    response = _page(client_for(user), child)
    assert response.status_code in (403, 404)
    if response.status_code == 404:
        assert AuditEvent.objects.filter(verb="child.chronology_viewed", actor=user,
                                         outcome=AuditEvent.Outcome.DENIED).exists()


def test_the_police_coordinator_never_sees_a_draft_episode(personas, client_for, child):
    scenarios.draft_episode(practitioner=personas.practitioner, child=child)
    assert _page(client_for(personas.police_coordinator), child).status_code == 404


def test_the_police_coordinator_sees_the_submitted_story(personas, client_for, child, decided):
    response = _page(client_for(personas.police_coordinator), child)
    assert response.status_code == 200
    assert "Submitted to the CSE team" in response.text


def test_the_childs_record_links_to_the_chronology(personas, client_for, child):
    response = client_for(personas.practitioner).get(reverse("children:detail", args=[child.pk]))
    assert reverse("casefile:chronology", args=[child.pk]) in response.text


def test_the_query_count_does_not_grow_with_the_story(personas, client_for, child):
    client = client_for(personas.cse_manager)
    scenarios.closed(practitioner=personas.practitioner, child=child, cse_manager=personas.cse_manager,
                     police=personas.police_coordinator)
    with CaptureQueriesContext(connection) as one:
        _page(client, child)
    for _ in range(3):
        scenarios.closed(practitioner=personas.practitioner, child=child, cse_manager=personas.cse_manager,
                         police=personas.police_coordinator)
    with CaptureQueriesContext(connection) as four:
        _page(client, child)
    assert len(four.captured_queries) == len(one.captured_queries)


def test_nrm_and_intelligence_events_stand_in_date_order_with_the_rest(personas, client_for, child,
                                                                      django_capture_on_commit_callbacks, settings):
    import datetime as dt

    from csepathway.intelligence import services as intelligence_services
    from csepathway.nrm import services as nrm_services
    from csepathway.nrm.tests import builders

    settings.POLICE_INTELLIGENCE_MAILBOX = "fib@police.test.invalid"
    episode = builders.episode_with_types(personas, child, ["criminal"])
    referral = nrm_services.referral_start(actor=personas.practitioner, episode=episode)
    builders.referred(personas.practitioner, referral, on=dt.date.today())
    report = intelligence_services.report_create(actor=personas.practitioner, episode=episode, data={
        "subject": "A car seen at the school gates (test)", "information": "Seen twice this week (test).",
        "how_learned": "seen", "happened_on": dt.date.today(), "learned_on": None})
    with django_capture_on_commit_callbacks(execute=True):
        intelligence_services.report_send(actor=personas.practitioner, report=report, expected_version=report.version)

    text = _page(client_for(personas.practitioner), child).text
    assert "NRM referral made" in text and "Intelligence report sent to the police" in text
    _, events = chronology_for_child(actor=personas.practitioner, child_id=child.pk)
    sources = {event.source for event in events}
    assert {"episode", "nrm", "intelligence"} <= sources
    assert [event.at for event in events] == sorted(event.at for event in events)


def test_every_app_that_registers_a_chronology_is_in_it(personas, child, decided, monkeypatch):
    def later_app(actor, child):
        return [ChronologyEvent(timezone.now() + datetime.timedelta(days=1), "Something a later app holds (test)", "",
                                "", "note")]

    registered = records_held.chronology_providers()
    monkeypatch.setattr(records_held, "chronology_providers", lambda: [*registered, later_app])
    _, events = chronology_for_child(actor=personas.practitioner, child_id=child.pk)
    assert events[-1].title == "Something a later app holds (test)"
    assert {"episode", "note"} <= {event.source for event in events}


def _notes(personas, child, n):
    from csepathway.notes.models import CaseNote
    from csepathway.notes.services import case_note_add

    for i in range(n):
        case_note_add(actor=personas.practitioner, child=child, kind=CaseNote.Kind.GENERAL,
                      title=f"Visit number {i:03d} (test)", body="Visited (test).", deliver=False)


def test_a_long_story_is_shown_a_hundred_events_a_page(personas, client_for, child):
    _notes(personas, child, 105)
    client = client_for(personas.practitioner)
    url = reverse("casefile:chronology", args=[child.pk])

    first, second = client.get(url).content.decode(), client.get(url, {"page": 2}).content.decode()

    assert "105 events" in first
    assert first.count("Visit number") == 100 and second.count("Visit number") == 5
    assert "page=2" in first


def test_the_chronology_shows_one_part_of_the_record_when_asked(personas, client_for, child, decided):
    _notes(personas, child, 2)
    page = client_for(personas.practitioner).get(reverse("casefile:chronology", args=[child.pk]),
                                                 {"kind": "note"}).content.decode()
    assert "Visit number 000" in page and "Concern recorded" not in page
    assert "Showing: case notes" in page


def test_the_record_page_lists_the_latest_notes_and_links_to_the_rest(personas, client_for, child):
    _notes(personas, child, 12)
    page = client_for(personas.practitioner).get(reverse("children:detail", args=[child.pk])).content.decode()
    assert page.count("Visit number") == 10
    assert "The latest 10 of 12 notes" in page
    assert reverse("casefile:chronology", args=[child.pk]) + "?kind=note" in page
