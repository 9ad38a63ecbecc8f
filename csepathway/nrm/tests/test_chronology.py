"""The NRM's events for the child's chronology, for the referrals the viewer may see."""

import datetime as dt

import pytest
from django.urls import reverse

from csepathway.nrm import services
from csepathway.nrm.selectors import nrm_events_for_child

from .builders import referred

pytestmark = pytest.mark.django_db


def test_every_nrm_event_with_its_date_and_link(personas, referral, child):
    referral = referred(personas.practitioner, referral, dt.date(2026, 1, 5), reference="NRM-9")
    referral = services.reasonable_grounds_record(actor=personas.practitioner, referral=referral,
                                                  outcome="positive", decided_on=dt.date(2026, 1, 9),
                                                  expected_version=referral.version)
    referral = services.guardian_referral_record(actor=personas.practitioner, referral=referral, referred=True,
                                                 referred_on=dt.date(2026, 1, 12), expected_version=referral.version)
    referral = services.conclusive_grounds_record(actor=personas.practitioner, referral=referral,
                                                  outcome="positive", decided_on=dt.date(2026, 2, 20),
                                                  expected_version=referral.version)
    events = nrm_events_for_child(actor=personas.police_coordinator, child=child)
    assert [(e["at"], e["title"]) for e in events] == [
        (dt.date(2026, 1, 5), "NRM referral made"),
        (dt.date(2026, 1, 9), "NRM reasonable-grounds decision"),
        (dt.date(2026, 2, 20), "NRM conclusive-grounds decision"),
        (dt.date(2026, 1, 12), "Referred to an Independent Child Trafficking Guardian"),
    ]
    assert events[0]["detail"] == "To the Single Competent Authority, reference NRM-9"
    assert events[1]["detail"].startswith("Positive")
    assert {e["href"] for e in events} == {reverse("nrm:detail", args=[referral.pk])}
    assert all("\n" not in e["detail"] for e in events)


def test_a_referral_being_prepared_is_not_an_event_yet(personas, referral, child):
    assert nrm_events_for_child(actor=personas.practitioner, child=child) == []


def test_nothing_for_someone_who_may_not_see_the_referral(personas, referral, child):
    referred(personas.practitioner, referral, dt.date(2026, 1, 5))
    assert nrm_events_for_child(actor=personas.outsider, child=child) == []
    assert nrm_events_for_child(actor=personas.auditor, child=child) == []
    assert len(nrm_events_for_child(actor=personas.same_team_practitioner, child=child)) == 1


def test_the_query_count_does_not_grow_with_the_referrals(personas, child, django_assert_num_queries):
    from .builders import episode_with_types

    for _ in range(3):
        episode = episode_with_types(personas, child, ["trafficking"])
        referred(personas.practitioner, services.referral_start(actor=personas.practitioner, episode=episode),
                 dt.date(2026, 1, 5))
    with django_assert_num_queries(1):
        assert len(nrm_events_for_child(actor=personas.cse_worker, child=child)) == 3
