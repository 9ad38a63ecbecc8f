"""The audit app raises unusual-access alerts; the notes app hands it the outbox email at start-up,
so information governance is emailed without the audit app importing the one above it."""

from csepathway.audit import alert_services
from csepathway.notes.services import notification_email


def test_alerts_are_emailed_through_the_outbox():
    assert notification_email in alert_services._notifiers
