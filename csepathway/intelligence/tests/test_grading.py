"""Only the police coordinator records the police reference and the 3x5x2 grading; a C handling code
narrows who can read the content to the author, the police coordinator and the CSE Team Manager."""

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from csepathway.core.refusals import Refused
from csepathway.intelligence import services
from csepathway.intelligence.conftest import INFORMATION, SUBJECT, grade
from csepathway.intelligence.models import IntelligenceReport

pytestmark = pytest.mark.django_db

GRADE_POST = {"police_reference": "FIB/2026/0042", "source_evaluation": "2", "intelligence_assessment": "B",
              "handling_code": "P"}


def test_the_police_coordinator_grades_a_sent_report(personas, client_for, sent):
    report = sent()
    client = client_for(personas.police_coordinator)
    assert "Record the police reference and grading" in client.get(
        reverse("intelligence:detail", args=[report.pk])).text
    assert client.get(reverse("intelligence:grade", args=[report.pk])).status_code == 200

    response = client.post(reverse("intelligence:grade", args=[report.pk]), {**GRADE_POST, "version": report.version})

    assert response.status_code == 302
    report.refresh_from_db()
    assert report.status == IntelligenceReport.Status.ACKNOWLEDGED
    assert report.grading == "2BP" and report.police_reference == "FIB/2026/0042"
    assert report.graded_by == personas.police_coordinator and report.graded_at
    assert "FIB/2026/0042" in client_for(personas.practitioner).get(
        reverse("intelligence:detail", args=[report.pk])).text


@pytest.mark.parametrize("role", ["practitioner", "same_team_practitioner", "outsider", "cse_worker", "cse_manager",
                                  "team_manager", "mase_chair"])
def test_nobody_else_may_grade(personas, client_for, sent, role):
    report = sent()
    user = getattr(personas, role)
    client = client_for(user)
    assert client.get(reverse("intelligence:grade", args=[report.pk])).status_code == 403
    assert client.post(reverse("intelligence:grade", args=[report.pk]),
                       {**GRADE_POST, "version": report.version}).status_code == 403
    with pytest.raises(PermissionDenied):
        services.report_grade(
            actor=user, report=report, expected_version=report.version, data=GRADE_POST)
    report.refresh_from_db()
    assert report.status == IntelligenceReport.Status.SENT and not report.police_reference


def test_a_draft_cannot_be_graded(personas, client_for, draft):
    report = draft()
    with pytest.raises(Refused, match="not been sent"):
        grade(personas, report)
    response = client_for(personas.police_coordinator).get(reverse("intelligence:grade", args=[report.pk]))
    assert response.status_code == 302


def test_the_grading_form_says_what_is_missing(personas, client_for, sent):
    report = sent()
    response = client_for(personas.police_coordinator).post(reverse("intelligence:grade", args=[report.pk]),
                                                            {"version": report.version})
    for message in ("Enter the police reference", "Select the source evaluation",
                    "Select the intelligence assessment", "Select the handling code"):
        assert message in response.text


@pytest.mark.parametrize(("role", "reads"), [
    ("practitioner", True), ("police_coordinator", True), ("cse_manager", True), ("cse_worker", False),
    ("same_team_practitioner", False),
])
def test_a_c_handling_code_narrows_who_reads_the_content(personas, client_for, sent, role, reads):
    report = sent()
    grade(personas, report, handling_code="C")
    response = client_for(getattr(personas, role)).get(reverse("intelligence:detail", args=[report.pk]))
    assert response.status_code == 200
    assert "Graded by the police" in response.text
    assert (SUBJECT in response.text) is reads
    assert (INFORMATION in response.text) is reads


def test_with_a_p_code_the_cse_worker_still_reads_it(personas, client_for, sent):
    report = sent()
    grade(personas, report, handling_code="P")
    assert SUBJECT in client_for(personas.cse_worker).get(reverse("intelligence:detail", args=[report.pk])).text


def test_the_police_coordinator_grades_a_report_sent_before_the_episode_reached_the_cse_team(
        personas, client_for, child, settings, django_capture_on_commit_callbacks):
    from csepathway.episodes import scenarios
    from csepathway.intelligence.conftest import REPORT_DATA

    settings.POLICE_INTELLIGENCE_MAILBOX = "fib@police.test.invalid"
    draft_episode = scenarios.draft_episode(practitioner=personas.practitioner, child=child)
    report = services.report_create(actor=personas.practitioner, episode=draft_episode, data=REPORT_DATA)
    client = client_for(personas.police_coordinator)
    assert client.get(reverse("intelligence:detail", args=[report.pk])).status_code == 404
    with django_capture_on_commit_callbacks(execute=True):
        services.report_send(actor=personas.practitioner, report=report, expected_version=report.version)
    report.refresh_from_db()
    assert client.get(reverse("intelligence:detail", args=[report.pk])).status_code == 200
    response = client.post(reverse("intelligence:grade", args=[report.pk]), {**GRADE_POST, "version": report.version})
    assert response.status_code == 302
    # The episode itself stays out of the police coordinator's sight until it is submitted.
    assert client.get(reverse("episodes:detail", args=[draft_episode.pk])).status_code == 404
