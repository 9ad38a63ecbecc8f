"""What the minutes pages, the meeting page's minutes section and the minutes PDF show."""

from collections import defaultdict

from django.urls import reverse
from django.utils import timezone
from markupsafe import Markup

from csepathway.core.formatting import govuk_date, govuk_datetime, preserve_lines
from csepathway.core.presenters import person_name, tag

from ..access import has_started
from ..models import Invitee, MaseMeeting
from ..presenters import RESTRICTED_RECORD, not_started_text, when
from . import selectors as minutes_selectors
from .access import may_record

NO_AGENCY = "Agency not recorded"
WITHHELD = "Only someone allowed to see this record can see or record its minutes"
FAMILY = "The child and family"


def level_outcome(previous: str, level: str, labels: dict) -> str:
    """'Confirmed: High' or 'Changed from Medium to High', as the group decided it."""
    new = labels.get(level, level)
    if not level:
        return "Not recorded"
    if previous == level:
        return f"Confirmed: {new}"
    return f"Changed from {labels.get(previous, previous) or 'no level'} to {new}"


def item_title(item) -> str:
    return f"Item {item.order}: {item.episode.child.full_name}"


def action_rows(actions) -> list[list[dict]]:
    return [[
        {"html": preserve_lines(a.description)},
        {"text": a.get_kind_display()},
        {"text": a.owner_name},
        {"text": a.agency},
        {"text": govuk_date(a.due_on)},
        {"text": a.get_status_display()},
    ] for a in actions]


ACTION_HEAD = [{"text": "What"}, {"text": "Kind"}, {"text": "Owner"}, {"text": "Agency"}, {"text": "Due"},
               {"text": "Status"}]


def intervention_rows(interventions) -> list[dict]:
    return [{"key": {"text": agreed.need}, "value": {"html": preserve_lines(agreed.intervention)}}
            for agreed in interventions]


def _attendee(invitee: Invitee) -> str:
    return f"{invitee.name} ({invitee.relationship})" if invitee.relationship else invitee.name


def by_agency(invitees) -> list[dict]:
    """People grouped under their agency; the child and family under their own heading."""
    groups = defaultdict(list)
    for invitee in invitees:
        if invitee.kind in (Invitee.Kind.CHILD, Invitee.Kind.FAMILY) and not invitee.agency:
            groups[FAMILY].append(_attendee(invitee))
        else:
            groups[invitee.agency or NO_AGENCY].append(_attendee(invitee))
    return [{"agency": agency, "people": people} for agency, people in sorted(groups.items())]


def document_items(document, labels: dict) -> list[dict]:
    items = []
    for entry in document.items:
        minutes = entry.minutes
        items.append({
            "title": item_title(entry.item),
            "item_id": str(entry.item.pk),
            "child": entry.item.episode.child.full_name,
            "recorded": minutes is not None,
            "information_shared": minutes.information_shared if minutes else "",
            "information_html": preserve_lines(minutes.information_shared if minutes else ""),
            "rationale_html": preserve_lines(minutes.risk_level_rationale if minutes else ""),
            "level": level_outcome(entry.previous_level, minutes.risk_level if minutes else "", labels),
            "rationale": minutes.risk_level_rationale if minutes else "",
            "next_review": govuk_date(minutes.next_review_on) if minutes else "Not recorded",
            "actions": [{"description": a.description, "kind": a.get_kind_display(), "owner_name": a.owner_name,
                         "agency": a.agency, "due": govuk_date(a.due_on), "status": a.get_status_display()}
                        for a in entry.actions],
            "action_rows": action_rows(entry.actions),
            "interventions": entry.interventions,
            "intervention_rows": intervention_rows(entry.interventions),
        })
    return items


