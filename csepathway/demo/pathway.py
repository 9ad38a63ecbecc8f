"""Demo episodes in every state of the pathway, built through the services."""

import datetime as dt

from django.utils import timezone

from csepathway.assessments.models import Assessment
from csepathway.core.working_days import add_working_days
from csepathway.episodes import scenarios
from csepathway.episodes.clocks import decision_due_on
from csepathway.episodes.models import Episode
from csepathway.meetings.invitations.services import invitee_add, invitee_status_set
from csepathway.meetings.minutes.services import action_add, intervention_add, item_minutes_save, minutes_publish
from csepathway.meetings.models import Action, Invitee, MaseMeeting
from csepathway.meetings.services import meeting_schedule

from . import related

# (state to build, working days ago it was submitted) per demo child, by LCS reference.
PLAN = {
    "LCS-D0001": ("draft", None),
    "LCS-D0002": ("ready", None),
    "LCS-D0003": ("submitted", 1),
    "LCS-D0005": ("submitted", 6),
    "LCS-D0006": ("returned", 4),
    "LCS-D0007": ("escalated", 5),
    "LCS-D0009": ("mase_required", 8),
    "LCS-D0010": ("mase_required", 12),
    "LCS-D0011": ("mase_not_required", 9),
    "LCS-D0013": ("closed", 30),
}

# The kinds of exploitation each demo child's assessment records, so the strategic profile has a
# chart by type to show (the scenarios fill only the risk level).
EXPLOITATION_TYPES = {
    "LCS-D0002": ["online"],
    "LCS-D0003": ["sexual", "online"],
    "LCS-D0005": ["criminal"],
    "LCS-D0006": ["sexual"],
    "LCS-D0007": ["sexual_and_criminal"],
    "LCS-D0009": ["sexual"],
    "LCS-D0010": ["criminal", "cuckooing"],
    "LCS-D0011": ["financial"],
    "LCS-D0013": ["sexual"],
}

# The demo children whose "MASE required" episode already has a meeting in the calendar, and the
# one whose meeting has been held, minuted and published (with an overdue action and a review due).
SCHEDULED_MASE = {"LCS-D0009"}
HELD_MASE = {"LCS-D0010"}


def build(*, child, users) -> Episode:
    state, days_ago = PLAN[child.lcs_reference]
    practitioner = child.allocated_worker
    people = {"practitioner": practitioner, "child": child}
    reviewers = {"cse_manager": users["cse.manager"], "police": users["police.coordinator"]}
    if state == "draft":
        episode = scenarios.draft_episode(**people)
    elif state == "ready":
        episode = scenarios.ready_to_submit(**people)
    elif state == "submitted":
        episode = scenarios.submitted(**people, level="medium" if days_ago < 5 else "high")
    elif state == "returned":
        episode = scenarios.returned(**people, police=reviewers["police"])
    elif state == "escalated":
        episode = scenarios.escalated(**people, **reviewers)
    elif state == "closed":
        episode = scenarios.closed(**people, **reviewers)
    else:
        episode = scenarios.decided(**people, **reviewers, mase_required=state == "mase_required")
    if episode.assessment_id and child.lcs_reference in EXPLOITATION_TYPES:
        _record_exploitation_types(episode, EXPLOITATION_TYPES[child.lcs_reference])
    if days_ago:
        # Spread submissions over past days so the workspace shows waits and a breach.
        submitted_at = timezone.now() - dt.timedelta(days=days_ago)
        Episode.objects.filter(pk=episode.pk).update(submitted_at=submitted_at,
                                                     decision_due_on=decision_due_on(submitted_at))
    if child.lcs_reference in SCHEDULED_MASE:
        _invite_demo_people(meeting=_schedule_demo_meeting(episode=episode, users=users), practitioner=practitioner)
    if child.lcs_reference in HELD_MASE:
        _hold_demo_meeting(episode=episode, users=users)
    related.build(episode=episode, users=users)
    return episode



