"""The region's story, planned in memory before anything is written: each child, their episodes and
each episode's dates from first concern to closure. About 1,800 of the most recent episodes (at region
scale) are still with the CSE team; the rest closed. Only ids, dates and choices live here; the rows
are built from them stage by stage."""

import dataclasses
import datetime as dt

from .ids import seeded
from .names import FIRST_NAMES, SURNAMES, uuid_from

DAY = dt.timedelta(days=1)
OPEN_SHARE = 1_800 / 50_000  # episodes with the CSE team at once, per child in the region
DRAFT_SHARE = 0.004  # concerns still being written up by the practitioner
RESTRICTED_SHARE = 0.02
SCREENED_OUT_SHARE = 0.2  # single referrals whose screening found no current risk
# (share of children, episodes they have had): ~15% are referred again.
REPEATS = [(0.03, 3), (0.16, 2)]
LEVELS = [("low", 0.35), ("medium", 0.40), ("high", 0.25)]
MASE_CHANCE = {"low": 0.03, "medium": 0.25, "high": 0.8}


@dataclasses.dataclass(slots=True)
class EpisodePlan:
    id: object
    child: "ChildPlan"
    number: int  # the child's first, second... episode
    started_at: dt.datetime
    screened: bool = True
    submitted: bool = False
    state: str = "closed"
    # Offsets from started_at; None where the step never happened.
    at: dict = dataclasses.field(default_factory=dict)
    proposed_level: str = ""
    risk_level: str = ""
    mase_required: bool = False
    escalated: bool = False
    returned: bool = False
    closure_reason: str = ""
    review_dates: list = dataclasses.field(default_factory=list)  # MASE items: target dates

    def when(self, step: str) -> dt.datetime | None:
        offset = self.at.get(step)
        return None if offset is None else self.started_at + offset

    @property
    def submission_round(self) -> int:
        return (2 if self.returned and "resubmitted" in self.at else 1) if self.submitted else 0


@dataclasses.dataclass(slots=True)
class ChildPlan:
    id: object
    authority: object
    team: object
    worker: object
    first_name: str
    last_name: str
    date_of_birth: dt.date
    restricted: bool = False
    episodes: list = dataclasses.field(default_factory=list)

    @property
    def created_at(self) -> dt.datetime:
        return self.episodes[0].started_at - DAY


def _pick_level(rng) -> str:
    roll, total = rng.random(), 0.0
    for level, share in LEVELS:
        total += share
        if roll < total:
            return level
    return LEVELS[-1][0]


def _hours(rng, low: float, high: float) -> dt.timedelta:
    return dt.timedelta(hours=rng.uniform(low * 24, high * 24))


def _closed_story(rng, episode: EpisodePlan, screened_out: bool) -> None:
    at = episode.at
    at["screened"] = _hours(rng, 1, 10)
    if screened_out:
        episode.closure_reason = "no_current_risk"
        at["closed"] = at["screened"] + _hours(rng, 0.1, 5)
        return
    episode.submitted = True
    episode.proposed_level = _pick_level(rng)
    at["submitted"] = at["screened"] + _hours(rng, 3, 20)
    step = at["submitted"]
    if rng.random() < 0.06:
        episode.returned = True
        at["returned"] = step + _hours(rng, 0.5, 3)
        step = at["resubmitted"] = at["returned"] + _hours(rng, 3, 15)
    if rng.random() < 0.05:
        episode.escalated = True
        step = at["escalated"] = step + _hours(rng, 0.5, 3)
    at["decided"] = step + _hours(rng, 0.5, 5)
    episode.risk_level = episode.proposed_level if rng.random() < 0.8 else _pick_level(rng)
    episode.mase_required = rng.random() < MASE_CHANCE[episode.risk_level]
    end = at["decided"]
    if episode.mase_required:
        target = end + _hours(rng, 3, 12)
        for _ in range(1 + rng.choice([0, 1, 1, 2, 3])):
            episode.review_dates.append(target)
            end = target
            target = target + dt.timedelta(weeks=rng.choice([6, 6, 8, 12]))
    at["closed"] = end + _hours(rng, 20, 240)
    episode.closure_reason = rng.choices(["risk_reduced", "moved_area", "turned_18", "other"], [7, 1, 1, 1])[0]


def _fit(episode: EpisodePlan, limit: dt.datetime) -> None:
    """Squeeze a closed story that would end after `limit` into the time there was."""
    end = episode.at["closed"]
    room = limit - episode.started_at
    if episode.started_at + end <= limit or room <= dt.timedelta(0):
        return
    factor = room / end
    episode.at = {step: offset * factor for step, offset in episode.at.items()}
    episode.review_dates = [offset * factor for offset in episode.review_dates]