def document_context(document) -> dict:
    """For the PDF and the check-your-answers page."""
    meeting = document.meeting
    labels = minutes_selectors.level_labels()
    start = timezone.localtime(meeting.starts_at)
    return {
        "kind": meeting.get_kind_display(),
        "date": govuk_date(start),
        "time": f"{start:%H:%M} to {timezone.localtime(meeting.ends_at):%H:%M}",
        "place": meeting.location + (f" (online: {meeting.online_link})" if meeting.online_link else ""),
        "chair": person_name(meeting.chair),
        "published": govuk_datetime(meeting.minutes_published_at) if meeting.minutes_published_at else "",
        "attended": by_agency(document.attended),
        "apologies": by_agency(document.apologies),
        "items": document_items(document, labels),
        "themes": [(label, text) for label, text in (("Persons of concern", meeting.persons_of_concern),
                                                     ("Places of concern", meeting.places_of_concern),
                                                     ("Themes", meeting.themes)) if text],
        "action_head": ACTION_HEAD,
    }


def pdf_filename(meeting: MaseMeeting) -> str:
    # No child's name in a file name: it shows in download lists and email clients.
    return f"mase-minutes-{timezone.localtime(meeting.starts_at):%Y-%m-%d}.pdf"


def _item_status(entry) -> Markup:
    minutes = entry.minutes
    if minutes is None:
        return tag("Not started", "grey")
    if not (minutes.risk_level and minutes.risk_level_rationale.strip()):
        return tag("In progress", "yellow")
    return tag("Recorded", "green")


def minutes_section(request, meeting):
    """The minutes section of the meeting page: (template name, context), or None to show nothing."""
    if meeting.state == MaseMeeting.State.CANCELLED:
        return None
    document = minutes_selectors.minutes_overview(actor=request.user, meeting=meeting)
    published = meeting.minutes_published_at is not None
    not_started = "" if published or has_started(meeting) else not_started_text(meeting)
    # Before the meeting starts there is nothing to record, so nothing is offered.
    recorder = may_record(request.user, meeting) and not not_started
    labels = minutes_selectors.level_labels()
    rows = []
    for entry in document.items:
        if published:
            value = {"text": level_outcome(entry.previous_level, entry.minutes.risk_level, labels)
                     if entry.minutes else "Not recorded"}
        else:
            value = {"html": _item_status(entry)}
        row = {"key": {"text": item_title(entry.item)}, "value": value}
        if recorder and not published:
            row["actions"] = {"items": [{
                "href": reverse("meetings:minutes_item", args=[meeting.pk, entry.item.pk]),
                "text": "Change minutes" if entry.minutes else "Record minutes",
                "visuallyHiddenText": f" for {entry.item.episode.child.full_name}"}]}
        rows.append((entry.item.order, row))
    if recorder:
        # The chair and the CSE team see every item's place; one withheld from them shows unnamed.
        rows += [(w.order, {"key": {"text": f"Item {w.order}: {RESTRICTED_RECORD}"}, "value": {"text": WITHHELD}})
                 for w in meeting.withheld]
    rows = [row for _, row in sorted(rows, key=lambda pair: pair[0])]
    return "meetings/minutes/section.html", {
        "minutes_rows": rows, "minutes_published": published, "may_record": recorder, "not_started": not_started,
        "published_text": (f"Published on {govuk_datetime(meeting.minutes_published_at)} by "
                           f"{person_name(meeting.minutes_published_by)}" if published else ""),
        "publish_href": reverse("meetings:minutes_publish", args=[meeting.pk]),
        "pdf_href": reverse("meetings:minutes_pdf", args=[meeting.pk]),
    }


def minutes_summary_rows(minutes, previous_level: str) -> list[dict]:
    """An item's saved minutes as a summary list (published minutes, or what someone else saved)."""
    if minutes is None:
        return []
    labels = minutes_selectors.level_labels()
    return [
        {"key": {"text": "Information shared"}, "value": {"html": preserve_lines(minutes.information_shared)}},
        {"key": {"text": "Risk level"}, "value": {"text": level_outcome(previous_level, minutes.risk_level, labels)}},
        {"key": {"text": "Why"}, "value": {"html": preserve_lines(minutes.risk_level_rationale)}},
        {"key": {"text": "Next review"}, "value": {"text": govuk_date(minutes.next_review_on)}},
        {"key": {"text": "Saved by"}, "value": {"text": person_name(minutes.recorded_by)}},
    ]


def meeting_caption(meeting: MaseMeeting) -> str:
    return f"{meeting.get_kind_display()}, {when(meeting)}"
