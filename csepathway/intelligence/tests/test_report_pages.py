"""Every report page with the personas: the author, a same-team practitioner (who sees that a report
exists, not what it says), an outsider (404), the police coordinator and a CSE role."""

import pytest
from django.urls import reverse

from csepathway.intelligence.conftest import INFORMATION, SUBJECT
from csepathway.intelligence.models import IntelligenceReport, ReportPerson

pytestmark = pytest.mark.django_db

REPORT_POST = {"subject": SUBJECT, "information": INFORMATION, "how_learned": "seen"}


def test_the_practitioner_writes_a_draft_from_the_episode(personas, client_for, episode):
    client = client_for(personas.practitioner)
    page = client.get(reverse("episodes:detail", args=[episode.pk]))
    assert "Intelligence to the police" in page.text
    assert reverse("intelligence:new", args=[episode.pk]) in page.text

    response = client.post(reverse("intelligence:new", args=[episode.pk]), REPORT_POST)

    report = IntelligenceReport.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("intelligence:detail", args=[report.pk])
    assert report.author == personas.practitioner and report.child == episode.child
    assert report.status == IntelligenceReport.Status.DRAFT


def test_the_draft_form_explains_what_is_missing(personas, client_for, episode):
    response = client_for(personas.practitioner).post(reverse("intelligence:new", args=[episode.pk]), {})
    assert response.status_code == 200
    for message in ("Enter who or what the report is about", "Enter the information", "Select how you learned this"):
        assert message in response.text
    assert not IntelligenceReport.objects.exists()


@pytest.mark.parametrize(("role", "status"), [
    ("practitioner", 200), ("same_team_practitioner", 200), ("team_manager", 200), ("cse_worker", 200),
    ("cse_manager", 200), ("outsider", 404), ("police_coordinator", 403), ("auditor", 404),
])
def test_who_may_start_a_report(personas, client_for, episode, role, status):
    assert client_for(getattr(personas, role)).get(reverse("intelligence:new", args=[episode.pk])).status_code == status


@pytest.mark.parametrize("role", ["practitioner", "police_coordinator", "cse_worker", "cse_manager"])
def test_the_author_the_police_and_the_cse_team_read_the_content(personas, client_for, draft, role):
    report = draft()
    response = client_for(getattr(personas, role)).get(reverse("intelligence:detail", args=[report.pk]))
    assert response.status_code == 200
    assert SUBJECT in response.text and INFORMATION in response.text and "Darren Testperson" in response.text


@pytest.mark.parametrize("role", ["same_team_practitioner", "team_manager"])
def test_a_colleague_sees_that_a_report_exists_but_not_what_it_says(personas, client_for, draft, episode, role):
    report = draft()
    client = client_for(getattr(personas, role))
    response = client.get(reverse("intelligence:detail", args=[report.pk]))
    assert response.status_code == 200
    assert "Draft" in response.text
    for secret in (SUBJECT, INFORMATION, "Darren Testperson", "AB12CDE", "AB12 CDE"):
        assert secret not in response.text
    panel = client.get(reverse("episodes:detail", args=[episode.pk]))
    assert reverse("intelligence:detail", args=[report.pk]) in panel.text
    assert "Report drafted" in panel.text and SUBJECT not in panel.text


def test_the_author_sees_the_subject_on_the_episode(personas, client_for, draft, episode):
    draft()
    assert SUBJECT in client_for(personas.practitioner).get(reverse("episodes:detail", args=[episode.pk])).text


@pytest.mark.parametrize("role", ["outsider", "other_team_manager", "auditor", "system_admin", "mase_chair"])
def test_outsiders_get_404(personas, client_for, draft, role):
    report = draft()
    client = client_for(getattr(personas, role))
    for name in ("intelligence:detail", "intelligence:edit", "intelligence:send"):
        assert client.get(reverse(name, args=[report.pk])).status_code == 404
    assert client.get(reverse("intelligence:piece_add", args=[report.pk, "phone"])).status_code == 404


def test_the_police_do_not_see_reports_on_an_episode_not_yet_submitted(personas, client_for, child):
    from csepathway.episodes import scenarios
    from csepathway.intelligence import services

    episode = scenarios.draft_episode(practitioner=personas.practitioner, child=child)
    report = services.report_create(actor=personas.practitioner, episode=episode, data={
        "subject": SUBJECT, "information": INFORMATION, "how_learned": "seen"})
    for role in ("police_coordinator", "cse_manager"):
        assert client_for(getattr(personas, role)).get(
            reverse("intelligence:detail", args=[report.pk])).status_code == 404


