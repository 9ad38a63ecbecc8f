"""Invitations to a MASE meeting: the practitioner invites the child, the family and professionals;
professionals answer through a signed link without an account; case holders, the CSE team and the
chair keep each invitee's status up to date.

Each write runs in one transaction with its audit event and queues its email through the outbox, so
nothing is sent for work that rolls back. An invite leaves the secure system: it says only that there
is a multi-agency meeting, when and where, and carries the links. Never the child or the case."""

import datetime as dt

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from csepathway.audit.services import record
from csepathway.core.formatting import govuk_date, govuk_datetime
from csepathway.core.refusals import Refused
from csepathway.core.services import versioned_save
from csepathway.core.wording import meeting_name, say_lazy
from csepathway.outbox.services import email_send

from .. import ical
from ..access import has_started
from ..models import AgendaItem, DirectoryEntry, Invitee, MaseMeeting
from ..selectors import agenda_items_for
from .access import PERSONAL_KINDS, agenda_of, may_invite_for, may_set_status

RSVP_SALT = "meetings.rsvp"
ACCEPT, DECLINE = "accept", "decline"
ANSWER_STATUS = {ACCEPT: Invitee.Status.ACCEPTED, DECLINE: Invitee.Status.DECLINED}
# The link dies when the meeting ends (checked against the meeting as it now stands, so a meeting
# moved later keeps its links alive). This cap only stops a link living for ever.
TOKEN_MAX_AGE = dt.timedelta(days=366)

INVITE_SUBJECT = say_lazy("CSE Pathway: invitation to a MASE meeting")


class LinkInvalid(Exception):
    """The answer link was altered, cut short or never ours."""


class LinkExpired(Exception):
    """A genuine link for a meeting that has ended or was cancelled. Carries the invitee, so the page
    can say whom to contact."""

    def __init__(self, invitee: Invitee):
        super().__init__("This link has expired.")
        self.invitee = invitee
        self.cancelled = invitee.meeting.state == MaseMeeting.State.CANCELLED


def child_id_of(invitee: Invitee):
    """The child the invitation is about, for the audit trail: the item's child, or for someone coming
    to the whole meeting the child of its first item (a contextual meeting may have several)."""
    if invitee.agenda_item_id:
        return invitee.agenda_item.episode.child_id
    first = agenda_of(invitee.meeting)[:1]
    return first[0].episode.child_id if first else None


# The answer link ---------------------------------------------------------------------------------

def rsvp_token(invitee: Invitee, answer: str) -> str:
    if answer not in ANSWER_STATUS:
        raise ValueError(f"Unknown answer {answer!r}")
    return signing.dumps({"i": str(invitee.pk), "a": answer}, salt=RSVP_SALT)


def rsvp_read(token: str) -> tuple[str, str]:
    """(invitee id, answer) from a genuine token; LinkInvalid for anything else."""
    try:
        data = signing.loads(token, salt=RSVP_SALT, max_age=TOKEN_MAX_AGE)
    except signing.BadSignature as bad:  # SignatureExpired is a BadSignature too
        raise LinkInvalid from bad
    if not isinstance(data, dict) or data.get("a") not in ANSWER_STATUS or not isinstance(data.get("i"), str):
        raise LinkInvalid
    return data["i"], data["a"]


def rsvp_url(invitee: Invitee, answer: str) -> str:
    return settings.SERVICE_BASE_URL.rstrip("/") + reverse("meetings:invitation_respond",
                                                           args=[rsvp_token(invitee, answer)])


def check_link_live(invitee: Invitee) -> None:
    meeting = invitee.meeting
    if meeting.state != MaseMeeting.State.SCHEDULED or timezone.now() >= meeting.ends_at:
        raise LinkExpired(invitee)


# Writes ------------------------------------------------------------------------------------------

