"""The referral's rules: prefilled from the record, one per episode, version-checked, the reasonable-
grounds clock in working days, and the conclusive-grounds decision refused before the recovery period."""

import datetime as dt

import pytest
import time_machine
from django.core.exceptions import PermissionDenied
from django.test import override_settings
from django.urls import reverse

from csepathway.audit.models import AuditEvent
from csepathway.core.refusals import Refused
from csepathway.core.services import StaleEdit
from csepathway.nrm import clocks, presenters, services
from csepathway.nrm.models import NrmReferral

from .builders import COMPLETE_ANSWERS, complete_every_section, episode_with_types, referred

pytestmark = pytest.mark.django_db


def test_starting_fills_in_the_childs_details_from_their_record(personas, referral, child):
    details = referral.content["child"]
    assert details["full_name"] == "Rowan Testchild"
    assert details["also_known_as"] == "Ro"
    assert details["date_of_birth"] == "2010-06-01"
    assert details["age"] == _age(child.date_of_birth)
    assert details["sex"] == "male"
    assert details["languages"] == "Albanian"
    assert referral.completed_sections == []  # every prefilled answer is for the practitioner to check


def _age(born):
    today = dt.date.today()
    return today.year - born.year - ((today.month, today.day) < (born.month, born.day))


def test_starting_fills_in_what_happened_and_the_types_from_the_assessment(personas, child):
    episode = episode_with_types(personas, child, ["sexual_and_criminal", "trafficking"],
                                 details="Taken to parties in other towns (test).")
    referral = services.referral_start(actor=personas.practitioner, episode=episode)
    assert referral.content["exploitation"]["types"] == ["sexual", "criminal"]
    assert "Taken to parties in other towns (test)." in referral.content["what_happened"]["account"]
    assert episode.concern in referral.content["what_happened"]["account"]
    responder = referral.content["first_responder"]
    assert responder["name"] == personas.practitioner.get_full_name()
    assert responder["organisation"] == personas.practitioner.team.agency.name
    assert referral.first_responder == personas.practitioner


def test_the_decision_maker_comes_from_the_deployment_setting(personas, episode):
    with override_settings(NRM_DECISION_MAKER="local_panel"):
        referral = services.referral_start(actor=personas.practitioner, episode=episode)
    assert referral.get_decision_maker_display() == "Local multi-agency panel"
    with override_settings(NRM_DECISION_MAKER="home_office"):
        assert [e.id for e in clocks.check_decision_maker_setting()] == ["nrm.E001"]
    assert clocks.check_decision_maker_setting() == []
    assert clocks.decision_maker() == "sca"


def test_only_the_case_holders_and_the_cse_team_start_one(personas, episode):
    with pytest.raises(PermissionDenied):
        services.referral_start(actor=personas.police_coordinator, episode=episode)
    with pytest.raises(PermissionDenied):
        services.referral_start(actor=personas.outsider, episode=episode)
    assert not NrmReferral.objects.exists()


def test_a_stale_edit_is_refused_and_changes_nothing(personas, referral):
    opened_at = referral.version
    services.referral_section_save(actor=personas.practitioner, referral=referral, section="support",
                                   answers=COMPLETE_ANSWERS["support"], complete=True, expected_version=opened_at)
    with pytest.raises(StaleEdit):
        services.referral_section_save(actor=personas.cse_worker, referral=referral, section="support",
                                       answers={"needs": "Overwritten (test).", "in_place": ""}, complete=True,
                                       expected_version=opened_at)
    referral.refresh_from_db()
    assert referral.content["support"] == COMPLETE_ANSWERS["support"]


def test_the_referral_cannot_be_recorded_as_made_until_every_section_is_done(personas, referral):
    with pytest.raises(Refused, match="Complete every section"):
        services.referral_mark_referred(actor=personas.practitioner, referral=referral, referred_on=dt.date.today(),
                                        reference="", expected_version=referral.version)


def test_saving_the_first_responder_section_names_the_person_saving_it(personas, referral):
    referral = services.referral_section_save(
        actor=personas.same_team_practitioner, referral=referral, section="first_responder",
        answers={**COMPLETE_ANSWERS["first_responder"], "organisation": "North Locality (test)"}, complete=True,
        expected_version=referral.version)
    referral.refresh_from_db()
    assert referral.first_responder == personas.same_team_practitioner
    assert referral.first_responder_organisation == "North Locality (test)"


# Summer bank holiday 2025 is Monday 25 August.
REFERRED_ON = dt.date(2025, 8, 20)  # a Wednesday


def test_the_reasonable_grounds_decision_is_expected_5_working_days_later_skipping_the_bank_holiday(personas,
                                                                                                    referral):
    referral = referred(personas.practitioner, referral, REFERRED_ON)
    # Thu 21, Fri 22, (Mon 25 is a bank holiday), Tue 26, Wed 27, Thu 28.
    assert clocks.reasonable_grounds_expected_on(referral) == dt.date(2025, 8, 28)


def test_a_late_reasonable_grounds_decision_is_flagged(personas, client_for, referral):
    referral = referred(personas.practitioner, referral, REFERRED_ON)
    # Signed in inside each journey in time: the session limits measure from the sign-in.
    with time_machine.travel(dt.datetime(2025, 8, 28, 12, 0), tick=False):
        page = client_for(personas.practitioner).get(reverse("nrm:detail", args=[referral.pk]))
        assert "Expected by 28 August 2025" in page.text
        assert "Late" not in page.text
        assert not clocks.reasonable_grounds_late(referral, dt.date.today())
    with time_machine.travel(dt.datetime(2025, 8, 29, 12, 0), tick=False):
        client = client_for(personas.practitioner)
        page = client.get(reverse("nrm:detail", args=[referral.pk]))
        assert "Reasonable-grounds decision late" in page.text
        assert '<strong class="govuk-tag govuk-tag--red">Late</strong> Expected by 28 August 2025' in page.text
        episode_page = client.get(reverse("episodes:detail", args=[referral.episode_id]))
        assert "Reasonable-grounds decision late" in episode_page.text


