"""Sending a report to the police logs a disclosure outside the council, in the same transaction."""

import pytest

from csepathway.core.refusals import Refused
from csepathway.intelligence import services
from csepathway.intelligence.conftest import INFORMATION, POLICE_MAILBOX, SUBJECT
from csepathway.oversight.disclosures import services as disclosure_services
from csepathway.oversight.models import Disclosure

pytestmark = pytest.mark.django_db


def test_a_report_sent_to_the_police_is_logged_as_a_disclosure_without_its_content(personas, sent, child):
    report = sent()

    [entry] = Disclosure.objects.all()
    assert entry.child_id == child.pk
    assert POLICE_MAILBOX in entry.recipient
    assert entry.lawful_basis == disclosure_services.CRIME_PREVENTION
    assert entry.disclosed_by == personas.practitioner
    assert (entry.object_type, entry.object_id) == ("intelligence.intelligencereport", str(report.pk))
    logged = entry.recipient + entry.purpose + entry.shared
    for secret in (SUBJECT, INFORMATION, "Darren", "AB12CDE", "AB12 CDE", child.first_name):
        assert secret not in logged


def test_a_double_clicked_send_logs_one_disclosure(personas, sent):
    report = sent()

    services.report_send(actor=personas.practitioner, report=report, expected_version=report.version)

    assert Disclosure.objects.count() == 1


def test_a_send_without_a_mailbox_logs_nothing(personas, draft, settings):
    settings.POLICE_INTELLIGENCE_MAILBOX = ""
    report = draft()

    with pytest.raises(Refused):
        services.report_send(actor=personas.practitioner, report=report, expected_version=report.version)

    assert not Disclosure.objects.exists()