def _when_where(meeting: MaseMeeting) -> str:
    start, end = timezone.localtime(meeting.starts_at), timezone.localtime(meeting.ends_at)
    return f"{start:%A} {govuk_date(start)}, {start:%H:%M} to {end:%H:%M}, at {meeting.location}"


def _send_personal_invite(invitee: Invitee) -> None:
    """One professional's invite: the calendar invite with them as the attendee, and their own two
    answer links (which is why it is an email of its own, not a copy of everyone's)."""
    meeting = invitee.meeting
    text = ical.invite_text(meeting, attendees=[(invitee.email, invitee.name)], method=ical.REQUEST)
    intro = (
        f"You are invited to a multi-agency ({meeting_name()}) meeting. The calendar invitation is attached.\n\n"
        f"When and where: {_when_where(meeting)}.\n\n"
        "Please let us know whether you can come. You do not need an account to answer:\n"
        f"I can come: {rsvp_url(invitee, ACCEPT)}\n"
        f"I cannot come: {rsvp_url(invitee, DECLINE)}\n\n"
        "These links stop working when the meeting ends."
    )
    email_send(to=[invitee.email], subject=INVITE_SUBJECT, path=reverse("meetings:detail", args=[meeting.pk]),
               intro=intro, child_id=child_id_of(invitee), ics=text, ics_method=ical.REQUEST,
               reply_to=[ical.organizer_email()],
               link_text="Colleagues with a CSE Pathway account can sign in to see the meeting:")


def _account_for(email: str):
    """The colleague's account, when exactly one active account has this address."""
    if not email:
        return None
    matches = list(get_user_model().objects.filter(email__iexact=email, is_active=True)[:2])
    return matches[0] if len(matches) == 1 else None


@transaction.atomic
def invitee_add(*, actor, meeting: MaseMeeting, kind: str, name: str, relationship: str = "", agency: str = "",
                email: str = "", agenda_item: AgendaItem | None = None) -> Invitee:
    """Invite someone. The same person invited twice (a double click, two tabs) returns the first
    invitation and sends nothing more."""
    # The meeting row lock makes the duplicate check and the insert one step.
    meeting = MaseMeeting.objects.select_for_update().get(pk=meeting.pk)
    # Only the items the actor may see: a restricted record withheld from them is not on their agenda.
    items = [item for item in agenda_items_for(actor).filter(meeting=meeting) if not item.withheld]
    if agenda_item is not None:
        agenda_item = next((item for item in items if item.pk == agenda_item.pk), None)
        if agenda_item is None:
            raise Refused("That child is not on this meeting's agenda.")
    if kind not in Invitee.Kind.values:
        raise ValueError(f"Unknown invitee kind {kind!r}")
    scope = [agenda_item] if agenda_item is not None else items
    if not may_invite_for(actor, scope):
        raise PermissionDenied
    if meeting.state == MaseMeeting.State.CANCELLED:
        raise Refused("This meeting has been cancelled, so nobody new can be invited to it.")
    if meeting.state == MaseMeeting.State.HELD or timezone.now() >= meeting.ends_at:
        raise Refused("This meeting has already taken place, so nobody new can be invited to it.")
    if kind in PERSONAL_KINDS and agenda_item is None:
        if len(items) != 1:
            raise Refused("Choose which child's part of the meeting they are invited to.")
        agenda_item = items[0]
    name, email = name.strip(), email.strip()
    if kind == Invitee.Kind.CHILD and not name:
        name = agenda_item.episode.child.full_name
    if not name:
        raise Refused("Enter the name of the person you are inviting.")

    existing = meeting.invitees.filter(kind=kind, name__iexact=name, email__iexact=email,
                                       agenda_item=agenda_item).first()
    if existing is not None:
        return existing
    invitee = Invitee.objects.create(
        meeting=meeting, agenda_item=agenda_item, kind=kind, name=name, relationship=relationship.strip(),
        agency=agency.strip(), email=email, user=_account_for(email) if kind == Invitee.Kind.PROFESSIONAL else None,
        invited_by=actor)
    record(actor=actor, verb="meeting.invitee_added", obj=invitee, child_id=child_id_of(invitee))
    if kind == Invitee.Kind.PROFESSIONAL and email:
        _send_personal_invite(invitee)
    return invitee


