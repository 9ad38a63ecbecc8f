"""What a subject access bundle tells about the child beyond the records themselves: every step the
episode took, the history of the risk level and the invitations to meetings about the child, in
plain words with GOV.UK dates, and nothing of another child on the same meeting."""

import datetime as dt

import pytest
from django.utils import timezone

from csepathway.children import records_held
from csepathway.children.records_held import Snapshot
from csepathway.children.tests.factories import ChildFactory
from csepathway.core.formatting import govuk_date, govuk_datetime
from csepathway.episodes import scenarios
from csepathway.episodes.models import RiskLevelChange, Transition
from csepathway.meetings.invitations.services import invitee_add
from csepathway.meetings.models import Invitee, MaseMeeting
from csepathway.meetings.services import agenda_item_add, meeting_schedule
from csepathway.subject_access import services
from csepathway.subject_access.models import BundleItem, SubjectAccessRequest

pytestmark = pytest.mark.django_db


@pytest.fixture
def child(personas):
    return ChildFactory(first_name="Morgan", last_name="Testchild", allocated_team=personas.team)


@pytest.fixture
def episode(personas, child):
    return scenarios.decided(practitioner=personas.practitioner, child=child, cse_manager=personas.cse_manager,
                             police=personas.police_coordinator, mase_required=True)


def _bundle(personas, child):
    sar = services.sar_start(actor=personas.auditor, child=child, requester="The child (test)",
                             received_on=timezone.localdate())
    sar = services.sar_gather(actor=personas.auditor, sar=sar, expected_version=sar.version)
    return list(sar.items.all())


def test_the_bundle_has_every_step_the_episode_took(personas, child, episode):
    moves = list(Transition.objects.filter(episode=episode))
    assert len(moves) >= 2
    steps = [item for item in _bundle(personas, child) if item.kind == "transition"]
    assert {item.source_id for item in steps} == {str(move.pk) for move in moves}
    decided = next(move for move in moves if move.to_state == "mase_required")
    item = next(item for item in steps if item.source_id == str(decided.pk))
    assert item.title == f"Episode step on {govuk_date(decided.at)}: Decided: MASE required"
    assert f"To: Decided: MASE required\nWhen: {govuk_datetime(decided.at)}\nBy: " in item.text
    assert item.get_kind_display() == "Step in the episode"


def test_the_bundle_has_the_history_of_the_risk_level(personas, child, episode):
    changes = list(RiskLevelChange.objects.filter(episode=episode))
    assert changes
    items = [item for item in _bundle(personas, child) if item.kind == "risk_level_change"]
    assert {item.source_id for item in items} == {str(change.pk) for change in changes}
    change = changes[-1]
    text = next(item.text for item in items if item.source_id == str(change.pk))
    assert f"Risk level: {change.get_level_display()}" in text
    assert f"When: {govuk_datetime(change.at)}" in text and "Set by: " in text


@pytest.fixture
def contextual_meeting(personas, episode):
    """A contextual meeting about this child and another, with people invited for each child's part
    and a professional invited to the whole meeting."""
    starts = timezone.now() + dt.timedelta(days=14)
    meeting = meeting_schedule(actor=personas.cse_manager, episode=episode, kind=MaseMeeting.Kind.CONTEXTUAL,
                               starts_at=starts, ends_at=starts + dt.timedelta(hours=2), location="Room 4 (test)",
                               chair=personas.mase_chair, persons_of_concern="Adult known as 'K' (test)")
    other = ChildFactory(first_name="Casey", last_name="Othertestchild", allocated_team=personas.outsider.team)
    other_episode = scenarios.decided(practitioner=personas.outsider, child=other, cse_manager=personas.cse_manager,
                                      police=personas.police_coordinator, mase_required=True)
    ours = meeting.agenda_items.get(episode=episode)
    theirs = agenda_item_add(actor=personas.cse_manager, meeting=meeting, episode=other_episode)
    invite = {"actor": personas.cse_manager, "meeting": meeting}
    invitee_add(**invite, kind=Invitee.Kind.FAMILY, name="Jo Testparent", relationship="Mother", agenda_item=ours)
    invitee_add(**invite, kind=Invitee.Kind.FAMILY, name="Sam Otherparent", relationship="Father",
                agenda_item=theirs)
    invitee_add(**invite, kind=Invitee.Kind.PROFESSIONAL, name="Lee Otherschool", agency="Casey's school (test)",
                agenda_item=theirs)
    invitee_add(**invite, kind=Invitee.Kind.PROFESSIONAL, name="Dr Ash Wholemeeting", agency="Testshire NHS")
    return meeting


def test_the_bundle_has_the_invitations_for_the_childs_part_and_to_the_whole_meeting(personas, child,
                                                                                     contextual_meeting):
    bundle = _bundle(personas, child)
    invitations = {item.title.rsplit(": ", 1)[1]: item for item in bundle if item.kind == "invitation"}
    # The practitioner and the police coordinator are invited by the scheduling (docs/adr/0041).
    assert {"Jo Testparent", "Dr Ash Wholemeeting", personas.practitioner.get_full_name(),
            personas.police_coordinator.get_full_name()} == set(invitations)
    family = invitations["Jo Testparent"].text
    assert "Invited as: Parent, carer or family member" in family and "Relationship or role: Mother" in family
    assert "Invited for: Morgan Testchild's part of the meeting" in family and "Status: Invited" in family
    assert f"Invited on: {govuk_date(timezone.now())}" in family
    assert "Invited for: The whole meeting" in invitations["Dr Ash Wholemeeting"].text
    assert invitations["Jo Testparent"].title.startswith(
        f"Invitation to the Contextual (strategic) MASE on {govuk_date(contextual_meeting.starts_at)}")


def test_nothing_of_another_child_on_the_meeting_is_in_the_bundle(personas, child, contextual_meeting):
    text = "\n".join(f"{item.title}\n{item.text}" for item in _bundle(personas, child))
    for other in ("Casey", "Othertestchild", "Sam Otherparent", "Lee Otherschool", personas.outsider.get_full_name(),
                  "Adult known as 'K'"):
        assert other not in text
    meetings = [item for item in text.split("\n") if item.startswith("Meeting: ")]
    assert meetings == ["Meeting: Contextual (strategic) MASE"]


def test_a_snapshot_of_no_known_kind_stops_the_gather_and_nothing_is_kept(personas, child, monkeypatch):
    registered = records_held.subject_access_providers()
    monkeypatch.setattr(records_held, "subject_access_providers", lambda: [
        *registered, lambda child: [Snapshot("mystery", child, "Unnamed (test)", None, "Text (test)")]])
    sar = services.sar_start(actor=personas.auditor, child=child, requester="The child (test)",
                             received_on=timezone.localdate())
    with pytest.raises(ValueError, match="mystery"):
        services.sar_gather(actor=personas.auditor, sar=sar, expected_version=sar.version)
    assert not BundleItem.objects.exists()
    assert SubjectAccessRequest.objects.get().status == SubjectAccessRequest.Status.GATHERING