def build(*, region, children: int, years: int, seed: int, anchor: dt.datetime) -> list[ChildPlan]:
    rng = seeded(seed, "plan")
    start = anchor - dt.timedelta(days=365 * years)
    span = (anchor - start).total_seconds()
    plans = []
    for _ in range(children):
        authority = rng.choice(region.authorities)
        team = rng.choice(authority.locality_teams)
        roll = rng.random()
        count = next((n for share, n in REPEATS if roll < share), 1)
        # Repeat referrals start early enough for the later ones to fit before today.
        room = max(span - (count - 1) * 500 * 86_400, span * 0.1)
        started = start + dt.timedelta(seconds=rng.uniform(0, room))
        age_days = rng.randint(10 * 365, 17 * 365)
        child = ChildPlan(id=uuid_from(rng), authority=authority, team=team,
                          worker=rng.choice(authority.practitioners[team.id]), first_name=rng.choice(FIRST_NAMES),
                          last_name=rng.choice(SURNAMES), date_of_birth=(started - dt.timedelta(days=age_days)).date(),
                          restricted=rng.random() < RESTRICTED_SHARE)
        for number in range(count):
            if started >= anchor - 2 * DAY:
                if number:
                    break
                started = anchor - 3 * DAY  # every child has at least their first referral
            episode = EpisodePlan(id=uuid_from(rng), child=child, number=number + 1, started_at=started)
            _closed_story(rng, episode, screened_out=count == 1 and rng.random() < SCREENED_OUT_SHARE)
            _fit(episode, anchor - DAY)
            child.episodes.append(episode)
            started = episode.when("closed") + _hours(rng, 30, 400)
        plans.append(child)
    if plans and not any(child.restricted for child in plans):
        plans[0].restricted = True  # even a tiny region has a restricted record, for its pages to be tried
    _open_recent(rng, plans, anchor, children)
    return plans


def _open_recent(rng, plans: list[ChildPlan], anchor: dt.datetime, children: int) -> None:
    """The most recent referrals are still open, spread over the pathway's states; a few concerns are
    still drafts with the practitioner."""
    wanted = max(6, round(children * OPEN_SHARE))
    drafts = max(1, round(children * DRAFT_SHARE))
    window = dt.timedelta(days=max(120, 110 * wanted / 1_800))

    def free(child):  # nothing of the child's earlier work overlaps a story moved into the window
        earlier = child.episodes[-2].when("closed") if len(child.episodes) > 1 else None
        return earlier is None or earlier < anchor - window - 30 * DAY

    candidates = sorted((c for c in plans if c.episodes and c.episodes[-1].submitted and free(c)),
                        key=lambda c: (c.episodes[-1].started_at, str(c.id)), reverse=True)
    for rank, child in enumerate(candidates[:wanted]):
        _open(rng, child.episodes[-1], rank / wanted, anchor, window)
    rest = [c for c in candidates[wanted:] if c.episodes[-1].when("closed") < anchor - 40 * DAY]
    for child in rest[:drafts]:
        episode = EpisodePlan(id=uuid_from(rng), child=child, number=len(child.episodes) + 1,
                              started_at=anchor - _hours(rng, 1, 30), state="draft", screened=rng.random() < 0.5)
        if episode.screened:
            episode.at["screened"] = (anchor - episode.started_at) * 0.5
        child.episodes.append(episode)


def _open(rng, episode: EpisodePlan, place: float, anchor: dt.datetime, window: dt.timedelta) -> None:
    """Rewrite a recent story as still open: the newest waiting for a decision, older ones decided."""
    state = ("submitted" if place < 0.12 else "escalated" if place < 0.15 else "returned" if place < 0.2
             else "mase_not_required" if place < 0.55 else "mase_required")
    days_ago = {"submitted": (0.1, 8), "escalated": (3, 10), "returned": (4, 20)}.get(
        state, (3, window.days * 0.9))
    decided_ago = dt.timedelta(days=rng.uniform(*days_ago))
    episode.state, episode.escalated, episode.returned = state, state == "escalated", state == "returned"
    episode.started_at = anchor - decided_ago - _hours(rng, 8, 25)
    episode.closure_reason, episode.review_dates = "", []
    point = anchor - decided_ago - episode.started_at  # when the latest step happened
    at = episode.at = {"screened": point * 0.2}
    at["submitted"] = point if state == "submitted" else point * 0.6
    if state == "escalated":
        at["escalated"] = point
    elif state == "returned":
        at["returned"] = point
    elif state.startswith("mase"):
        at["decided"] = point
        episode.mase_required = state == "mase_required"
        episode.risk_level = "high" if episode.mase_required else rng.choice(["low", "medium"])
        target = point + _hours(rng, 3, 12)
        while True:  # every meeting held so far, and the next one in the calendar
            episode.review_dates.append(target)
            if episode.started_at + target > anchor:
                break
            target += dt.timedelta(weeks=6)
    episode.proposed_level = episode.risk_level or _pick_level(rng)
