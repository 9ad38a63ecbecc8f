"""The screening service, the screening form, and the episode's screening step (service level)."""

import pytest
from django.core.exceptions import PermissionDenied

from csepathway.audit.models import AuditEvent
from csepathway.children.tests.factories import ChildFactory
from csepathway.core.configuration import configuration_current
from csepathway.core.refusals import Refused
from csepathway.episodes.models import Episode, State
from csepathway.episodes.screening_services import episode_screening_record
from csepathway.episodes.services import episode_start
from csepathway.screening.forms import ScreeningForm
from csepathway.screening.models import Screening
from csepathway.screening.services import ScreeningInvalid, screening_complete

pytestmark = pytest.mark.django_db

AT_RISK = {"reason": "School saw her getting into a car with an unknown adult (test).",
           "significant_indicators": {"cars": "recent"}, "other_indicators": ["out_late"],
           "vulnerabilities": ["low_self_esteem"], "outcome": "at_risk"}
NO_RISK = {"reason": "Follow-up after a missing episode (test).", "significant_indicators": {},
           "other_indicators": [], "vulnerabilities": [], "outcome": "no_current_risk"}


@pytest.fixture
def child(personas):
    return ChildFactory(allocated_team=personas.team)


@pytest.fixture
def tool():
    return configuration_current("screening_tool")


@pytest.fixture
def episode(personas, child):
    return episode_start(actor=personas.practitioner, child=child, concern="Seen with older men (test).")


def test_screening_complete_stores_the_answers_and_the_tool_version_and_audits(personas, child, tool):
    screening = screening_complete(actor=personas.practitioner, child=child, tool=tool, **AT_RISK)
    screening.refresh_from_db()
    assert screening.tool == tool and screening.completed_by == personas.practitioner
    assert screening.significant_indicators == {"cars": "recent"}
    assert screening.other_indicators == ["out_late"] and screening.vulnerabilities == ["low_self_esteem"]
    event = AuditEvent.objects.get(verb="screening.completed")
    assert event.child_id == child.pk and event.object_id == str(screening.pk)


@pytest.mark.parametrize("bad", [
    {"significant_indicators": {"not_in_tool": "recent"}},
    {"significant_indicators": {"cars": "last_year"}},
    {"other_indicators": ["made_up"]},
    {"vulnerabilities": ["made_up"]},
    {"outcome": "maybe"},
])
def test_answers_the_tool_version_does_not_have_are_refused(personas, child, tool, bad):
    with pytest.raises(ScreeningInvalid):
        screening_complete(actor=personas.practitioner, child=child, tool=tool, **{**AT_RISK, **bad})
    assert not Screening.objects.exists()


def test_a_configuration_of_another_kind_is_not_a_screening_tool(personas, child):
    with pytest.raises(ScreeningInvalid):
        screening_complete(actor=personas.practitioner, child=child, tool=configuration_current("risk_levels"),
                           **AT_RISK)


def test_someone_who_cannot_see_the_child_cannot_screen_them(personas, child, tool):
    for user in (personas.outsider, personas.auditor):
        with pytest.raises(PermissionDenied):
            screening_complete(actor=user, child=child, tool=tool, **AT_RISK)
    assert not Screening.objects.exists()
    assert not AuditEvent.objects.filter(verb="screening.completed").exists()


def test_recording_the_episode_screening_links_it_bumps_the_version_and_audits(personas, episode, tool):
    version = episode.version
    screening = episode_screening_record(actor=personas.practitioner, episode=episode, tool=tool, **AT_RISK)
    episode.refresh_from_db()
    assert episode.screening == screening and episode.version == version + 1
    assert episode.state == State.DRAFT
    assert AuditEvent.objects.filter(verb="episode.screening_recorded", object_id=str(episode.pk)).exists()


def test_no_current_risk_leaves_the_episode_in_draft_and_screening_again_replaces_the_link(personas, episode, tool):
    first = episode_screening_record(actor=personas.practitioner, episode=episode, tool=tool, **NO_RISK)
    episode.refresh_from_db()
    assert episode.state == State.DRAFT and episode.screening == first
    second = episode_screening_record(actor=personas.same_team_practitioner, episode=episode, tool=tool, **AT_RISK)
    episode.refresh_from_db()
    assert episode.screening == second
    assert set(Screening.objects.values_list("pk", flat=True)) == {first.pk, second.pk}  # the first stays


def test_only_a_case_holder_may_record_the_episode_screening(personas, episode, tool):
    for user in (personas.outsider, personas.other_team_manager, personas.cse_manager):
        with pytest.raises(PermissionDenied):
            episode_screening_record(actor=user, episode=episode, tool=tool, **AT_RISK)
    assert not Screening.objects.exists()


