"""Recording an NRM referral as made logs a disclosure outside the council, in the same transaction."""

import datetime as dt

import pytest

from csepathway.core.services import StaleEdit
from csepathway.nrm import services
from csepathway.oversight.disclosures import services as disclosure_services
from csepathway.oversight.models import Disclosure

from .builders import complete_every_section, referred

pytestmark = pytest.mark.django_db


def test_a_referral_made_is_logged_as_a_disclosure_without_its_content(personas, referral, child):
    made = referred(personas.practitioner, referral, dt.date.today())

    [entry] = Disclosure.objects.all()
    assert entry.child_id == child.pk
    assert entry.recipient == "Home Office Single Competent Authority (NRM)"
    assert entry.lawful_basis == disclosure_services.NRM_REFERRAL
    assert entry.shared == "NRM referral form answers"
    assert entry.disclosed_by == personas.practitioner
    assert (entry.object_type, entry.object_id) == ("nrm.nrmreferral", str(made.pk))
    assert child.first_name not in entry.shared + entry.purpose + entry.recipient


def test_the_same_referral_recorded_twice_is_logged_once(personas, referral):
    made = referred(personas.practitioner, referral, dt.date.today())
    services.referral_mark_referred(actor=personas.practitioner, referral=made, referred_on=made.referred_on,
                                    reference=made.reference, expected_version=made.version)

    assert Disclosure.objects.count() == 1


def test_a_refused_referral_logs_no_disclosure(personas, referral):
    referral = complete_every_section(personas.practitioner, referral)
    with pytest.raises(StaleEdit):
        services.referral_mark_referred(actor=personas.practitioner, referral=referral, referred_on=dt.date.today(),
                                        reference="NRM-1", expected_version=referral.version - 1)

    assert not Disclosure.objects.exists()
