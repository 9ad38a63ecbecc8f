"""Case notes: about ten per episode, as a year of visits, calls and meetings leaves them, with the
notes the pathway itself writes (the CSE team's decision, a return for more information)."""

import random

from . import names
from .casework import episodes_of, reviewers
from .ids import derived
from .plan import DAY

DECISION_TITLE = {True: "CSE team decision: MASE required", False: "CSE team decision: MASE not required"}


def _note(episode, number: int, *, kind: str, title: str, body: str, author, at) -> dict:
    return {"id": derived(episode.id, f"note{number}"), "child_id": episode.child.id, "kind": kind, "title": title,
            "body": body, "author_id": author.id, "subject_type": "episodes.episode", "subject_id": str(episode.id),
            "amends_id": None, "created_at": at}


def general_count(episode, rng: random.Random) -> int:
    if episode.submitted:
        return rng.randint(5, 15)
    return rng.randint(0, 2) if episode.state == "draft" else rng.randint(1, 2)


def case_notes(plans, rng: random.Random, anchor):
    for episode in episodes_of(plans):
        start = episode.started_at
        end = episode.when("closed") or anchor - DAY / 24
        manager = episode.child.authority.team_managers[episode.child.team.id]
        for number in range(general_count(episode, rng)):
            title = rng.choice(names.NOTE_TITLES)
            author = manager if rng.random() < 0.1 else episode.child.worker
            yield _note(episode, number, kind="general", title=f"{title} (synthetic)",
                        body=names.NOTE_BODY.format(title=title), author=author,
                        at=start + (end - start) * rng.random())
        cse_manager, police = reviewers(episode)
        if episode.when("returned"):
            yield _note(episode, 100, kind="returned", title="Returned by the CSE team for more information",
                        body="Please add the dates of the missing episodes (synthetic).", author=police,
                        at=episode.when("returned"))
        if episode.when("decided"):
            yield _note(episode, 101, kind="cse_decision", title=DECISION_TITLE[episode.mase_required],
                        body=f"Agreed risk level: {episode.risk_level}. Decision recorded (synthetic).",
                        author=cse_manager, at=episode.when("decided"))
