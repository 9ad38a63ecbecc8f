"""The audit trail's history, made lazily in the order it happened: reads of children's records (the
verbs oversight counts as child reads), episode reads, searches, changes, the workspace and sign-ins,
spread over working days and hours, each by someone whose role and team would really have done it.
Nothing is held but the day's episodes, so ten million rows cost no more memory than ten thousand."""

import datetime as dt
import zoneinfo

from django.conf import settings

from csepathway.accounts.roles import CASE_ROLES, Role
from csepathway.children.selectors import CHILD_READ_VERBS, CHILD_TYPE

from .casework import episodes_of
from .ids import seeded
from .plan import DAY

LOCAL = zoneinfo.ZoneInfo(settings.TIME_ZONE)
READ_VERBS = sorted(CHILD_READ_VERBS)  # sorted: a frozenset's order would change the data between runs
READ_WEIGHTS = [{"child.viewed": 75, "child.chronology_viewed": 17}.get(verb, 8) for verb in READ_VERBS]
# (what happened, share of all events)
KINDS = [("child_read", 55), ("episode_read", 12), ("search", 8), ("change", 10), ("workspace", 5),
         ("sign_in", 10)]
CHANGES = [("case_note.added", "notes.casenote", []), ("child.updated", CHILD_TYPE, ["address", "school"]),
           ("episode.conversation_recorded", "episodes.episode", []),
           ("episode.manager_advice_recorded", "episodes.episode", []),
           ("action.status_changed", "meetings.action", ["status"])]
READERS = [(Role.PRACTITIONER, 45), (Role.TEAM_MANAGER, 15), (Role.CSE_WORKER, 15), (Role.CSE_MANAGER, 7),
           (Role.POLICE_COORDINATOR, 10), (Role.MASE_CHAIR, 8)]
DENIED_SHARE = 0.003
WEEKEND_WEIGHT = 0.15


def _days(start: dt.date, end: dt.date):
    day = start
    while day < end:
        yield day, (1.0 if day.weekday() < 5 else WEEKEND_WEIGHT)
        day += dt.timedelta(days=1)


class _Region:
    """Who could have done what, per authority."""

    def __init__(self, region):
        self.case_workers = {a.number: [u for u in region.users if u.team.name.startswith(a.name + " ")
                                        and u.role in CASE_ROLES] for a in region.authorities}
        self.everyone = {a.number: [u for u in region.users if u.team.name.startswith(a.name + " ")]
                         for a in region.authorities}
        self.authorities = region.authorities


def _reader(rng, episode, role):
    child, staff = episode.child, episode.child.authority.staff
    if child.restricted or role == Role.PRACTITIONER:
        return child.worker
    if role == Role.TEAM_MANAGER:
        return child.authority.team_managers[child.team.id]
    return rng.choice(staff[role])


def rows(*, region, plans, total: int, seed: int, anchor: dt.datetime, years: int):
    rng = seeded(seed, "audit")
    people = _Region(region)
    episodes = sorted(episodes_of(plans), key=lambda e: (e.started_at, str(e.id)))
    start = (anchor - dt.timedelta(days=365 * years)).date()
    days = list(_days(start, anchor.date()))
    weight = sum(w for _, w in days)
    kinds, kind_weights = zip(*KINDS, strict=True)
    roles, role_weights = zip(*READERS, strict=True)
    active, waiting, carried, made = [], 0, 0.0, 0
    for index, (day, day_weight) in enumerate(days):
        carried += total * day_weight / weight
        count = int(carried) if index < len(days) - 1 else total - made
        carried -= count
        day_end = dt.datetime.combine(day + DAY, dt.time(0), tzinfo=LOCAL)
        while waiting < len(episodes) and episodes[waiting].started_at < day_end:
            active.append(episodes[waiting])
            waiting += 1
        day_start = day_end - DAY
        active = [e for e in active if e.state != "closed" or e.when("closed") + 30 * DAY > day_start]
        opening = dt.datetime.combine(day, dt.time(8), tzinfo=LOCAL)
        for second in sorted(rng.uniform(0, 11 * 3600) for _ in range(count)):
            at = opening + dt.timedelta(seconds=second)
            kind = rng.choices(kinds, kind_weights)[0] if active else rng.choice(["search", "sign_in"])
            yield _row(rng, kind, at, active, people, roles, role_weights)
        made += count


def _base(rng, at, user, verb, object_type, object_id, child_id=None, outcome="allowed", changed=()):
    return {"occurred_at": at, "actor_id": user.id, "actor_username": user.username, "acting_role": user.role,
            "verb": verb, "object_type": object_type, "object_id": str(object_id), "child_id": child_id,
            "outcome": outcome, "request_id": f"{rng.getrandbits(128):032x}",
            "client_ip": f"10.{rng.randint(0, 40)}.{rng.randint(0, 255)}.{rng.randint(1, 254)}",
            "changed_fields": list(changed)}


def _row(rng, kind, at, active, people, roles, role_weights):
    if kind in ("search", "sign_in"):
        authority = rng.choice(people.authorities)
        pool = people.case_workers if kind == "search" else people.everyone
        user = rng.choice(pool[authority.number])
        if kind == "search":
            return _base(rng, at, user, "child.searched", CHILD_TYPE, rng.randint(0, 12))
        return _base(rng, at, user, "sign_in.succeeded", "accounts.user", user.id)
    episode = rng.choice(active)
    child = episode.child
    if kind == "child_read":
        verb = rng.choices(READ_VERBS, READ_WEIGHTS)[0]
        if rng.random() < DENIED_SHARE:  # someone outside the child's team trying their record
            outsider = rng.choice(people.case_workers[child.authority.number])
            if outsider.role == Role.PRACTITIONER and outsider.team_id != child.team.id:
                return _base(rng, at, outsider, verb, CHILD_TYPE, child.id, child.id, outcome="denied")
        user = _reader(rng, episode, rng.choices(roles, role_weights)[0])
        return _base(rng, at, user, verb, CHILD_TYPE, child.id, child.id)
    if kind == "episode_read":
        user = _reader(rng, episode, rng.choices(roles, role_weights)[0])
        return _base(rng, at, user, "episode.viewed", "episodes.episode", episode.id, child.id)
    if kind == "workspace":
        user = rng.choice(child.authority.staff[rng.choice([Role.CSE_WORKER, Role.CSE_MANAGER])])
        return _base(rng, at, user, "workspace.viewed", "episodes.episode", rng.randint(5, 50))
    verb, object_type, changed = rng.choice(CHANGES)
    object_id = child.id if object_type == CHILD_TYPE else episode.id
    return _base(rng, at, child.worker, verb, object_type, object_id, child.id, changed=changed)
