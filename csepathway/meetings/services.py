"""Writes on MASE meetings. Each runs in one transaction with its audit event, and queues the
calendar invite email through the outbox, so nothing is sent for work that rolls back."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse

from csepathway.accounts.roles import Role
from csepathway.audit.services import record
from csepathway.core.refusals import Refused
from csepathway.core.wording import say, say_lazy
from csepathway.episodes.models import Episode, JointReview, State
from csepathway.outbox.events import MEETING_CANCELLED, MEETING_MOVED, MEETING_SCHEDULED, event_raise
from csepathway.outbox.services import email_send

from . import ical
from .access import may_chair, may_organise
from .models import AgendaItem, Invitee, MaseMeeting, MeetingChange
from .selectors import meeting_child_id

INVITE_INTRO = say_lazy("You are invited to a multi-agency (MASE) meeting. The calendar invitation is attached.")
UPDATE_INTRO = say_lazy("A multi-agency (MASE) meeting you are invited to has changed. The updated invitation is "
                        "attached.")
CANCEL_INTRO = say_lazy("A multi-agency (MASE) meeting you were invited to has been cancelled.")
INVITE_SUBJECT = say_lazy("CSE Pathway: invitation to a MASE meeting")


def _require_organiser(actor) -> None:
    if not may_organise(actor):
        raise PermissionDenied


def _check_times(starts_at, ends_at) -> None:
    if starts_at.tzinfo is None or ends_at.tzinfo is None:
        raise ValueError("Meeting times must be aware datetimes.")
    if ends_at <= starts_at:
        raise ValidationError("The meeting must end after it starts.")


def _locked(meeting: MaseMeeting) -> MaseMeeting:
    return MaseMeeting.objects.select_for_update().get(pk=meeting.pk)


def calendar_attendees(meeting: MaseMeeting, *, method: str = ical.REQUEST) -> list[tuple[str, str]]:
    """(email, name) of every professional invitee with an email. An update leaves out those who
    declined (they said they are not coming; a new invite would put it back in their calendar);
    a cancellation goes to everyone who was ever sent the invite, so it leaves every calendar."""
    invitees = meeting.invitees.filter(kind=Invitee.Kind.PROFESSIONAL).exclude(email="").order_by("created_at")
    if method == ical.REQUEST:
        invitees = invitees.exclude(status=Invitee.Status.DECLINED)
    by_address = {}
    for invitee in invitees:
        by_address.setdefault(invitee.email.lower(), (invitee.email, invitee.name))
    return list(by_address.values())


def _send_invites(meeting: MaseMeeting, *, method: str, subject: str, intro: str,
                  attendees: list[tuple[str, str]] | None = None) -> None:
    attendees = calendar_attendees(meeting, method=method) if attendees is None else attendees
    if not attendees:
        return
    text = ical.invite_text(meeting, attendees=attendees, method=method)
    path = reverse("meetings:detail", args=[meeting.pk])
    email_send(to=[address for address, _ in attendees], subject=subject, path=path, intro=intro,
               child_id=meeting_child_id(meeting), ics=text, ics_method=method, reply_to=[ical.organizer_email()])


def _invite_colleague(*, actor, item: AgendaItem, user, relationship: str) -> Invitee:
    agency = user.agency
    invitee = Invitee.objects.create(
        meeting=item.meeting, agenda_item=item, kind=Invitee.Kind.PROFESSIONAL, name=user.display_name,
        relationship=relationship, agency=agency.name if agency else "", email=user.email, user=user,
        added_automatically=True, invited_by=actor)
    record(actor=actor, verb="meeting.invitee_added", obj=invitee, child_id=item.episode.child_id)
    return invitee


def _invite_practitioner(*, actor, item: AgendaItem) -> Invitee:
    """The practitioner is invited by the scheduling itself, so the invite and its updates reach them
    through the same invitee list as everyone the practitioner then invites."""
    return _invite_colleague(actor=actor, item=item, user=item.episode.practitioner, relationship="Practitioner")


def deciding_police_coordinator(episode: Episode):
    """The Police CSE Coordinator who gave the police view in the episode's latest joint review."""
    review = (JointReview.objects.filter(episode=episode, reviewer_role=Role.POLICE_COORDINATOR,
                                         reviewer__is_active=True)
              .select_related("reviewer__team__agency").order_by("-round", "-created_at").first())
    return review.reviewer if review else None


def _invite_police_coordinator(*, actor, item: AgendaItem) -> Invitee | None:
    """The police coordinator who joined in the decision is invited with the practitioner, once per
    meeting however many of its children they reviewed (docs/adr/0041)."""
    coordinator = deciding_police_coordinator(item.episode)
    if coordinator is None or item.meeting.invitees.filter(user=coordinator).exists():
        return None
    return _invite_colleague(actor=actor, item=item, user=coordinator, relationship="Police CSE Coordinator")


