"""Who may see which meeting, and who organises, chairs and changes meetings. The parts
(invitations, minutes, actions) state their own rules in their own access.py on top of these."""

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from csepathway.accounts.roles import CSE_TEAM_ROLES, Role, role_of
from csepathway.children.access import hidden_restricted_children, scope_key
from csepathway.children.models import ChildRestriction
from csepathway.core.request_context import memoised
from csepathway.episodes.access import episode_scope_q

from .models import AgendaItem, MaseMeeting

# The CSE team schedules, moves and cancels meetings and puts children on their agendas.
ORGANISERS = CSE_TEAM_ROLES
# The meetings calendar: the CSE team and the chairs.
CALENDAR_READERS = frozenset({*CSE_TEAM_ROLES, Role.MASE_CHAIR})


def visible_meetings(actor) -> QuerySet[MaseMeeting]:
    """Meetings with an agenda item the actor may see, and the meetings the actor chairs."""
    return memoised(scope_key(actor, "visible_meetings"), lambda: _visible_meetings(actor)).all()


def _visible_meetings(actor) -> QuerySet[MaseMeeting]:
    if role_of(actor) is None:
        return MaseMeeting.objects.none()
    # A subquery, not a join through the agenda: no meeting repeats, so no DISTINCT over the rows.
    on_agenda = AgendaItem.objects.filter(episode_scope_q(actor, "episode__"), meeting_id=OuterRef("pk"))
    return MaseMeeting.objects.filter(Q(Exists(on_agenda)) | Q(chair=actor))


def withheld_children(actor) -> QuerySet:
    """Ids of the restricted children the actor may not see, as a subquery. Someone without an
    account (an attendee's signed link) is on no allow-list, so every active restriction applies."""
    if getattr(actor, "is_authenticated", False):
        return hidden_restricted_children(actor)
    return ChildRestriction.objects.filter(lifted_at__isnull=True).values("child_id")


def restricted_q(actor, child: str = "episode__child_id") -> Q:
    """Rows whose child (reached through `child`) is a restricted record the actor may not see. A
    subquery: it adds no query of its own, so page query counts do not change. EXISTS rather than
    IN: excluded through a join (an action's episode), NOT IN made the planner scan every episode
    in the region to join a page's few hundred rows; NOT EXISTS is an anti-join it can size."""
    return Q(Exists(withheld_children(actor).filter(child_id=OuterRef(child))))


def may_organise(user) -> bool:
    return role_of(user) in ORGANISERS


def may_change_meeting(user, meeting: MaseMeeting) -> bool:
    """Move, cancel or add to: the CSE team, while the meeting is still to come."""
    return may_organise(user) and meeting.state == MaseMeeting.State.SCHEDULED


def has_started(meeting: MaseMeeting, now=None) -> bool:
    """Attendance and minutes are records of what happened: nothing of them exists before the
    meeting starts (docs/adr/0040)."""
    return (now or timezone.now()) >= meeting.starts_at


def may_chair(user) -> bool:
    return role_of(user) == Role.MASE_CHAIR


def sees_every_item(user, meeting: MaseMeeting) -> bool:
    """A contextual meeting has several children: the CSE team and its chair see every item; a
    practitioner learns only that others are there."""
    return role_of(user) in CSE_TEAM_ROLES or (role_of(user) is not None and meeting.chair_id == user.pk)



def chaired_episodes(user) -> QuerySet | None:
    """Registered with episodes.reach: a MASE chair reaches the children on the agendas of the
    meetings they chair (as on the meeting pages, where they see every item) for the strategic
    picture. A subquery of episode ids; None for anyone else."""
    if role_of(user) != Role.MASE_CHAIR:
        return None
    return AgendaItem.objects.filter(meeting__chair=user).values("episode_id")