def test_a_submitted_episode_cannot_be_screened_again(personas, episode, tool):
    Episode.objects.filter(pk=episode.pk).update(state=State.SUBMITTED, submission_round=1)
    with pytest.raises(Refused, match="episode is submitted"):
        episode_screening_record(actor=personas.practitioner, episode=episode, tool=tool, **AT_RISK)
    assert not Screening.objects.exists()


def test_a_returned_episode_can_be_screened_again(personas, episode, tool):
    Episode.objects.filter(pk=episode.pk).update(state=State.RETURNED)
    episode_screening_record(actor=personas.practitioner, episode=episode, tool=tool, **AT_RISK)
    assert Screening.objects.count() == 1


def test_a_save_made_after_someone_else_screened_is_refused_not_silently_overwritten(personas, episode, tool):
    seen_version = episode.version
    episode_screening_record(actor=personas.same_team_practitioner, episode=episode, tool=tool, **NO_RISK)
    with pytest.raises(Refused, match="changed by someone else"):
        episode_screening_record(actor=personas.practitioner, episode=episode, tool=tool,
                                 expected_version=seen_version, **AT_RISK)
    assert Screening.objects.count() == 1


def test_the_same_answers_sent_twice_make_one_screening(personas, episode, tool):
    seen_version = episode.version
    first = episode_screening_record(actor=personas.practitioner, episode=episode, tool=tool,
                                     expected_version=seen_version, **AT_RISK)
    again = episode_screening_record(actor=personas.practitioner, episode=episode, tool=tool,
                                     expected_version=seen_version, **AT_RISK)
    assert again == first and Screening.objects.count() == 1


# The form

def form_data(tool, **overrides):
    data = {"tool_version": str(tool.pk), "reason": "Worried after a missing episode (test).", "outcome": "at_risk"}
    for item in tool.data["significant_indicators"]:
        data[f"significant_{item['code']}"] = "absent"
    for item in tool.data.get("criminal_indicators", []):
        data[f"criminal_{item['code']}"] = "absent"
    data["significant_cars"] = "recent"
    data.update(overrides)
    return data


def test_the_form_turns_answers_into_what_the_service_takes(tool):
    form = ScreeningForm(form_data(tool, other_indicators=["out_late", "drug_misuse"],
                                   vulnerabilities=["bereavement"], significant_missing="earlier"), tool=tool)
    assert form.is_valid(), form.errors
    assert form.answers() == {"significant_indicators": {"cars": "recent", "missing": "earlier"},
                              "criminal_indicators": {},
                              "other_indicators": ["out_late", "drug_misuse"], "vulnerabilities": ["bereavement"],
                              "reason": "Worried after a missing episode (test).", "outcome": "at_risk",
                              "no_risk_reason": ""}


def test_the_form_asks_every_question_of_the_tool_version_it_is_built_from(tool):
    form = ScreeningForm(tool=tool)
    assert len(form.significant_fields()) == len(tool.data["significant_indicators"])
    assert [c for c, _ in form.fields["other_indicators"].choices] == [i["code"] for i in tool.data["other_indicators"]]
    assert [c for c, _ in form.fields["vulnerabilities"].choices] == [i["code"] for i in tool.data["vulnerabilities"]]
    assert [i["hint"]["text"] for i in form.outcome_items()] == [o["meaning"] for o in tool.data["outcomes"]]


def test_at_risk_with_no_indicator_at_all_is_refused_with_a_message_naming_the_problem(tool):
    form = ScreeningForm(form_data(tool, significant_cars="absent", vulnerabilities=["bereavement"]), tool=tool)
    assert not form.is_valid()
    assert form.errors["outcome"] == ["You selected 'At risk' but no indicators: select the indicators you have "
                                      "seen, or select 'No current risk'"]


def test_at_risk_with_only_another_indicator_is_accepted(tool):
    form = ScreeningForm(form_data(tool, significant_cars="absent", other_indicators=["out_late"]), tool=tool)
    assert form.is_valid(), form.errors


def test_no_current_risk_with_no_indicators_is_accepted(tool):
    assert ScreeningForm(form_data(tool, significant_cars="absent", outcome="no_current_risk"), tool=tool).is_valid()


def test_reason_outcome_and_each_significant_indicator_are_required(tool):
    data = form_data(tool, reason="  ")
    del data["outcome"], data["significant_missing"]
    form = ScreeningForm(data, tool=tool)
    assert not form.is_valid()
    assert form.errors["reason"] == ["Enter the reason for screening"]
    assert form.errors["outcome"] == ["Select the outcome of the screening"]
    assert "Repeatedly missing" in form.errors["significant_missing"][0]
