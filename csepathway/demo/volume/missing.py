"""Missing episodes (about a quarter of the children go missing at least once while known to the
pathway, a few of them many times) and the return home interview offered after each return. The
missing dashboard page and the workspace's missing flags then have a region's worth to count."""

import dataclasses
import datetime as dt
import random

from csepathway.missing.clocks import interview_due_at

from .ids import derived

MISSING_SHARE = 0.25
# How many times a child who goes missing does so: most once or twice, a few again and again.
TIMES = [1, 1, 1, 2, 2, 3, 4, 6, 9]
FROM = ["home", "home", "care", "care", "education"]
HOUR = dt.timedelta(hours=1)


@dataclasses.dataclass(slots=True)
class MissingPlan:
    id: object
    child: object
    started_at: dt.datetime
    returned_at: dt.datetime | None


def plan(plans, rng: random.Random, anchor: dt.datetime) -> list[MissingPlan]:
    """Each time away falls inside one of the child's episodes (between its start and its closure,
    or now), lasting from a couple of hours to four days; one that has not ended yet is still open."""
    found = []
    for child in plans:
        if rng.random() >= MISSING_SHARE:
            continue
        for number in range(rng.choice(TIMES)):
            episode = rng.choice(child.episodes)
            end = episode.when("closed") or anchor
            span = (end - episode.started_at).total_seconds()
            started = episode.started_at + dt.timedelta(seconds=rng.uniform(0, max(span, 3600)))
            started = min(started, anchor - HOUR)
            returned = started + rng.uniform(2, 96) * HOUR
            found.append(MissingPlan(id=derived(child.id, f"missing:{number}"), child=child, started_at=started,
                                     returned_at=returned if returned < anchor else None))
    return found


def missing_episodes(chosen: list[MissingPlan], rng: random.Random):
    for away in chosen:
        row = {"id": away.id, "child_id": away.child.id, "missing_from": rng.choice(FROM),
               "started_at": away.started_at, "reported_by": "Carer (synthetic)", "police_reference": "",
               "recorded_by_id": away.child.worker.id, "created_at": away.started_at + HOUR,
               "updated_at": away.returned_at or away.started_at + HOUR}
        if away.returned_at is not None:
            row |= {"returned_at": away.returned_at, "where_found": "A friend's address (synthetic)",
                    "interview_due_at": interview_due_at(away.returned_at)}
        yield row


def interviews(chosen: list[MissingPlan], rng: random.Random, anchor: dt.datetime):
    """Most returns are offered an interview the next day; most are held or declined within the 72
    hours, some later, and the most recent may still be waiting."""
    for away in chosen:
        if away.returned_at is None or rng.random() >= 0.9:
            continue
        offered = away.returned_at + rng.uniform(2, 24) * HOUR
        if offered >= anchor:
            continue
        settled = away.returned_at + rng.uniform(12, 120) * HOUR
        row = {"id": derived(away.id, "interview"), "episode_id": away.id, "offered_on": offered.date(),
               "outcome": "", "outcome_at": None, "interviewer": "", "findings": "", "finding_flags": [],
               "recorded_by_id": away.child.worker.id, "created_at": offered, "updated_at": offered}
        if settled < anchor:
            outcome = "declined" if rng.random() < 0.15 else "completed"
            row |= {"outcome": outcome, "outcome_at": settled, "interviewer": "Independent interviewer (synthetic)",
                    "findings": "Spoke about where they stayed (synthetic)." if outcome == "completed" else "",
                    "updated_at": settled}
        yield row


