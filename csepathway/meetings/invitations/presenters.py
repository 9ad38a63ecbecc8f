"""What the meeting page and the invitation pages show: invitees in two groups with status tags,
the invitee's own page, the letter, and the public answer pages (which show no case content)."""

from django.urls import reverse
from django.utils import timezone
from markupsafe import Markup, escape

from csepathway.core.formatting import govuk_date, govuk_datetime, govuk_time
from csepathway.core.presenters import person_name, tag

from ..models import Invitee, MaseMeeting
from . import selectors as invitation_selectors
from .access import PERSONAL_KINDS, may_download_letter, may_invite, may_set_status
from .services import ACCEPT

_TAG_COLOURS = {
    Invitee.Status.INVITED: "blue",
    Invitee.Status.ACCEPTED: "green",
    Invitee.Status.DECLINED: "grey",
    Invitee.Status.ATTENDED: "turquoise",
    Invitee.Status.APOLOGIES: "yellow",
}


def status_tag(status: str) -> Markup:
    return tag(Invitee.Status(status).label, _TAG_COLOURS.get(status, ""))


def _describe(invitee: Invitee, *, several_children: bool) -> str:
    parts = [invitee.relationship, invitee.agency]
    if invitee.kind in PERSONAL_KINDS and several_children and invitee.agenda_item_id:
        parts.append(f"for {invitee.agenda_item.episode.child.full_name}")
    return ", ".join(part for part in parts if part)


def _row(invitee: Invitee, user, *, several_children: bool) -> list[dict]:
    """One table row: a table, not a summary list, because a region's panel meeting invites dozens and
    each summary-list row cost nearly 3 KB of the page (issue 11's 150 KB a page)."""
    links = []
    if may_set_status(user, invitee):
        links.append(Markup('<a class="govuk-link" href="{}">Change status<span class="govuk-visually-hidden"> '
                            'for {}</span></a>').format(reverse("meetings:invitee", args=[invitee.pk]), invitee.name))
    if may_download_letter(user, invitee):
        links.append(Markup('<a class="govuk-link" href="{}">Download letter<span class="govuk-visually-hidden"> '
                            'for {} (PDF)</span></a>').format(reverse("meetings:invitee_letter", args=[invitee.pk]),
                                                              invitee.name))
    description = _describe(invitee, several_children=several_children)
    name = Markup("{}<br><span class=\"govuk-body-s\">{}</span>").format(invitee.name, description) if description \
        else escape(invitee.name)
    return [{"html": name}, {"html": status_tag(invitee.status)}, {"html": Markup("<br>").join(links)}]


# Above this many invitees the meeting page shows how many are at each status and links to the list:
# a panel meeting invites over a hundred people, most of the page (issue 11's 150 KB a page).
SUMMARISED_OVER = 20


def invitees_section(request, meeting: MaseMeeting, *, whole: bool = False):
    """The invitation section of the meeting page, or the whole list on a page of its own (`whole`):
    (template name, context), or None to show nothing."""
    user = request.user
    can_add = meeting.state == MaseMeeting.State.SCHEDULED and may_invite(user, meeting)
    context = {"can_add": can_add, "add_href": reverse("meetings:invitee_add", args=[meeting.pk]), "whole": whole}
    if not whole:
        counts = invitation_selectors.invitee_counts(actor=user, meeting=meeting)
        if sum(counts.values()) > SUMMARISED_OVER:
            return "meetings/invitations/summary.html", {
                **context, "invitee_count": sum(counts.values()),
                "all_href": reverse("meetings:invitations", args=[meeting.pk]),
                "status_rows": [[{"html": status_tag(status)}, {"text": str(counts[status]), "format": "numeric"}]
                                for status in Invitee.Status.values if counts.get(status)]}
    invitees = invitation_selectors.invitees_for_meeting(actor=user, meeting=meeting)
    several = len(getattr(meeting, "agenda", [])) > 1
    family = [_row(i, user, several_children=several) for i in invitees if i.kind in PERSONAL_KINDS]
    professionals = [_row(i, user, several_children=several) for i in invitees if i.kind not in PERSONAL_KINDS]
    return "meetings/invitations/section.html", {**context, "family_rows": family, "professional_rows": professionals}


def invitee_rows(invitee: Invitee) -> list[dict]:
    rows = [
        {"key": {"text": "Name"}, "value": {"text": invitee.name}},
        {"key": {"text": "Invited as"}, "value": {"text": invitee.get_kind_display()}},
    ]
    if invitee.agenda_item_id:
        rows.append({"key": {"text": "For"}, "value": {"text": invitee.agenda_item.episode.child.full_name}})
    for label, value in (("Relationship or role", invitee.relationship), ("Agency", invitee.agency),
                         ("Email address", invitee.email)):
        if value:
            rows.append({"key": {"text": label}, "value": {"text": value}})
    rows += [
        {"key": {"text": "Status"}, "value": {"html": status_tag(invitee.status)}},
        {"key": {"text": "Invited by"}, "value": {"text": "Added when the meeting was scheduled"
                                                   if invitee.added_automatically
                                                   else invitee.invited_by.display_name}},
    ]
    if invitee.responded_at:
        rows.append({"key": {"text": "Answered"}, "value": {"text": govuk_datetime(invitee.responded_at)}})
    return rows


def _when(meeting: MaseMeeting) -> dict:
    start, end = timezone.localtime(meeting.starts_at), timezone.localtime(meeting.ends_at)
    return {"day": f"{start:%A} {govuk_date(start)}", "start": govuk_time(start), "end": govuk_time(end),
            "location": meeting.location, "online_link": meeting.online_link}


def letter_context(invitee: Invitee) -> dict:
    """The printed letter: who it is to, the child's first name, when and where, and whom to contact.
    Nothing from the assessment or the episode beyond the practitioner's name."""
    episode = invitee.agenda_item.episode
    practitioner = episode.practitioner
    return {
        "recipient": invitee.name, "for_child": invitee.kind == Invitee.Kind.CHILD,
        "child_first_name": episode.child.first_name, "printed_on": govuk_date(timezone.localdate()),
        "practitioner": person_name(practitioner), "practitioner_team": getattr(practitioner.team, "name", ""),
        "practitioner_email": practitioner.email, **_when(invitee.meeting),
    }


def letter_filename(invitee: Invitee) -> str:
    local = timezone.localtime(invitee.meeting.starts_at)
    who = "child" if invitee.kind == Invitee.Kind.CHILD else "family"
    return f"mase-invitation-{who}-{local:%Y-%m-%d}.pdf"


def respond_context(invitee: Invitee, answer: str) -> dict:
    """The public answer pages: the meeting's time and place and the answer, nothing about the case."""
    return {"accepting": answer == ACCEPT, "name": invitee.name, **_when(invitee.meeting)}