def _positive_rg(actor, referral, on):
    return services.reasonable_grounds_record(actor=actor, referral=referral, outcome="positive", decided_on=on,
                                              expected_version=referral.version)


def test_the_conclusive_grounds_decision_is_refused_before_30_days_with_when_it_can_be(personas, referral):
    referral = referred(personas.practitioner, referral, dt.date(2026, 1, 5))
    referral = _positive_rg(personas.practitioner, referral, dt.date(2026, 1, 9))
    day_29 = time_machine.travel(dt.datetime(2026, 2, 7, 12, 0), tick=False)
    with day_29, pytest.raises(Refused) as refused:
        services.conclusive_grounds_record(actor=personas.practitioner, referral=referral, outcome="positive",
                                           decided_on=dt.date(2026, 2, 7), expected_version=referral.version)
    assert "can be recorded from 8 February 2026" in str(refused.value)
    assert "9 January 2026" in str(refused.value)
    referral.refresh_from_db()
    assert referral.conclusive_grounds == ""


def test_the_conclusive_grounds_decision_is_accepted_on_day_30(personas, referral):
    referral = referred(personas.practitioner, referral, dt.date(2026, 1, 5))
    referral = _positive_rg(personas.practitioner, referral, dt.date(2026, 1, 9))
    with time_machine.travel(dt.datetime(2026, 2, 8, 12, 0), tick=False):  # day 30
        referral = services.conclusive_grounds_record(actor=personas.cse_worker, referral=referral,
                                                      outcome="positive", decided_on=dt.date(2026, 2, 8),
                                                      expected_version=referral.version)
    assert (referral.conclusive_grounds, referral.conclusive_grounds_on) == ("positive", dt.date(2026, 2, 8))
    event = AuditEvent.objects.get(verb="nrm.conclusive_grounds_recorded")
    assert (event.actor, event.child_id) == (personas.cse_worker, referral.child_id)
    assert presenters.status(referral, dt.date(2026, 2, 8))["text"] == "Conclusive grounds: positive"


def test_the_conclusive_grounds_page_says_when_and_refuses_an_early_date(personas, client_for, referral):
    referral = referred(personas.practitioner, referral, dt.date(2026, 1, 5))
    referral = _positive_rg(personas.practitioner, referral, dt.date(2026, 1, 9))
    url = reverse("nrm:conclusive_grounds", args=[referral.pk])
    with time_machine.travel(dt.datetime(2026, 1, 20, 12, 0), tick=False):
        client = client_for(personas.practitioner)
        assert "can be recorded from 8 February 2026" in client.get(url).text
        response = client.post(url, {"outcome": "positive", "decided_on_day": "20", "decided_on_month": "1",
                                     "decided_on_year": "2026", "version": referral.version})
    assert response.status_code == 200
    assert "There is a problem" in response.text
    assert "can be recorded from 8 February 2026" in response.text


def test_there_is_no_conclusive_grounds_decision_after_a_negative_one(personas, referral):
    referral = referred(personas.practitioner, referral, dt.date(2026, 1, 5))
    referral = services.reasonable_grounds_record(actor=personas.practitioner, referral=referral,
                                                  outcome="negative", decided_on=dt.date(2026, 1, 9),
                                                  expected_version=referral.version)
    with pytest.raises(Refused, match="was negative"):
        services.conclusive_grounds_record(actor=personas.practitioner, referral=referral, outcome="positive",
                                           decided_on=dt.date(2026, 3, 1), expected_version=referral.version)


def test_a_reasonable_grounds_decision_needs_the_referral_made_first(personas, referral):
    referral = complete_every_section(personas.practitioner, referral)
    with pytest.raises(Refused, match="Record the day the referral was made"):
        _positive_rg(personas.practitioner, referral, dt.date(2026, 1, 9))
    referral = services.referral_mark_referred(actor=personas.practitioner, referral=referral,
                                               referred_on=dt.date(2026, 1, 5), reference="",
                                               expected_version=referral.version)
    with pytest.raises(Refused, match="before the referral was made"):
        _positive_rg(personas.practitioner, referral, dt.date(2026, 1, 4))


def test_every_write_is_audited_with_the_child(personas, referral):
    referral = referred(personas.practitioner, referral, dt.date(2026, 1, 5))
    verbs = set(AuditEvent.objects.filter(child_id=referral.child_id, verb__startswith="nrm.")
                .values_list("verb", flat=True))
    assert {"nrm.started", "nrm.section_saved", "nrm.referred"} <= verbs


def test_a_closed_episode_cannot_start_a_referral(personas, child):
    from csepathway.episodes import scenarios

    episode = scenarios.closed(practitioner=personas.practitioner, child=child, cse_manager=personas.cse_manager,
                               police=personas.police_coordinator)
    with pytest.raises(Refused, match="closed"):
        services.referral_start(actor=personas.practitioner, episode=episode)
    assert not NrmReferral.objects.exists()


def test_the_answers_are_kept_as_sent_once_the_referral_is_made(personas, referral):
    referral = referred(personas.practitioner, referral, dt.date(2026, 1, 5))
    with pytest.raises(Refused, match="kept as they were sent"):
        services.referral_section_save(actor=personas.practitioner, referral=referral, section="support",
                                       answers={"needs": "Changed (test).", "in_place": ""}, complete=True,
                                       expected_version=referral.version)
