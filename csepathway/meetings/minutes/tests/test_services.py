"""Recording and publishing minutes through the services: the version check, refusals, and what
publishing does (risk level with history, the child's plan, the outcome note, the emails)."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from csepathway.audit.models import AuditEvent
from csepathway.children.models import PlanEntry
from csepathway.core.refusals import Refused
from csepathway.core.services import StaleEdit
from csepathway.episodes.models import RiskLevelChange
from csepathway.meetings import services
from csepathway.meetings.conftest import CHILD_FIRST, CHILD_LAST
from csepathway.meetings.minutes import services as minutes_services
from csepathway.meetings.models import Action, ItemMinutes, MaseMeeting
from csepathway.notes.adapters import CASE_NOTE_DELIVERY
from csepathway.notes.models import CaseNote
from csepathway.outbox.email import EMAIL
from csepathway.outbox.models import OutboxMessage

from .conftest import (
    ACTION_ONE,
    ACTION_TWO,
    APOLOGIES_EMAIL,
    DECLINED_EMAIL,
    EXTERNAL_EMAIL,
    FAMILY_EMAIL,
    INFORMATION,
    INTERVENTION,
    NEED,
    RATIONALE,
)

pytestmark = pytest.mark.django_db


def _save(actor, item, version, **changes):
    values = {"information_shared": INFORMATION, "risk_level": "medium", "risk_level_rationale": RATIONALE,
              "next_review_on": dt.date.today() + dt.timedelta(weeks=10), **changes}
    return minutes_services.item_minutes_save(actor=actor, agenda_item=item, version=version, **values)


def test_saving_minutes_from_an_old_version_is_refused_and_overwrites_nothing(personas, item):
    first = _save(personas.mase_chair, item, 0)
    _save(personas.cse_worker, item, first.version, information_shared="The CSE worker's words (test)")

    with pytest.raises(StaleEdit) as stale:
        _save(personas.mase_chair, item, first.version, information_shared="The chair's late edit (test)")

    saved = ItemMinutes.objects.get()
    assert saved.information_shared == "The CSE worker's words (test)"
    assert saved.version == first.version + 1
    assert stale.value.current.version == saved.version


def test_minutes_someone_else_created_first_are_not_overwritten_by_a_new_record(personas, item):
    _save(personas.cse_worker, item, 0, information_shared="Created first (test)")

    with pytest.raises(StaleEdit):
        _save(personas.mase_chair, item, 0, information_shared="Created second (test)")

    assert ItemMinutes.objects.get().information_shared == "Created first (test)"


def test_minutes_need_a_rationale_for_the_risk_level(personas, item):
    with pytest.raises(Refused, match="Explain why"):
        _save(personas.mase_chair, item, 0, risk_level_rationale="  ")
    assert not ItemMinutes.objects.exists()


@pytest.mark.parametrize("role", ["practitioner", "police_coordinator", "team_manager"])
def test_only_the_chair_and_the_cse_team_record_minutes(personas, item, role):
    with pytest.raises(PermissionDenied):
        _save(getattr(personas, role), item, 0)


def test_the_chair_of_another_meeting_cannot_record_these_minutes(item, other_chair):
    with pytest.raises(PermissionDenied):
        _save(other_chair, item, 0)


def test_publishing_is_refused_until_every_item_has_a_risk_level_and_rationale(personas, meeting):
    with pytest.raises(Refused) as refused:
        minutes_services.minutes_publish(actor=personas.mase_chair, meeting=meeting)

    assert f"Record the minutes for item 1 ({CHILD_FIRST} {CHILD_LAST})" in str(refused.value)
    meeting.refresh_from_db()
    assert meeting.minutes_published_at is None
    assert not CaseNote.objects.filter(kind=CaseNote.Kind.MASE_OUTCOME).exists()


def test_publishing_sets_the_changed_risk_level_with_its_history(personas, meeting, item, published):
    episode = item.episode
    version_before = episode.version
    episode.refresh_from_db()

    assert episode.risk_level == "medium"
    assert episode.version == version_before + 1
    change = RiskLevelChange.objects.get(episode=episode, source="MASE meeting")
    assert (change.previous_level, change.level) == ("high", "medium")
    assert change.rationale == RATIONALE
    assert change.changed_by == personas.mase_chair
    # The joint review's level is still in the history.
    assert RiskLevelChange.objects.filter(episode=episode, level="high").exists()
    meeting.refresh_from_db()
    assert meeting.state == MaseMeeting.State.HELD
    assert meeting.minutes_published_by == personas.mase_chair
    assert AuditEvent.objects.filter(verb="meeting.minutes_published", child_id=episode.child_id).count() == 1


def test_a_confirmed_level_adds_no_change_and_the_note_says_confirmed(personas, meeting, item, attendees,
                                                                      record_minutes):
    record_minutes(level="high")
    minutes_services.minutes_publish(actor=personas.cse_manager, meeting=meeting)

    assert not RiskLevelChange.objects.filter(episode=item.episode, source="MASE meeting").exists()
    note = CaseNote.objects.get(kind=CaseNote.Kind.MASE_OUTCOME)
    assert "Risk level confirmed: High." in note.body


def test_publishing_writes_the_needs_and_interventions_into_the_childs_plan(personas, meeting, item, published,
                                                                            meeting_day):
    entry = PlanEntry.objects.get()
    child = item.episode.child
    assert entry.child == child
    assert entry.plan == child.plan
    assert (entry.need, entry.intervention) == (NEED, INTERVENTION)
    assert entry.agreed_on == meeting_day
    assert entry.source.startswith("MASE meeting on ")
    assert (entry.source_type, entry.source_id) == ("meetings.masemeeting", str(meeting.pk))
    assert AuditEvent.objects.filter(verb="child.plan_entry_recorded", child_id=child.pk).exists()


def test_publishing_writes_the_outcome_note_tells_the_practitioner_and_delivers_it(personas, meeting, item,
                                                                                   published, meeting_day):
    note = CaseNote.objects.get(kind=CaseNote.Kind.MASE_OUTCOME)
    assert note.title == "MASE meeting outcome"
    assert note.child == item.episode.child
    assert (note.subject_type, note.subject_id) == ("meetings.masemeeting", str(meeting.pk))
    for text in ("Risk level changed from High to Medium.", RATIONALE, ACTION_ONE, ACTION_TWO, "Disruption",
                 "PC Dee Disrupt", "Testshire Police", NEED, INTERVENTION):
        assert text in note.body
    assert f"Next review: {(meeting_day + dt.timedelta(weeks=6)).day}" in note.body
    note_link = reverse("notes:detail", args=[note.pk])
    assert OutboxMessage.objects.filter(kind=EMAIL, payload__path=note_link,
                                        payload__to=[personas.practitioner.email]).count() == 1
    assert OutboxMessage.objects.filter(kind=CASE_NOTE_DELIVERY,
                                        payload__note_id=str(note.pk)).count() == 1


def test_publishing_twice_changes_nothing_the_second_time(personas, meeting, published):
    counts = (CaseNote.objects.count(), OutboxMessage.objects.count(), PlanEntry.objects.count(),
              RiskLevelChange.objects.count(), AuditEvent.objects.filter(verb="meeting.minutes_published").count())
    published_at = MaseMeeting.objects.get().minutes_published_at

    minutes_services.minutes_publish(actor=personas.cse_manager, meeting=meeting)

    assert (CaseNote.objects.count(), OutboxMessage.objects.count(), PlanEntry.objects.count(),
            RiskLevelChange.objects.count(),
            AuditEvent.objects.filter(verb="meeting.minutes_published").count()) == counts
    assert MaseMeeting.objects.get().minutes_published_at == published_at


def test_published_minutes_cannot_be_changed_or_added_to(personas, meeting, item, published, meeting_day):
    minutes = ItemMinutes.objects.get()
    with pytest.raises(Refused, match="have been published"):
        _save(personas.mase_chair, item, minutes.version, information_shared="Too late (test)")
    with pytest.raises(Refused, match="have been published"):
        minutes_services.action_add(actor=personas.mase_chair, agenda_item=item, description="Late (test)",
                                    kind=Action.Kind.SUPPORT, owner_name="Someone", agency="Council",
                                    due_on=meeting_day)
    with pytest.raises(Refused, match="have been published"):
        minutes_services.intervention_add(actor=personas.mase_chair, agenda_item=item, need="n", intervention="i")
    assert ItemMinutes.objects.get().information_shared == INFORMATION


def test_a_cancelled_meeting_takes_no_minutes(personas, meeting, item):
    services.meeting_cancel(actor=personas.cse_manager, meeting=meeting, reason="Chair unwell (test)")
    with pytest.raises(Refused, match="cancelled"):
        _save(personas.mase_chair, item, 0)
    with pytest.raises(Refused, match="cancelled"):
        minutes_services.minutes_publish(actor=personas.mase_chair, meeting=meeting)


def _ready_emails(smtp_server):
    return [(envelope, message) for envelope, message in zip(smtp_server.envelopes, smtp_server.messages, strict=True)
            if message["Subject"] == minutes_services.READY_SUBJECT]


def test_attendees_and_the_practitioner_are_told_the_minutes_are_ready_without_case_content(
        personas, client, meeting, attendees, record_minutes, smtp_server, settings,
        django_capture_on_commit_callbacks):
    settings.SERVICE_BASE_URL = "https://cse-pathway.test.invalid"
    record_minutes()
    with django_capture_on_commit_callbacks(execute=True):
        minutes_services.minutes_publish(actor=personas.mase_chair, meeting=meeting)

    emails = _ready_emails(smtp_server)
    recipients = sorted(address for envelope, _ in emails for address in envelope.rcpt_tos)
    assert recipients == sorted([EXTERNAL_EMAIL, FAMILY_EMAIL, personas.police_coordinator.email,
                                 personas.practitioner.email])
    assert APOLOGIES_EMAIL not in recipients and DECLINED_EMAIL not in recipients
    meeting_link = "https://cse-pathway.test.invalid" + reverse("meetings:detail", args=[meeting.pk])
    for envelope, message in emails:
        raw = message.as_string()
        body = message.get_body(preferencelist=("plain",)).get_content()
        for secret in (CHILD_FIRST, CHILD_LAST, INFORMATION, RATIONALE, ACTION_ONE, ACTION_TWO, NEED, INTERVENTION,
                       "Medium", "High", "LCS-777002"):
            assert secret not in raw
        if envelope.rcpt_tos[0] in (EXTERNAL_EMAIL, FAMILY_EMAIL):
            [link] = [word for word in body.split() if "/meetings/minutes/download/" in word]
            # The link as emailed opens the minutes, without signing in.
            assert client.get(link.removeprefix("https://cse-pathway.test.invalid")).status_code == 200
            # They have no account: the email must not send them to sign in.
            assert "Download the minutes:" in body and "Sign in" not in body
        else:
            assert meeting_link in body
            assert "Sign in to CSE Pathway to read it:" in body
