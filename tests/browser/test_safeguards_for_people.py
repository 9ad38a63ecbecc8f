"""Pages added for issue 13, points 6, 10 and 11, walked in the browser; axe checks every page:
the intelligence report offering what the assessment names, the access history found by name and
filtered, and a subject access bundle offering the withheld item's identifiers for redaction."""

import datetime as dt

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from csepathway.assessments.services import assessment_section_save
from csepathway.children import selectors as child_selectors
from csepathway.children.tests.factories import ChildFactory
from csepathway.episodes import scenarios
from csepathway.intelligence import services as intelligence_services
from csepathway.notes.models import CaseNote
from csepathway.notes.services import case_note_add
from csepathway.subject_access import services as sar_services
from csepathway.subject_access.models import BundleItem

from .conftest import check_page, sign_in

pytestmark = pytest.mark.browser


def test_the_report_offers_the_assessments_associate(page, live_server, personas):
    child = ChildFactory(first_name="Kit", last_name="Offertestchild", allocated_team=personas.team)
    episode = scenarios.ready_to_submit(practitioner=personas.practitioner, child=child, sign_off=False)
    assessment = episode.assessment
    associates = {"any_known": "yes", "entries": [{"name": "Darren Testperson", "nickname": "Daz",
                                                   "description": "Older male (test)",
                                                   "vehicle": "Silver Ford Focus AB12 CDE"}]}
    assessment_section_save(actor=personas.practitioner, assessment=assessment, section="associates",
                            expected_version=assessment.version, complete=True, answers=associates)
    report = intelligence_services.report_create(actor=personas.practitioner, episode=episode, data={
        "subject": "Darren Testperson, seen near the school", "information": "Seen at the gates (test).",
        "how_learned": "told_by_child", "happened_on": None, "learned_on": None})

    sign_in(page, live_server, personas.practitioner)
    page.goto(f"{live_server.url}/intelligence/{report.pk}/add/vehicle")
    check_page(page, "people-01-report-offers")
    page.get_by_role("link", name="Use AB12 CDE").click()
    expect(page.get_by_label("Registration")).to_have_value("AB12CDE")
    check_page(page, "people-02-report-offer-chosen")


def test_information_governance_finds_a_child_by_name_and_filters_the_history(page, live_server, personas):
    child = ChildFactory(first_name="Rowan", last_name="Historytestchild", allocated_team=personas.team,
                         allocated_worker=personas.practitioner, lcs_reference="LCS-HIST-9")
    for _ in range(3):
        child_selectors.child_get(actor=personas.practitioner, child_id=child.pk)

    sign_in(page, live_server, personas.auditor)
    page.goto(f"{live_server.url}/audit/access-history")
    check_page(page, "people-03-history-search")
    page.get_by_label("Child's name or reference").fill("Historytestchild")
    page.get_by_role("button", name="Find the child").click()
    check_page(page, "people-03-history-found-by-name")  # the same address with ?name=
    page.get_by_role("link", name="Rowan Historytestchild").click()
    expect(page.get_by_text("Opened the record (3 times)")).to_be_visible()
    expect(page.get_by_role("cell", name="Practitioner", exact=True)).to_be_visible()
    check_page(page, "people-04-history")
    page.get_by_label("Kind of access").select_option("refused")
    page.get_by_role("button", name="Filter").click()
    expect(page.get_by_text("Nothing matches these filters.")).to_be_visible()
    check_page(page, "people-05-history-filtered")


def test_a_withheld_items_details_are_offered_for_redaction_elsewhere(page, live_server, personas):
    child = ChildFactory(first_name="Morgan", last_name="Sartestchild", allocated_team=personas.team,
                         lcs_reference="LCS-SAR-9")
    case_note_add(actor=personas.practitioner, child=child, kind=CaseNote.Kind.GENERAL, title="Call from uncle",
                  body="Ray Testuncle phoned from 07700 900982.", deliver=False)
    case_note_add(actor=personas.practitioner, child=child, kind=CaseNote.Kind.GENERAL, title="Home visit",
                  body="Morgan said Ray Testuncle gives lifts (test).", deliver=False)
    sar = sar_services.sar_start(actor=personas.auditor, child=child, requester="The child (test)",
                                 received_on=timezone.localdate() - dt.timedelta(days=2))
    sar = sar_services.sar_gather(actor=personas.auditor, sar=sar, expected_version=sar.version)
    withheld = BundleItem.objects.get(request=sar, title__contains="Call from uncle")
    sar_services.bundle_item_review(actor=personas.auditor, item=withheld, expected_version=withheld.version,
                                    decision="withhold", exemption="third_party")

    sign_in(page, live_server, personas.auditor)
    page.goto(f"{live_server.url}/subject-access/{sar.pk}")
    expect(page.get_by_text("Names and details from withheld items appear elsewhere")).to_be_visible()
    check_page(page, "people-06-sar-offers")
    page.get_by_role("button", name="Redact the ticked details").click()
    expect(page.get_by_text("Redactions added to 1 item")).to_be_visible()
    check_page(page, "people-07-sar-redacted")
    page.get_by_role("button", name="Release the rest in full").click()
    expect(page.get_by_text("released in full.")).to_be_visible()
    check_page(page, "people-08-sar-rest-released")


def test_the_team_manager_and_the_practitioner_find_their_work_on_the_home_page(new_page, live_server, personas):
    from csepathway.episodes.sign_off_services import assessment_sign_off_request

    child = ChildFactory(first_name="Sky", last_name="Hometestchild", allocated_team=personas.team)
    episode = scenarios.ready_to_submit(practitioner=personas.practitioner, child=child, sign_off=False)
    assessment_sign_off_request(actor=personas.practitioner, episode=episode)
    scenarios.returned(practitioner=personas.practitioner, police=personas.police_coordinator,
                       child=ChildFactory(first_name="Rae", last_name="Hometestchild", allocated_team=personas.team))

    manager = new_page()
    sign_in(manager, live_server, personas.team_manager)
    expect(manager.get_by_role("heading", name="Assessments waiting for your sign-off (1)")).to_be_visible()
    check_page(manager, "home-team-manager-with-work")
    manager.get_by_role("region", name="Assessments waiting for your sign-off", exact=True).get_by_role(
        "link", name="Sky Hometestchild").click()
    expect(manager.get_by_role("link", name="Sign off or return the assessment")).to_be_visible()
    check_page(manager, "home-team-manager-to-the-episode")

    practitioner = new_page()
    sign_in(practitioner, live_server, personas.practitioner)
    expect(practitioner.get_by_role("heading", name="Your episodes (2)")).to_be_visible()
    expect(practitioner.get_by_text("Returned to you: change the assessment and send it again")).to_be_visible()
    check_page(practitioner, "home-practitioner-with-work")
