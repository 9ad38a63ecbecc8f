"""What the meeting page and the action pages show: table rows with overdue actions standing out,
the meeting page's actions by agenda item, and the action's own summary."""

import itertools

from django.urls import reverse
from django.utils import timezone
from markupsafe import Markup, escape

from csepathway.core.formatting import govuk_date, govuk_datetime
from csepathway.core.presenters import tag

from ..access import visible_meetings
from ..models import Action
from ..presenters import when
from . import selectors as action_selectors
from .access import may_set_status

_STATUS_COLOURS = {
    Action.Status.NOT_STARTED: "grey",
    Action.Status.IN_PROGRESS: "blue",
    Action.Status.DONE: "green",
    Action.Status.CANCELLED: "grey",
}
OVERDUE_TAG = tag("Overdue", "red")


def status_tag(status: str) -> Markup:
    return tag(Action.Status(status).label, _STATUS_COLOURS.get(status, ""))


def action_href(action: Action) -> str:
    return reverse("meetings:action", args=[action.pk])


def _due_cell(action: Action, today) -> dict:
    if action_selectors.is_overdue(action, today):
        # The tag says it in words; the class lets the row stand out for sighted users too.
        return {"html": Markup("{} {}").format(govuk_date(action.due_on), OVERDUE_TAG), "classes": "app-breach"}
    return {"text": govuk_date(action.due_on)}


def _owner(action: Action) -> str:
    return f"{action.owner_name} ({action.agency})" if action.agency else action.owner_name


def action_rows(actions, *, with_child: bool = True, today=None) -> list[list[dict]]:
    """Rows for a GOV.UK table. Everything comes from the rows already loaded: no query per row."""
    today = today or timezone.localdate()
    rows = []
    for action in actions:
        row = [
            _due_cell(action, today),
            {"html": Markup('<a class="govuk-link" href="{}">{}</a>').format(action_href(action), action.description)},
            {"text": action.get_kind_display()},
            {"text": _owner(action)},
            {"html": status_tag(action.status)},
        ]
        if with_child:
            episode = action.episode
            row.append({"html": Markup('<a class="govuk-link" href="{}">{}</a>').format(
                reverse("meetings:episode_actions", args=[episode.pk]), episode.child.full_name)})
        rows.append(row)
    return rows


def action_head(*, with_child: bool = True) -> list[dict]:
    head = [{"text": "Due"}, {"text": "Action"}, {"text": "Kind"}, {"text": "Owner"}, {"text": "Status"}]
    return head + [{"text": "Child"}] if with_child else head


def overdue_count(actions, today=None) -> int:
    today = today or timezone.localdate()
    return sum(1 for action in actions if action_selectors.is_overdue(action, today))


# Above this many actions the meeting page shows each child's count and links to the whole list: a
# panel meeting agrees well over a hundred (issue 11's 150 KB a page).
SUMMARISED_OVER = 20


def _summary(meeting, counts: list[dict]):
    overdue = sum(row["overdue"] for row in counts)
    return "meetings/actions/summary.html", {
        "action_count": sum(row["total"] for row in counts), "overdue": overdue,
        "all_href": reverse("meetings:meeting_actions", args=[meeting.pk]),
        "count_rows": [[{"text": f"Item {row['order']}: {row['first_name']} {row['last_name']}"},
                        {"text": str(row["total"]), "format": "numeric"},
                        {"text": str(row["overdue"]), "format": "numeric"}] for row in counts]}


def actions_section(request, meeting, *, whole: bool = False):
    """The action section of the meeting page (the meeting's actions by agenda item, or a count by
    item when there are many), or the whole list on a page of its own (`whole`); None when there
    are none the viewer may see."""
    if not whole:
        counts = action_selectors.action_counts_for_meeting(actor=request.user, meeting=meeting)
        if sum(row["total"] for row in counts) > SUMMARISED_OVER:
            return _summary(meeting, counts)
    actions = action_selectors.actions_for_meeting(actor=request.user, meeting=meeting)
    if not actions:
        return None
    groups = []
    for _, grouped in itertools.groupby(actions, key=lambda a: a.agenda_item_id):
        grouped = list(grouped)
        item, episode = grouped[0].agenda_item, grouped[0].episode
        groups.append({
            "title": f"Item {item.order}: {episode.child.full_name}",
            "rows": action_rows(grouped, with_child=False),
            "tracker": reverse("meetings:episode_actions", args=[episode.pk]),
        })
    return "meetings/actions/section.html", {"action_groups": groups, "action_head": action_head(with_child=False),
                                             "overdue": overdue_count(actions), "whole": whole}


def action_page(action: Action, user) -> dict:
    meeting = action.agenda_item.meeting
    overdue = action_selectors.is_overdue(action)
    rows = [
        {"key": {"text": "Action"}, "value": {"text": action.description}},
        {"key": {"text": "Kind"}, "value": {"text": action.get_kind_display()}},
        {"key": {"text": "Owner"}, "value": {"text": _owner(action)}},
        {"key": {"text": "Due"}, "value": {"html": Markup("{} {}").format(govuk_date(action.due_on), OVERDUE_TAG)
                                           if overdue else govuk_date(action.due_on)}},
        {"key": {"text": "Status"}, "value": {"html": status_tag(action.status)}},
    ]
    if action.completed_at:
        rows.append({"key": {"text": "Done on"}, "value": {"text": govuk_datetime(action.completed_at)}})
    agreed_at = escape(f"{meeting.get_kind_display()}, {when(meeting)}")
    # An owner from outside the case may follow their action without being able to open the meeting.
    if visible_meetings(user).filter(pk=meeting.pk).exists():
        agreed_at = Markup('<a class="govuk-link" href="{}">{}</a>').format(
            reverse("meetings:detail", args=[meeting.pk]), agreed_at)
    rows.append({"key": {"text": "Agreed at"}, "value": {"html": agreed_at}})
    return {"rows": rows, "overdue": overdue, "can_change": may_set_status(user, action),
            "tracker": reverse("meetings:episode_actions", args=[action.episode_id])}