def _record_exploitation_types(episode: Episode, types: list[str]) -> None:
    """Written into the assessment as its exploitation section would be. After submission the
    assessment is locked to its services, so like the submission dates above this is set directly."""
    assessment = episode.assessment
    sections = {**assessment.sections, "exploitation": {"types": types, "models": []}}
    Assessment.objects.filter(pk=assessment.pk).update(sections=sections)


def _schedule_demo_meeting(*, episode, users, working_days_ahead: int = 5) -> MaseMeeting:
    day = add_working_days(timezone.localdate(), working_days_ahead)
    starts = timezone.make_aware(dt.datetime.combine(day, dt.time(10, 0)))
    return meeting_schedule(actor=users["cse.manager"], episode=episode, kind="initial", starts_at=starts,
                            ends_at=starts + dt.timedelta(hours=1, minutes=30),
                            location="Committee Room 1, Testshire Civic Centre (demo)", online_link="",
                            chair=users["mase.chair"])


def _invite_demo_people(*, meeting: MaseMeeting, practitioner) -> list[Invitee]:
    item = meeting.agenda_items.get()
    return [
        invitee_add(actor=practitioner, meeting=meeting, kind=Invitee.Kind.PROFESSIONAL, name="Sam Demonurse",
                    relationship="School nurse", agency="Testshire Health NHS Trust (demo)",
                    email="sam.demonurse@health.demo.cse-pathway.invalid"),
        invitee_add(actor=practitioner, meeting=meeting, kind=Invitee.Kind.FAMILY, name="Jo Demoparent",
                    relationship="Parent", agenda_item=item),
        invitee_add(actor=practitioner, meeting=meeting, kind=Invitee.Kind.CHILD, name="", agenda_item=item),
    ]


def _hold_demo_meeting(*, episode, users) -> None:
    """A meeting held last week: attendance, minutes with a changed level, two actions (one already
    overdue), a need and intervention for the plan, and the minutes published."""
    chair, practitioner = users["mase.chair"], episode.practitioner
    meeting = _schedule_demo_meeting(episode=episode, users=users, working_days_ahead=1)
    nurse, parent, _child = _invite_demo_people(meeting=meeting, practitioner=practitioner)
    held_on = timezone.localdate() - dt.timedelta(days=7)
    starts = timezone.make_aware(dt.datetime.combine(held_on, dt.time(10, 0)))
    # Only the demo moves a meeting into the past: the services refuse to schedule one there.
    MaseMeeting.objects.filter(pk=meeting.pk).update(starts_at=starts, ends_at=starts + dt.timedelta(hours=1))
    meeting.refresh_from_db()
    invitee_status_set(actor=chair, invitee=nurse, status=Invitee.Status.ATTENDED, version=nurse.version)
    invitee_status_set(actor=chair, invitee=parent, status=Invitee.Status.APOLOGIES, version=parent.version)
    item = meeting.agenda_items.get()
    item_minutes_save(actor=chair, agenda_item=item, version=0,
                      information_shared="School reports better attendance. Still seen with an older associate "
                                         "near the bus station (demo).",
                      risk_level="medium", risk_level_rationale="No missing episodes for six weeks (demo).",
                      next_review_on=held_on + dt.timedelta(weeks=6))
    action_add(actor=chair, agenda_item=item, description="Weekly check-in at school (demo)", kind=Action.Kind.SUPPORT,
               owner_name=practitioner.get_full_name(), owner=practitioner, agency="Testshire Council",
               due_on=timezone.localdate() - dt.timedelta(days=2))
    action_add(actor=chair, agenda_item=item, description="Patrols near the bus station (demo)",
               kind=Action.Kind.DISRUPTION, owner_name="PC Demo Officer", agency="Testshire Police",
               due_on=timezone.localdate() + dt.timedelta(days=14))
    intervention_add(actor=chair, agenda_item=item, need="A trusted adult to talk to (demo)",
                     intervention="Weekly sessions with the school nurse (demo)")
    minutes_publish(actor=chair, meeting=meeting)
