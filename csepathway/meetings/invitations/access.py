"""Who may invite people to a meeting, keep their answers and attendance, and print the letters to
the child and family."""

from csepathway.accounts.roles import CSE_TEAM_ROLES, Role, role_of
from csepathway.episodes.access import holds_case

from ..models import AgendaItem, Invitee, MaseMeeting

# The practitioner invites the child, the family and the professionals around them; the CSE team
# can too. The chair also keeps the attendance.
INVITERS = frozenset({Role.PRACTITIONER, Role.TEAM_MANAGER, *CSE_TEAM_ROLES})
ATTENDANCE_KEEPERS = frozenset({*INVITERS, Role.MASE_CHAIR})
# Invitations about one child's item that name the child or the family: never shown to the
# practitioner of another child on a contextual meeting, and sent as letters, not emails.
PERSONAL_KINDS = frozenset({Invitee.Kind.CHILD, Invitee.Kind.FAMILY})


def agenda_of(meeting: MaseMeeting) -> list[AgendaItem]:
    # The meeting page's selector has already loaded the agenda with its episodes.
    agenda = getattr(meeting, "agenda", None)
    if agenda is None:
        agenda = list(meeting.agenda_items.select_related("episode__child", "episode__practitioner"))
    return agenda


def may_invite_for(user, items) -> bool:
    """A CSE role, or a case holder of one of these items' episodes."""
    if role_of(user) in CSE_TEAM_ROLES:
        return True
    return role_of(user) is not None and any(holds_case(user, item.episode) for item in items)


def may_invite(user, meeting: MaseMeeting, agenda_item: AgendaItem | None = None) -> bool:
    """To the item's part of the meeting, or (no item) to the whole meeting."""
    return may_invite_for(user, [agenda_item] if agenda_item is not None else agenda_of(meeting))


def may_set_status(user, invitee: Invitee) -> bool:
    return (role_of(user) is not None and invitee.meeting.chair_id == user.pk) or may_invite(
        user, invitee.meeting, invitee.agenda_item)


def may_download_letter(user, invitee: Invitee) -> bool:
    if invitee.kind not in PERSONAL_KINDS or invitee.agenda_item is None:
        return False
    return role_of(user) in CSE_TEAM_ROLES or holds_case(user, invitee.agenda_item.episode)