@pytest.mark.parametrize(("role", "status"), [
    ("practitioner", 200), ("cse_manager", 200), ("same_team_practitioner", 403), ("police_coordinator", 403),
])
def test_who_may_change_a_draft(personas, client_for, draft, role, status):
    report = draft()
    client = client_for(getattr(personas, role))
    assert client.get(reverse("intelligence:edit", args=[report.pk])).status_code == status
    assert client.get(reverse("intelligence:piece_add", args=[report.pk, "phone"])).status_code == status
    assert client.get(reverse("intelligence:send", args=[report.pk])).status_code == status


def test_a_stale_save_is_refused_with_an_explanation(personas, client_for, draft):
    report = draft()
    data = {**REPORT_POST, "version": str(report.version - 1), "subject": "Changed subject (test)"}
    response = client_for(personas.practitioner).post(reverse("intelligence:edit", args=[report.pk]), data)
    assert response.status_code == 409
    assert "Someone else changed this report" in response.text
    report.refresh_from_db()
    assert report.subject == SUBJECT


def test_adding_and_removing_a_piece(personas, client_for, draft):
    report = draft()
    client = client_for(personas.practitioner)
    response = client.post(reverse("intelligence:piece_add", args=[report.pk, "phone"]),
                           {"number": "+44 7700 900982", "whose": "Darren (test)", "how_learned": "told_by_other"})
    assert response.status_code == 302
    assert report.phones.get().number == "07700900982"
    person = ReportPerson.objects.get(report=report)
    response = client.post(reverse("intelligence:piece_remove", args=[report.pk, "person", person.pk]))
    assert response.status_code == 302
    assert not report.persons.exists()
    assert client.post(reverse("intelligence:piece_add", args=[report.pk, "nonsense"]), {}).status_code == 404


@pytest.mark.parametrize(("name", "message"), [("J Smith", "Give full names, not initials"),
                                               ("J.S.", "the police cannot search on initials"),
                                               ("Darren", "first name and last name")])
def test_a_person_named_by_initials_is_refused_with_why(personas, client_for, draft, name, message):
    report = draft()
    response = client_for(personas.practitioner).post(reverse("intelligence:piece_add", args=[report.pk, "person"]),
                                                      {"full_name": name, "how_learned": "seen"})
    assert response.status_code == 200
    assert message in response.text
    assert report.persons.count() == 1


def test_a_bad_registration_is_refused_beside_the_field(personas, client_for, draft):
    report = draft()
    response = client_for(personas.practitioner).post(reverse("intelligence:piece_add", args=[report.pk, "vehicle"]),
                                                      {"registration": "NOT A PLATE", "how_learned": "seen"})
    assert response.status_code == 200
    assert "Enter a UK registration" in response.text


def test_the_check_page_sends_the_report(personas, client_for, draft, django_capture_on_commit_callbacks):
    report = draft()
    client = client_for(personas.practitioner)
    page = client.get(reverse("intelligence:send", args=[report.pk]))
    assert page.status_code == 200 and "Darren Testperson" in page.text
    with django_capture_on_commit_callbacks(execute=False):
        response = client.post(reverse("intelligence:send", args=[report.pk]), {"version": str(report.version)})
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.status == IntelligenceReport.Status.SENT


def test_sending_without_a_mailbox_says_so(personas, client_for, draft, settings):
    settings.POLICE_INTELLIGENCE_MAILBOX = ""
    report = draft()
    response = client_for(personas.practitioner).post(reverse("intelligence:send", args=[report.pk]),
                                                      {"version": str(report.version)})
    assert response.status_code == 400
    assert "no police intelligence mailbox is set up" in response.text


def test_a_report_about_a_person_named_by_initials_is_refused_as_its_people_are(personas, client_for, draft):
    report = draft()
    data = {**REPORT_POST, "version": str(report.version), "subject": "J Testperson"}
    response = client_for(personas.practitioner).post(reverse("intelligence:edit", args=[report.pk]), data)
    assert response.status_code in (200, 400)
    assert "the police cannot search on initials" in response.text
    report.refresh_from_db()
    assert report.subject == SUBJECT


def test_the_report_page_links_to_what_the_fib_and_3x5x2_are(personas, client_for, draft):
    report = draft()
    page = client_for(personas.practitioner).get(reverse("intelligence:detail", args=[report.pk])).text
    assert reverse("core:glossary") + "#fib" in page
