"""What the access history pages show: plain words for the trail's verbs, GOV.UK table rows."""

import uuid

from django.urls import reverse
from markupsafe import Markup

from csepathway.audit.models import AuditEvent
from csepathway.core.formatting import govuk_datetime
from csepathway.core.presenters import link, person_name, tag_cell

# The trail's verbs in plain words. A verb not listed still reads (see action_words).
VERB_WORDS = {
    "child.viewed": "Opened the record",
    "child.opened_for_edit": "Opened the record to change it",
    "child.chronology_viewed": "Opened the chronology",
    "child.chronology_downloaded": "Downloaded the chronology",
    "child.record_downloaded": "Downloaded the record as a PDF",
    "child.export_requested": "Asked to download from the record",
    "assessment.downloaded": "Downloaded the risk assessment",
    "episode.decision_downloaded": "Downloaded the CSE team decision",
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


def actor_name(user, username: str = "") -> str:
    """Who did it: the person, or the username kept on the row when the account has gone, or the
    service acting on its own."""
    return person_name(user, username or "The service")


def outcome_tag(outcome: str) -> dict:
    if outcome == AuditEvent.Outcome.DENIED:
        return tag_cell("Refused", "red")
    return {"text": "Allowed"}


def child_history_rows(events) -> list[list[dict]]:
    return [[{"text": govuk_datetime(e.occurred_at)}, {"text": actor_name(e.actor, e.actor_username)},
             {"text": e.acting_role or "-"}, {"text": action_words(e.verb)}, outcome_tag(e.outcome)]
            for e in events]


def user_history_rows(events) -> list[list[dict]]:
    """A person's history: each child by the label the selector put on the event (their name, or an
    opaque label for a record the reader may not see) and always by record ID, for matching."""
    rows = []
    for e in events:
        child = str(e.child_id) if e.child_id else e.object_id
        link = reverse("oversight:child_history", args=[child]) if _is_uuid(child) else ""
        cell = ({"html": _child_link(link, child, getattr(e, "child_label", ""))}
                if link else {"text": child or "-"})
        rows.append([{"text": govuk_datetime(e.occurred_at)}, cell, {"text": action_words(e.verb)},
                     outcome_tag(e.outcome)])
    return rows


def _child_link(href: str, child_id: str, label: str) -> Markup:
    # The record ID stays the link, so the column still reads as IDs for matching; the label sits above it.
    if not label:
        return link(href, child_id)
    return Markup('{}<br>').format(label) + link(href, child_id)


def _is_uuid(value: str) -> bool:
    try:
        uuid.UUID(str(value))
    except ValueError:
        return False
    return True
