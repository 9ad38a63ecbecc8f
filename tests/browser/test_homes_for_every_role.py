"""The home page's sections (issue 12, point 1) in the browser, for the roles whose work they find:
information governance's emergency accesses and disposals due (counts only), the police
coordinator's intelligence reports to grade, and the practitioner's children and unread case notes.
axe checks every page."""

import datetime as dt

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from csepathway.children.models import BreakGlassGrant
from csepathway.children.tests.factories import ChildFactory
from csepathway.episodes import scenarios
from csepathway.intelligence import services as intelligence_services
from csepathway.intelligence.models import IntelligenceReport
from csepathway.notes.models import CaseNote
from csepathway.notes.services import case_note_add
from csepathway.retention.tests.builders import make_due

from .conftest import check_page, sign_in

pytestmark = pytest.mark.browser


@pytest.fixture(autouse=True)
def _mailbox(settings):
    settings.POLICE_INTELLIGENCE_MAILBOX = "fib-intelligence@police.test.invalid"


def _sent_report(personas, child, days_ago: int) -> IntelligenceReport:
    episode = scenarios.submitted(practitioner=personas.practitioner, child=child)
    report = intelligence_services.report_create(actor=personas.practitioner, episode=episode, data={
        "subject": "Darren Testperson, seen near the school", "information": "Seen at the gates (test).",
        "how_learned": "told_by_child", "happened_on": None, "learned_on": None})
    intelligence_services.piece_add(actor=personas.practitioner, report=report, kind="person", data={
        "full_name": "Darren Testperson", "date_of_birth": None, "aliases": "", "description": "",
        "how_learned": "told_by_child"})
    report.refresh_from_db()
    intelligence_services.report_send(actor=personas.practitioner, report=report, expected_version=report.version)
    IntelligenceReport.objects.filter(pk=report.pk).update(sent_at=timezone.now() - dt.timedelta(days=days_ago))
    return report


def test_information_governance_sees_emergency_accesses_and_disposals_due(page, live_server, personas):
    now = timezone.now()
    child = ChildFactory(first_name="Glass", last_name="Hometestchild", allocated_team=personas.team)
    BreakGlassGrant.objects.create(user=personas.outsider, child=child, reason="Emergency (test)",
                                   confirmed_with="totp", granted_at=now, expires_at=now + dt.timedelta(hours=4))
    for name in ("Olden", "Elder"):
        make_due(ChildFactory(first_name=name, last_name="Disposaltestchild"))

    sign_in(page, live_server, personas.auditor)
    expect(page.get_by_role("heading", name="Emergency accesses to review")).to_be_visible()
    expect(page.get_by_role("heading", name="Disposals due")).to_be_visible()
    expect(page.get_by_text("Disposaltestchild")).to_have_count(0)
    check_page(page, "homes-01-auditor")
    page.get_by_role("link", name="Review the emergency accesses").click()
    expect(page.get_by_role("heading", name="Emergency access to review")).to_be_visible()
    check_page(page, "homes-01b-auditor-emergency-access-queue")


def test_the_police_coordinator_sees_the_reports_to_grade(page, live_server, personas):
    for number, days in enumerate((3, 11)):
        child = ChildFactory(first_name=f"Graded{number}", last_name="Hometestchild", allocated_team=personas.team)
        _sent_report(personas, child, days)

    sign_in(page, live_server, personas.police_coordinator)
    section = page.locator('[data-home="grading"]')
    expect(section.get_by_role("heading", name="Intelligence reports to grade (2)")).to_be_visible()
    check_page(page, "homes-02-police-coordinator")
    section.get_by_role("link", name="Graded1 Hometestchild").click()
    expect(page.get_by_role("button", name="Record the police reference and grading")).to_be_visible()
    check_page(page, "homes-02b-police-report-to-grade")


def test_the_practitioner_sees_their_children_and_the_notes_they_have_not_read(page, live_server, personas):
    child = ChildFactory(first_name="Noted", last_name="Hometestchild", allocated_team=personas.team,
                         allocated_worker=personas.practitioner, lcs_reference="LCS-HOME-7")
    note = case_note_add(actor=personas.cse_manager, child=child, kind=CaseNote.Kind.CSE_DECISION,
                         title="CSE team decision: MASE required", body="Agreed risk level: High (test).",
                         notify=[personas.practitioner], deliver=False)

    sign_in(page, live_server, personas.practitioner)
    expect(page.get_by_role("heading", name="Your children (1)")).to_be_visible()
    expect(page.get_by_role("heading", name="Case notes you have not read (1)")).to_be_visible()
    check_page(page, "homes-03-practitioner")
    page.get_by_role("link", name=note.title).click()
    expect(page.get_by_role("heading", name=note.title)).to_be_visible()
    check_page(page, "homes-03b-practitioner-note-opened")
    page.goto(live_server.url + "/")
    expect(page.get_by_role("heading", name="Your children (1)")).to_be_visible()
    expect(page.locator('[data-home="unread-notes"]')).to_have_count(0)
    check_page(page, "homes-03c-practitioner-note-read")