@transaction.atomic
def invitees_add_from_directory(*, actor, meeting: MaseMeeting, entry_ids) -> list[Invitee]:
    """Invite several professionals chosen from the directory, each as if invited one by one (so each
    is audited, sent their own invite, and not invited twice), all or none. Only active entries."""
    entries = list(DirectoryEntry.objects.filter(pk__in=list(entry_ids), active=True).order_by("agency", "name"))
    if not entries:
        raise Refused("Select at least one person to invite.")
    return [invitee_add(actor=actor, meeting=meeting, kind=Invitee.Kind.PROFESSIONAL, name=entry.name,
                        relationship=entry.job_title, agency=entry.agency, email=entry.email)
            for entry in entries]


def _locked_invitee(pk) -> Invitee:
    # of=self: PostgreSQL cannot lock the nullable side of the join to the agenda item.
    return (Invitee.objects.select_for_update(of=("self",))
            .select_related("meeting", "agenda_item__episode").get(pk=pk))


@transaction.atomic
def invitee_respond(*, token: str, answer: str) -> Invitee:
    """A professional's answer through their link, without an account (so the audit actor is None).
    The same answer twice changes nothing; the other link lets them change their mind."""
    invitee_id, token_answer = rsvp_read(token)
    if answer != token_answer:
        raise LinkInvalid
    try:
        invitee = _locked_invitee(invitee_id)
    except (Invitee.DoesNotExist, ValueError, ValidationError) as missing:
        raise LinkInvalid from missing
    check_link_live(invitee)
    status = ANSWER_STATUS[answer]
    if invitee.status == status:
        return invitee
    invitee.status = status
    invitee.responded_at = timezone.now()
    invitee.version += 1
    invitee.save(update_fields=["status", "responded_at", "version", "updated_at"])
    record(actor=None, verb="meeting.invitee_responded", obj=invitee, child_id=child_id_of(invitee),
           changed_fields=["status", "responded_at"])
    return invitee


# Statuses a person tells us about (by phone, in person), as against attending, which we see.
_ANSWERS = frozenset({Invitee.Status.ACCEPTED, Invitee.Status.DECLINED, Invitee.Status.APOLOGIES})


@transaction.atomic
def invitee_status_set(*, actor, invitee: Invitee, status: str, version: int) -> Invitee:
    """Record where an invitation has got to. `version` is the invitee's version when the page was
    opened: a save after someone else's change is refused (StaleEdit) rather than overwriting it."""
    invitee = _locked_invitee(invitee.pk)
    if not may_set_status(actor, invitee):
        raise PermissionDenied
    if status not in Invitee.Status.values:
        raise ValueError(f"Unknown invitee status {status!r}")
    if invitee.meeting.state == MaseMeeting.State.CANCELLED:
        raise Refused("This meeting has been cancelled, so its invitations can no longer change.")
    if status == Invitee.Status.ATTENDED and not has_started(invitee.meeting):
        raise Refused("The meeting has not started yet, so nobody can be recorded as having attended. It starts on "
                      f"{govuk_datetime(invitee.meeting.starts_at)}.")
    if invitee.status == status:
        # Already so: a double click, or two people recording the same thing.
        return invitee
    changed = ["status"]
    invitee.status = status
    if status in _ANSWERS:
        invitee.responded_at = timezone.now()
        changed.append("responded_at")
    versioned_save(instance=invitee, expected_version=version, changed=changed)
    record(actor=actor, verb="meeting.invitee_status_changed", obj=invitee, child_id=child_id_of(invitee),
           changed_fields=changed)
    return invitee
