"""Demo missing episodes, recorded through the services like the rest of the demo: one child who went
missing three times in the last 90 days. One return had its interview on time, one was returned last
night with the interview still to come, and the child is missing again now. The third episode raises
the prompt to screen, and the child's row in the CSE workspace shows "Missing now"."""

import datetime as dt

from django.utils import timezone

from csepathway.missing import services

CHILD = "LCS-D0005"  # a child whose episode is with the CSE team


def build(*, child) -> int:
    """The child's three episodes; none if they have any already (seed_demo runs again safely)."""
    if child.lcs_reference != CHILD or child.missing_episodes.exists():
        return 0
    worker, now = child.allocated_worker, timezone.now()
    hours = dt.timedelta(hours=1)
    first = services.missing_episode_record(actor=worker, child=child, data={
        "missing_from": "home", "started_at": now - 40 * 24 * hours, "reported_by": "Mum (demo)",
        "police_reference": "MISP-DEMO-0001", "returned_at": now - 39 * 24 * hours,
        "where_found": "A friend's flat in town (demo)"})
    services.return_interview_record(actor=worker, episode=first, data={
        "offered_on": timezone.localdate() - dt.timedelta(days=39), "outcome": "completed",
        "outcome_at": now - 38 * 24 * hours, "interviewer": "Independent interviewer (demo)",
        "findings": "Stayed with older friends; says she felt safe (demo).",
        "finding_flags": ["adults_of_concern"]})
    services.missing_episode_record(actor=worker, child=child, data={
        "missing_from": "home", "started_at": now - 30 * hours, "reported_by": "Mum (demo)",
        "returned_at": now - 12 * hours, "where_found": "The bus station (demo)"})
    services.missing_episode_record(actor=worker, child=child, data={
        "missing_from": "education", "started_at": now - 3 * hours, "reported_by": "School (demo)"})
    return 3
