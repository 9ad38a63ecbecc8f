"""Reads of invitations, scoped to the acting user through the meetings they may see; every read is
audited, and a refusal is audited and answered with 404."""

import uuid
from collections.abc import Callable

from django.core.exceptions import ValidationError
from django.db.models import Count, Q, QuerySet

from csepathway.audit.scope import get_in_scope_or_404, refuse_with_404
from csepathway.episodes.access import episode_scope_q

from .. import selectors
from ..access import restricted_q, sees_every_item, visible_meetings
from ..models import Invitee, MaseMeeting
from .access import may_download_letter, may_invite, may_set_status
from .services import LinkInvalid, check_link_live, child_id_of, rsvp_read


def meeting_for_inviting(*, actor, meeting_id: uuid.UUID | str) -> MaseMeeting:
    """The meeting, when the actor may invite people to it."""
    meeting = selectors.meeting_get(actor=actor, meeting_id=meeting_id, purpose="opened_to_invite")
    if not may_invite(actor, meeting):
        refuse_with_404(actor=actor, verb="meeting.opened_to_invite", object_type="meetings.masemeeting",
                        object_id=meeting.pk, child_id=meeting.agenda[0].episode.child_id if meeting.agenda else None)
    return meeting


def _invitees(actor, meeting: MaseMeeting) -> QuerySet[Invitee]:
    # Never who is there for a restricted record the actor may not see (the child is named as invitee).
    queryset = (Invitee.objects.filter(meeting__in=visible_meetings(actor), meeting=meeting)
                .exclude(restricted_q(actor, "agenda_item__episode__child_id")))
    if not sees_every_item(actor, meeting):
        # On a contextual meeting, another child's family (and who is there for that child) is not
        # this practitioner's to see: only invitees for their own children or the whole meeting.
        queryset = queryset.filter(Q(agenda_item__isnull=True)
                                   | episode_scope_q(actor, "agenda_item__episode__"))
    return queryset


def invitee_counts(*, actor, meeting: MaseMeeting) -> dict[str, int]:
    """{status: how many} of the invitees invitees_for_meeting would list, counted by the database."""
    rows = _invitees(actor, meeting).values("status").annotate(count=Count("pk")).order_by()
    return {row["status"]: row["count"] for row in rows}


def invitees_for_meeting(*, actor, meeting: MaseMeeting) -> list[Invitee]:
    """Everyone invited to a meeting the actor may see (the meeting read itself is audited by the page)."""
    invitees = list(_invitees(actor, meeting).select_related("agenda_item__episode__child").order_by("created_at"))
    for invitee in invitees:
        # The page's meeting, with its agenda already loaded: no query per row for the permission checks.
        invitee.meeting = meeting
    return invitees


def _invitee(*, actor, invitee_id, verb: str, may: Callable) -> Invitee:
    scope = (Invitee.objects.filter(meeting__in=visible_meetings(actor))
             .exclude(restricted_q(actor, "agenda_item__episode__child_id"))
             .select_related("meeting__chair", "agenda_item__episode__child",
                             "agenda_item__episode__practitioner__team", "invited_by"))
    return get_in_scope_or_404(scope, actor=actor, pk=invitee_id, verb=verb, may=may, child_id_of=child_id_of)


def invitee_for_status(*, actor, invitee_id) -> Invitee:
    """An invitee whose status the actor may change: case holders, the CSE team, the meeting's chair."""
    return _invitee(actor=actor, invitee_id=invitee_id, verb="meeting.invitee_viewed", may=may_set_status)


def invitee_for_letter(*, actor, invitee_id) -> Invitee:
    """The child or family member whose letter the actor may print: case holders and the CSE team."""
    return _invitee(actor=actor, invitee_id=invitee_id, verb="meeting.letter_downloaded", may=may_download_letter)


def invitation_from_token(token: str) -> tuple[Invitee, str]:
    """(invitee, answer) for a genuine, live answer link. Raises LinkInvalid or LinkExpired. Public:
    the token is the only key, so this returns nothing the thank-you page does not show."""
    invitee_id, answer = rsvp_read(token)
    try:
        invitee = Invitee.objects.select_related("meeting", "invited_by").get(pk=invitee_id)
    except (Invitee.DoesNotExist, ValueError, ValidationError) as missing:
        raise LinkInvalid from missing
    check_link_live(invitee)
    return invitee, answer
