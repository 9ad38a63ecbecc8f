"""Type it once (issue 13, point 6): conversations fill in the assessment's child's voice and
parents' views, which stay editable; the assessment's associates, vehicles and places are offered
when writing an intelligence report and when adding to the register."""

import datetime as dt

import pytest
from django.urls import reverse

from csepathway.assessments.services import assessment_section_save, assessment_start
from csepathway.children.tests.factories import ChildFactory
from csepathway.episodes import scenarios
from csepathway.episodes.models import Episode
from csepathway.episodes.services import conversation_record
from csepathway.intelligence import services as intelligence_services
from csepathway.intelligence.register.selectors import assessment_candidates

pytestmark = pytest.mark.django_db

CHILD_SAID = "He's just a mate. He buys me food (test)."
MUM_SAID = "She comes home late with a new phone (test)."


@pytest.fixture
def episode(personas):
    child = ChildFactory(allocated_team=personas.team)
    episode = scenarios.screened(practitioner=personas.practitioner, child=child)
    assessment = assessment_start(actor=personas.practitioner, child=child, screening=episode.screening)
    Episode.objects.filter(pk=episode.pk).update(assessment=assessment)
    episode.refresh_from_db()
    return episode


def _section(client, episode, code):
    return client.get(reverse("episodes:assessment_section", args=[episode.pk, code.replace("_", "-")])).text


def _talk(personas, episode, held_with, views, people):
    conversation_record(actor=personas.practitioner, episode=episode, held_with=held_with,
                        held_on=dt.date(2026, 11, 30), people=people, views=views)


def test_the_childs_voice_is_filled_in_from_the_conversation_with_the_child(personas, client_for, episode):
    _talk(personas, episode, "child", CHILD_SAID, "Jordan, at school")
    _talk(personas, episode, "parents", MUM_SAID, "Jordan's mother")
    client = client_for(personas.practitioner)
    child_voice = _section(client, episode, "child_voice")
    assert "Filled in from the conversations" in child_voice
    assert "He&#39;s just a mate. He buys me food (test)." in child_voice
    assert "Jordan, at school, 30 November 2026" in child_voice
    assert "new phone" not in child_voice
    parents = _section(client, episode, "parents_views")
    assert "She comes home late with a new phone (test)." in parents and "Jordan&#39;s mother" in parents


def test_once_saved_the_section_keeps_what_the_practitioner_wrote(personas, client_for, episode):
    _talk(personas, episode, "child", CHILD_SAID, "Jordan, at school")
    assessment = episode.assessment
    assessment_section_save(actor=personas.practitioner, assessment=assessment, section="child_voice",
                            answers={"views": "Changed by the practitioner (test).", "how_gathered": ""},
                            expected_version=assessment.version, complete=False)
    page = _section(client_for(personas.practitioner), episode, "child_voice")
    assert "Changed by the practitioner (test)." in page
    assert "buys me food" not in page and "Filled in from the conversations" not in page


def test_without_conversations_nothing_is_filled_in(personas, client_for, episode):
    page = _section(client_for(personas.practitioner), episode, "child_voice")
    assert "Filled in from the conversations" not in page


ASSOCIATES = {"any_known": "yes", "entries": [
    {"name": "Darren Testperson", "nickname": "Daz", "description": "Older male (test)",
     "date_of_birth": {"day": "2", "month": "4", "year": "1990"}, "phone": "07700 900982",
     "vehicle": "Silver Ford Focus, ab12cde", "online_handle": "daz_test"}]}
PLACES = {"any_known": "yes", "entries": [{"place": "Testtown bus station", "description": "Pick-ups (test)"}]}


@pytest.fixture
def report(personas, episode):
    assessment = episode.assessment
    assessment = assessment_section_save(actor=personas.practitioner, assessment=assessment, section="associates",
                                         answers=ASSOCIATES, expected_version=assessment.version, complete=True)
    assessment_section_save(actor=personas.practitioner, assessment=assessment, section="places", answers=PLACES,
                            expected_version=assessment.version, complete=True)
    return intelligence_services.report_create(actor=personas.practitioner, episode=episode, data={
        "subject": "Darren Testperson, seen near the school", "information": "Seen at the gates (test).",
        "how_learned": "told_by_child", "happened_on": None, "learned_on": None})


def _piece_page(client, report, kind, **query):
    return client.get(reverse("intelligence:piece_add", args=[report.pk, kind]), query).text


@pytest.mark.parametrize(("kind", "offered", "filled"), [
    ("person", "Use Darren Testperson", 'value="Darren Testperson"'),
    ("vehicle", "Use AB12 CDE", 'value="AB12CDE"'),
    ("phone", "Use 07700 900982", 'value="07700 900982"'),
    ("username", "Use daz_test", 'value="daz_test"'),
    ("place", "Use Testtown bus station", 'value="Testtown bus station"'),
])
def test_the_report_offers_what_the_assessment_names(personas, client_for, report, kind, offered, filled):
    client = client_for(personas.practitioner)
    page = _piece_page(client, report, kind)
    assert "From the risk assessment" in page and offered in page
    assert filled not in page  # offered, not filled in until chosen
    key = page.split("?use=", 1)[1].split('"', 1)[0]
    assert filled in _piece_page(client, report, kind, use=key)


def test_an_unknown_offer_fills_nothing(personas, client_for, report):
    page = _piece_page(client_for(personas.practitioner), report, "person", use="person-9-nobody")
    assert 'value="Darren Testperson"' not in page


def test_the_register_is_offered_the_associates_vehicle(personas, report):
    candidates, _ = assessment_candidates(report.episode)
    assert {"kind": "vehicle", "registration": "AB12CDE", "label": "AB12 CDE", "key": "vehicle-1"} in candidates
