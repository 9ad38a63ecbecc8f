"""What the access history pages show: plain words for the trail's verbs, GOV.UK table rows."""

import uuid

from django.urls import reverse
from django.utils import timezone
from markupsafe import Markup

from csepathway.accounts.roles import Role
from csepathway.audit.models import AuditEvent
from csepathway.core.formatting import govuk_date, govuk_datetime, govuk_time
from csepathway.core.presenters import link, person_name, tag_cell
from csepathway.core.spreadsheets import csv_text
from csepathway.core.wording import say_lazy

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
    "meeting.minutes_published": say_lazy("Published MASE minutes"),
    "meeting.minutes_downloaded": say_lazy("Downloaded MASE minutes"),
    "nrm.viewed": "Opened the NRM referral",
    "nrm.exported": "Downloaded the NRM referral",
    "nrm.referred": "Recorded the NRM referral as made",
    "intelligence_report.viewed": "Opened an intelligence report",
    "intelligence_report.sent": "Sent an intelligence report to the police",
    "disclosure.recorded": "Shared information outside the council",
    "audit.child_history_viewed": "Looked at the access history",
    "audit.child_history_downloaded": "Downloaded the access history",
    "child.searched": "Searched for children",
    "episode.viewed": "Opened an episode",
    "episode.screening_recorded": "Recorded a screening",
    "episode.returned": "Returned the episode to the practitioner",
    "episode.closed": "Closed the episode",
    "episode.conversation_recorded": "Recorded a conversation",
    "episode.manager_advice_recorded": "Recorded the Team Manager's advice",
    "episode.assessment_started": "Started a risk assessment",
    "assessment.section_saved": "Changed the risk assessment",
    "assessment.sign_off_requested": "Asked the Team Manager to sign off the assessment",
    "assessment.sign_off_agreed": "Signed off the risk assessment",
    "assessment.sign_off_returned": "Returned the risk assessment with comments",
    "screening.challenged": "Asked the Team Manager to agree a screening",
    "screening.challenge_agreed": "Agreed a screening's outcome",
    "screening.challenge_not_agreed": "Did not agree a screening's outcome",
    "actions.viewed": say_lazy("Opened MASE actions"),
    "action.viewed": say_lazy("Opened a MASE action"),
    "meeting.viewed": say_lazy("Opened a MASE meeting"),
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


def role_title(code: str) -> str:
    """The role as people call it ("CSE Team Manager"), not its code; a role since retired reads as
    its code in words."""
    if not code:
        return "-"
    return Role(code).label if code in Role.values else code.replace("_", " ").capitalize()


def collapse_repeats(events) -> list[tuple[object, int, object]]:
    """(newest event, how many, oldest event) for each run of the same person doing the same thing
    with the same outcome on the same day: twenty refreshes of a record read as one line."""
    runs: list[list] = []
    for event in events:
        key = (event.actor_id, event.actor_username, event.verb, event.outcome,
               timezone.localdate(event.occurred_at))
        if runs and runs[-1][0] == key:
            runs[-1][2] += 1
            runs[-1][3] = event
        else:
            runs.append([key, event, 1, event])
    return [(newest, count, oldest) for _key, newest, count, oldest in runs]


def _when(newest, count: int, oldest) -> str:
    if count == 1:
        return govuk_datetime(newest.occurred_at)
    return f"{govuk_datetime(oldest.occurred_at)} to {govuk_time(newest.occurred_at)}"


def child_history_rows(events) -> list[list[dict]]:
    rows = []
    for newest, count, oldest in collapse_repeats(events):
        action = action_words(newest.verb) + (f" ({count} times)" if count > 1 else "")
        rows.append([{"text": _when(newest, count, oldest)}, {"text": actor_name(newest.actor, newest.actor_username)},
                     {"text": role_title(newest.acting_role)}, {"text": action}, outcome_tag(newest.outcome)])
    return rows


def found_children_rows(children) -> list[list[dict]]:
    """Children found by name, each a link to their access history, with what tells two apart."""
    return [[{"html": link(reverse("oversight:child_history", args=[child.pk]), child.full_name)},
             {"text": govuk_date(child.date_of_birth)},
             {"text": child.lcs_reference or child.ehm_reference or "-"}] for child in children]


def child_history_csv(label: str, child_id, events) -> str:
    """Every event on its own line (nothing collapsed), times as a spreadsheet sorts them."""
    rows = ([f"{timezone.localtime(e.occurred_at):%Y-%m-%d %H:%M:%S}", actor_name(e.actor, e.actor_username),
             e.actor_username, role_title(e.acting_role), action_words(e.verb),
             "Refused" if e.outcome == AuditEvent.Outcome.DENIED else "Allowed"] for e in events)
    return csv_text(["When", "Person", "Username", "Role", "What they did", "Outcome"], rows)


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