@transaction.atomic
def meeting_schedule(*, actor, episode: Episode, kind: str, starts_at, ends_at, location: str, online_link: str = "",
                     chair, persons_of_concern: str = "", places_of_concern: str = "", themes: str = "") -> MaseMeeting:
    _require_organiser(actor)
    episode = Episode.objects.select_for_update(of=("self",)).select_related("practitioner").get(pk=episode.pk)
    if episode.state != State.MASE_REQUIRED:
        raise Refused(say("A MASE meeting can only be scheduled for an episode decided 'MASE required'."))
    if not may_chair(chair):
        raise Refused(say("The chair must be a MASE Chair."))
    _check_times(starts_at, ends_at)
    if kind != MaseMeeting.Kind.CONTEXTUAL:
        # Only a contextual meeting looks at people, places and themes beyond the child.
        persons_of_concern = places_of_concern = themes = ""
    meeting = MaseMeeting.objects.create(kind=kind, starts_at=starts_at, ends_at=ends_at, location=location,
                                         online_link=online_link, chair=chair, scheduled_by=actor,
                                         persons_of_concern=persons_of_concern, places_of_concern=places_of_concern,
                                         themes=themes)
    item = AgendaItem.objects.create(meeting=meeting, episode=episode, order=1)
    MeetingChange.objects.create(meeting=meeting, kind=MeetingChange.Kind.SCHEDULED, changed_by=actor,
                                 starts_at=starts_at)
    record(actor=actor, verb="meeting.scheduled", obj=meeting, child_id=episode.child_id)
    event_raise(name=MEETING_SCHEDULED, data={"meeting_id": meeting.pk, "episode_id": episode.pk},
                child_id=episode.child_id)
    _invite_practitioner(actor=actor, item=item)
    _invite_police_coordinator(actor=actor, item=item)
    _send_invites(meeting, method=ical.REQUEST, subject=INVITE_SUBJECT,
                  intro=INVITE_INTRO)
    return meeting


@transaction.atomic
def agenda_item_add(*, actor, meeting: MaseMeeting, episode: Episode) -> AgendaItem:
    """Put another child's episode on a contextual meeting's agenda, and invite its practitioner.
    Adding the same episode twice (a double click) returns the item already there."""
    _require_organiser(actor)
    meeting = _locked(meeting)
    if meeting.state != MaseMeeting.State.SCHEDULED:
        raise Refused("Children can only be added to a meeting that is still scheduled.")
    if meeting.kind != MaseMeeting.Kind.CONTEXTUAL:
        raise Refused("An initial or review MASE is about one child. Schedule a contextual MASE to look at "
                             "several children together.")
    existing = meeting.agenda_items.filter(episode=episode).first()
    if existing is not None:
        return existing
    episode = Episode.objects.select_for_update(of=("self",)).select_related("practitioner").get(pk=episode.pk)
    if episode.state != State.MASE_REQUIRED:
        raise Refused(say("Only an episode decided 'MASE required' can go on a MASE agenda."))
    order = (meeting.agenda_items.order_by("-order").values_list("order", flat=True).first() or 0) + 1
    item = AgendaItem.objects.create(meeting=meeting, episode=episode, order=order)
    record(actor=actor, verb="meeting.agenda_item_added", obj=meeting, child_id=episode.child_id)
    invited = [_invite_practitioner(actor=actor, item=item), _invite_police_coordinator(actor=actor, item=item)]
    attendees = [(invitee.email, invitee.name) for invitee in invited if invitee is not None and invitee.email]
    if attendees:
        _send_invites(meeting, method=ical.REQUEST, subject=INVITE_SUBJECT,
                      intro=INVITE_INTRO, attendees=attendees)
    return item


@transaction.atomic
def meeting_reschedule(*, actor, meeting: MaseMeeting, starts_at, ends_at, location: str,
                       online_link: str = "") -> MaseMeeting:
    _require_organiser(actor)
    meeting = _locked(meeting)
    if meeting.state != MaseMeeting.State.SCHEDULED:
        raise Refused("This meeting has been cancelled and cannot be moved.")
    _check_times(starts_at, ends_at)
    changes = {"starts_at": starts_at, "ends_at": ends_at, "location": location, "online_link": online_link}
    changed = [name for name, value in changes.items() if getattr(meeting, name) != value]
    if "starts_at" in changed:
        MeetingChange.objects.create(meeting=meeting, kind=MeetingChange.Kind.MOVED, changed_by=actor,
                                     starts_at=starts_at, previous_starts_at=meeting.starts_at)
    for name, value in changes.items():
        setattr(meeting, name, value)
    meeting.sequence += 1
    meeting.version += 1
    meeting.save(update_fields=[*changes, "sequence", "version", "updated_at"])
    record(actor=actor, verb="meeting.rescheduled", obj=meeting, child_id=meeting_child_id(meeting),
           changed_fields=changed)
    if changed:
        event_raise(name=MEETING_MOVED, data={"meeting_id": meeting.pk}, child_id=meeting_child_id(meeting))
    _send_invites(meeting, method=ical.REQUEST, subject=say("CSE Pathway: a MASE meeting has changed"),
                  intro=UPDATE_INTRO)
    return meeting


@transaction.atomic
def meeting_cancel(*, actor, meeting: MaseMeeting, reason: str) -> MaseMeeting:
    _require_organiser(actor)
    meeting = _locked(meeting)
    if meeting.state == MaseMeeting.State.CANCELLED:
        return meeting
    meeting.state = MaseMeeting.State.CANCELLED
    meeting.cancellation_reason = reason
    MeetingChange.objects.create(meeting=meeting, kind=MeetingChange.Kind.CANCELLED, changed_by=actor,
                                 starts_at=meeting.starts_at, reason=reason)
    meeting.sequence += 1
    meeting.version += 1
    meeting.save(update_fields=["state", "cancellation_reason", "sequence", "version", "updated_at"])
    record(actor=actor, verb="meeting.cancelled", obj=meeting, child_id=meeting_child_id(meeting),
           changed_fields=["state", "cancellation_reason"])
    event_raise(name=MEETING_CANCELLED, data={"meeting_id": meeting.pk}, child_id=meeting_child_id(meeting))
    _send_invites(meeting, method=ical.CANCEL, subject=say("CSE Pathway: a MASE meeting has been cancelled"),
                  intro=CANCEL_INTRO)
    return meeting
