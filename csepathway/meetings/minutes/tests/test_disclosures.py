"""Publishing minutes logs a disclosure for each attendee without an account who is sent them, for
each child whose part their link opens; colleagues with an account are not disclosures."""

import pytest

from csepathway.core.refusals import Refused
from csepathway.meetings.minutes import services as minutes_services
from csepathway.oversight.disclosures import services as disclosure_services
from csepathway.oversight.models import Disclosure

from .conftest import EXTERNAL_EMAIL, FAMILY_EMAIL

pytestmark = pytest.mark.django_db


def test_each_external_attendee_sent_the_minutes_is_logged(personas, item, published):
    entries = {e.recipient: e for e in Disclosure.objects.all()}

    assert len(entries) == 2
    health = next(e for r, e in entries.items() if EXTERNAL_EMAIL in r)
    family = next(e for r, e in entries.items() if FAMILY_EMAIL in r)
    assert "Hana Health" in health.recipient and "Testshire NHS Trust" in health.recipient
    assert health.shared == "MASE minutes (download link): every item of the meeting"
    assert family.shared == "MASE minutes (download link): this child's item"
    for entry in (health, family):
        assert entry.child_id == item.episode.child_id
        assert entry.lawful_basis == disclosure_services.SAFEGUARDING
        assert entry.disclosed_by == personas.mase_chair
        assert (entry.object_type, entry.object_id) == ("meetings.masemeeting", str(published.pk))
    assert not any(personas.police_coordinator.email in r for r in entries)  # has an account: not a share out


def test_publishing_twice_logs_the_disclosures_once(personas, published):
    minutes_services.minutes_publish(actor=personas.mase_chair, meeting=published)

    assert Disclosure.objects.count() == 2


def test_minutes_that_cannot_be_published_log_nothing(personas, meeting, attendees):
    with pytest.raises(Refused):
        minutes_services.minutes_publish(actor=personas.mase_chair, meeting=meeting)

    assert not Disclosure.objects.exists()
