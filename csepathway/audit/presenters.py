"""What the access history, alerts and disclosure pages show: plain words, GOV.UK table rows and
pagination. Nothing here queries the database."""

import uuid
from urllib.parse import urlencode

from django.urls import reverse
from markupsafe import Markup

from csepathway.core.formatting import govuk_datetime

from .models import AuditEvent

# The trail's verbs in plain words. A verb not listed still reads (see action_words).
VERB_WORDS = {
    "child.viewed": "Opened the record",
    "child.opened_for_edit": "Opened the record to change it",
    "child.chronology_viewed": "Opened the chronology",
    "child.created": "Created the record",
    "child.updated": "Changed the record",
    "child.plan_entry_recorded": "Added to the child's plan",
    "case_note.viewed": "Read a case note",
    "case_note.added": "Added a case note",
    "case_note.amended": "Amended a case note",
    "episode.started": "Started an episode",
    "episode.submitted": "Submitted the episode",
    "episode.risk_level_changed": "Changed the risk level",
    "screening.completed": "Completed a screening",
    "assessment.started": "Started a risk assessment",
    "assessment.submitted": "Submitted a risk assessment",
    "meeting.minutes_published": "Published MASE minutes",
    "meeting.minutes_downloaded": "Downloaded MASE minutes",
    "nrm.viewed": "Opened the NRM referral",
    "nrm.exported": "Downloaded the NRM referral",
    "nrm.referred": "Recorded the NRM referral as made",
    "intelligence_report.viewed": "Opened an intelligence report",
    "intelligence_report.sent": "Sent an intelligence report to the police",
    "disclosure.recorded": "Shared information outside the council",
    "audit.child_history_viewed": "Looked at the access history",
    "child.restricted": "Restricted the record",
    "child.restriction_opened": "Opened the restriction",
    "child.restriction_reviewed": "Reviewed the restriction",
    "child.restriction_lift_requested": "Asked for the restriction to be lifted",
    "child.restriction_lifted": "Approved lifting the restriction",
    "child.restriction_lift_refused": "Tried to approve lifting the restriction",
    "child.restriction_lift_declined": "Declined lifting the restriction",
    "child.restriction_lift_decline_refused": "Tried to decline lifting the restriction",
    "child.break_glass_granted": "Used emergency access",
}


def action_words(verb: str) -> str:
    """'child.plan_entry_recorded' reads as 'Child: plan entry recorded' when it has no wording."""
    if verb in VERB_WORDS:
        return VERB_WORDS[verb]
    subject, _, action = verb.partition(".")
    subject = subject.replace("_", " ").capitalize()
    return f"{subject}: {action.replace('_', ' ')}" if action else subject


def person(user, username: str = "") -> str:
    if user is None:
        return username or "The service"
    return user.get_full_name() or user.get_username()


def outcome_tag(outcome: str) -> dict:
    if outcome == AuditEvent.Outcome.DENIED:
        return {"html": Markup('<strong class="govuk-tag govuk-tag--red">Refused</strong>')}
    return {"text": "Allowed"}


def child_history_rows(events) -> list[list[dict]]:
    return [[{"text": govuk_datetime(e.occurred_at)}, {"text": person(e.actor, e.actor_username)},
             {"text": e.acting_role or "-"}, {"text": action_words(e.verb)}, outcome_tag(e.outcome)]
            for e in events]


def user_history_rows(events) -> list[list[dict]]:
    """A person's history: each child by the label the selector put on the event (their name, or an
    opaque label for a record the reader may not see) and always by record ID, for matching."""
    rows = []
    for e in events:
        child = str(e.child_id) if e.child_id else e.object_id
        link = reverse("audit:child_history", args=[child]) if _is_uuid(child) else ""
        cell = ({"html": _child_link(link, child, getattr(e, "child_label", ""))}
                if link else {"text": child or "-"})
        rows.append([{"text": govuk_datetime(e.occurred_at)}, cell, {"text": action_words(e.verb)},
                     outcome_tag(e.outcome)])
    return rows


def _child_link(href: str, child_id: str, label: str) -> Markup:
    # The record ID stays the link, so the column still reads as IDs for matching; the label sits above it.
    if not label:
        return _link(href, child_id)
    return Markup('{}<br>').format(label) + _link(href, child_id)


def _is_uuid(value: str) -> bool:
    try:
        uuid.UUID(str(value))
    except ValueError:
        return False
    return True


def _link(href: str, text: str) -> Markup:
    return Markup('<a class="govuk-link" href="{}">{}</a>').format(href, text)


def alert_rows(alerts) -> list[list[dict]]:
    rows = []
    for alert in alerts:
        href = reverse("audit:alert_detail", args=[alert.pk])
        status = ({"html": Markup('<strong class="govuk-tag govuk-tag--grey">Reviewed</strong>')}
                  if alert.reviewed_at else
                  {"html": Markup('<strong class="govuk-tag govuk-tag--yellow">To review</strong>')})
        rows.append([{"html": _link(href, govuk_datetime(alert.raised_at))},
                     {"text": person(alert.user)}, {"text": alert.get_kind_display()}, {"text": str(alert.count)},
                     status])
    return rows


def alert_summary(alert) -> list[dict]:
    user_link = reverse("audit:user_history", args=[alert.user_id])
    rows = [
        ("Person", _link(user_link, person(alert.user))),
        ("Role", alert.user.get_role_display()),
        ("Team", alert.user.team.name if alert.user.team else "-"),
        ("What happened", alert.get_kind_display()),
        ("How many", str(alert.count)),
        ("Between", f"{govuk_datetime(alert.window_start)} and {govuk_datetime(alert.window_end)}"),
        ("Raised", govuk_datetime(alert.raised_at)),
    ]
    if alert.reviewed_at:
        rows += [("Reviewed by", person(alert.reviewed_by)), ("Reviewed", govuk_datetime(alert.reviewed_at)),
                 ("Note", alert.note)]
    return [{"key": {"text": key}, "value": {"html": value} if isinstance(value, Markup) else {"text": value}}
            for key, value in rows]


def _disclosure_child(entry) -> dict:
    if not entry.child_id:
        return {"text": "-"}
    label = getattr(entry, "child_label", "")
    return {"html": Markup("{}<br>{}").format(label, entry.child_id) if label else str(entry.child_id)}


def disclosure_rows(entries) -> list[list[dict]]:
    return [[{"text": govuk_datetime(d.disclosed_at)}, _disclosure_child(d),
             {"text": d.recipient}, {"text": d.shared}, {"text": d.purpose}, {"text": d.lawful_basis},
             {"text": person(d.disclosed_by, d.disclosed_by_username)}] for d in entries]


def pagination(page, base_url: str, params: dict | None = None) -> dict | None:
    """GOV.UK pagination for a Django page: previous, next and the numbers near the current one."""
    if page.paginator.num_pages <= 1:
        return None
    params = {k: v for k, v in (params or {}).items() if v}

    def href(number):
        return base_url + "?" + urlencode({**params, "page": number})

    items = []
    last = page.paginator.num_pages
    for number in range(1, last + 1):
        if number in (1, last) or abs(number - page.number) <= 1:
            items.append({"number": number, "href": href(number), "current": number == page.number})
        elif items and not items[-1].get("ellipsis"):
            items.append({"ellipsis": True})
    result = {"items": items}
    if page.has_previous():
        result["previous"] = {"href": href(page.previous_page_number())}
    if page.has_next():
        result["next"] = {"href": href(page.next_page_number())}
    return result
