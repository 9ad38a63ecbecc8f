"""Missing episodes in the child's chronology (through the reader's scope), in subject access
bundles, and disposed of with the child's record."""

import datetime as dt

import pytest
from django.urls import reverse

from csepathway.missing import services
from csepathway.missing.models import MissingEpisode, ReturnHomeInterview
from csepathway.retention import disposal
from csepathway.retention import services as retention_services
from csepathway.retention.tests.builders import full_child, second_auditor
from csepathway.subject_access import services as sar_services

from .conftest import london

pytestmark = pytest.mark.django_db


@pytest.fixture
def returned(personas, child, record_missing):
    episode = record_missing(child, london(2026, 6, 3, 23, 30), london(2026, 6, 5, 19, 0))
    services.return_interview_record(actor=personas.practitioner, episode=episode, now=london(2026, 6, 9, 9, 0), data={
        "offered_on": dt.date(2026, 6, 6), "outcome": "declined", "outcome_at": london(2026, 6, 7, 10, 0),
        "findings": "", "finding_flags": []})
    return episode


def test_the_chronology_tells_going_missing_the_return_and_the_interview(personas, child, returned, client_for):
    page = client_for(personas.practitioner).get(reverse("casefile:chronology", args=[child.pk])).text
    for text in ("Went missing from care", "3 June 2026", "Returned after going missing",
                 "Return home interview declined by the child", "Missing episodes and return home interviews"):
        assert text in page, text
    only_missing = client_for(personas.practitioner).get(
        reverse("casefile:chronology", args=[child.pk]) + "?kind=missing").text
    assert "Went missing from care" in only_missing


def test_the_chronology_of_another_teams_child_is_404(personas, child, returned, client_for):
    assert client_for(personas.outsider).get(reverse("casefile:chronology", args=[child.pk])).status_code == 404


def test_a_subject_access_bundle_holds_each_episode_with_its_interview(personas, child, returned):
    sar = sar_services.sar_start(actor=personas.auditor, child=child, requester="The child (test)",
                                 received_on=dt.date(2026, 6, 10))
    sar = sar_services.sar_gather(actor=personas.auditor, sar=sar, expected_version=sar.version)
    items = list(sar.items.filter(kind="missing_episode"))
    assert len(items) == 1
    assert "Declined by the child" in items[0].text and "Residential home manager" in items[0].text


def test_missing_episodes_are_disposed_of_with_the_child(personas, settings):
    settings.POLICE_INTELLIGENCE_MAILBOX = "fib@police.invalid"  # the full child has a report sent
    child = full_child(personas)
    assert MissingEpisode.objects.filter(child=child).exists()
    assert ReturnHomeInterview.objects.filter(episode__child=child).exists()
    found = disposal.gather(child)
    assert {m._meta.label_lower for m in found} >= {"missing.missingepisode", "missing.returnhomeinterview"}
    proposal = retention_services.disposal_propose(actor=personas.auditor, child=child)
    retention_services.disposal_approve(actor=second_auditor(), proposal=proposal)
    assert not MissingEpisode.objects.exists() and not ReturnHomeInterview.objects.exists()
