"""Which pages each role opens (the journeys), and how long each takes to render in-process.

The journeys are chosen from whatever data the database holds, through the apps' own scope rules
(access.py), so each user is shown objects their role really reaches: the record of a child with two
submitted episodes (a repeat referral, the case that once gave the police a 500), a restricted child
opened by someone on its allow-list, the biggest meeting of the busiest chair, and so on. The same
journeys drive the load test (bench/locustfile.py), so both tables name the same rows.

Needs Django set up: bench/measure.py is the command-line entry point."""

import dataclasses
import math
import statistics
import time
from collections.abc import Callable, Iterable
from urllib.parse import urlencode

from django.db import connection
from django.db.models import Count, Q
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django_otp import user_has_device

from csepathway.accounts.models import User
from csepathway.accounts.roles import CASE_ROLES, Role
from csepathway.children.access import visible_children
from csepathway.children.models import Child, ChildRestriction
from csepathway.episodes.access import SUBMITTED_EPISODE_ROLES, visible_episodes
from csepathway.episodes.models import Episode, State
from csepathway.intelligence.access import REGISTER_READERS, STRATEGIC_READERS, visible_reports
from csepathway.intelligence.models import IntelligenceReport
from csepathway.meetings.access import CALENDAR_READERS, visible_meetings
from csepathway.meetings.models import MaseMeeting
from csepathway.nrm.access import REFERRAL_READERS, visible_referrals
from csepathway.nrm.models import NrmReferral
from csepathway.performance import access as performance_access

# The page every load-test user also opens: it reads no case data, so its time under load is the
# queueing every request pays before any work of its own (the "floor").
FLOOR = {"name": "floor: accessibility statement", "url": "/accessibility"}
HOST = "127.0.0.1"  # in ALLOWED_HOSTS by default, unlike the test client's "testserver"
# Where any object would do, the oldest: ids are random, creation order is not, so two runs over the
# same data (the demo's, or the generator's with one seed) open the same pages.
OLDEST_FIRST = ("created_at", "pk")


@dataclasses.dataclass
class World:
    """The objects the journeys prefer, each shown only to a user whose scope holds it."""

    child: Child | None
    episode: Episode | None = None
    meeting: MaseMeeting | None = None
    referral: NrmReferral | None = None
    report: IntelligenceReport | None = None
    practitioner: User | None = None
    notes: list[str] = dataclasses.field(default_factory=list)


def first_user(role: str, **filters) -> User | None:
    """The first active user of the role without an authenticator: the bench signs in with a
    password only (config/settings/bench.py), and a user with a device would be asked for a code."""
    candidates = User.objects.filter(role=role, is_active=True, **filters).order_by("username")
    return next((user for user in candidates[:50] if not user_has_device(user)), None)


def _active_restrictions():
    return ChildRestriction.objects.filter(lifted_at__isnull=True)


def repeat_referral_child(notes: list[str]) -> Child | None:
    """A child with two or more submitted episodes, not restricted, preferably allocated to a
    practitioner (so the practitioner's journey can open it)."""
    repeats = (Episode.objects.filter(submission_round__gt=0).order_by().values("child_id")
               .annotate(n=Count("pk")).filter(n__gte=2).values("child_id"))
    unrestricted = Child.objects.exclude(pk__in=_active_restrictions().values("child_id")).order_by(*OLDEST_FIRST)
    child = (unrestricted.filter(pk__in=repeats, allocated_worker__role=Role.PRACTITIONER).first()
             or unrestricted.filter(pk__in=repeats).first())
    if child is None:
        notes.append("No child has two submitted episodes: the child pages show a child with at most one.")
        child = unrestricted.filter(episodes__submission_round__gt=0).first() or unrestricted.first()
    else:
        submitted = child.episodes.filter(submission_round__gt=0).count()
        notes.append(f"The child pages show a repeat referral: a child with {submitted} submitted episodes.")
    return child


def build_world() -> World:
    notes: list[str] = []
    child = repeat_referral_child(notes)
    world = World(child=child, notes=notes)
    if child is None:
        return world
    world.episode = child.episodes.filter(submission_round__gt=0).order_by("-submitted_at").first()
    worker = child.allocated_worker
    if worker is not None and worker.role == Role.PRACTITIONER and not user_has_device(worker):
        world.practitioner = worker
    else:
        world.practitioner = first_user(Role.PRACTITIONER, team_id=child.allocated_team_id)
    # The busiest chair's biggest meeting: the heaviest meeting page there is.
    chair = (User.objects.filter(role=Role.MASE_CHAIR, is_active=True).annotate(n=Count("chaired_meetings"))
             .order_by("-n", "username").first())
    if chair is not None:
        world.meeting = (chair.chaired_meetings.annotate(items=Count("agenda_items"))
                         .order_by("-items", "-starts_at").first())
    world.referral = (NrmReferral.objects.filter(child=child).order_by(*OLDEST_FIRST).first()
                      or NrmReferral.objects.order_by(*OLDEST_FIRST).first())
    world.report = (IntelligenceReport.objects.filter(child=child).order_by(*OLDEST_FIRST).first()
                    or IntelligenceReport.objects.order_by(*OLDEST_FIRST).first())
    return world


def _pick(scope, preferred):
    """The preferred object if this user's scope holds it, else the oldest the scope holds."""
    if preferred is not None and scope.filter(pk=preferred.pk).exists():
        return preferred
    return scope.order_by(*OLDEST_FIRST).first()


def _address(name: str, obj, param: str) -> str | None:
    return reverse(name, kwargs={param: obj.pk}) if obj is not None else None


def _with_query(name: str, **query) -> str:
    return f"{reverse(name)}?{urlencode(query)}"


def _search(world: World) -> str | None:
    child = world.child
    return _with_query("children:search", q=f"{child.first_name} {child.last_name}") if child else None


AUDITORS = frozenset({Role.AUDITOR})
PERFORMANCE_VIEWERS = performance_access.VIEWERS
EVERYONE = frozenset(Role.values)

# (page, roles that open it, its address for this user or None when nothing in their scope fits).
PAGES: list[tuple[str, frozenset, Callable[[User, World], str | None]]] = [
    ("home", EVERYONE, lambda u, w: reverse("core:home")),
    ("children list", CASE_ROLES, lambda u, w: reverse("children:search")),
    ("name search", CASE_ROLES, lambda u, w: _search(w)),
    ("child record", CASE_ROLES,
     lambda u, w: _address("children:detail", _pick(visible_children(u), w.child), "child_id")),
    ("chronology", CASE_ROLES,
     lambda u, w: _address("casefile:chronology", _pick(visible_children(u), w.child), "child_id")),
    ("episode", CASE_ROLES, lambda u, w: _address("episodes:detail", _pick(visible_episodes(u), w.episode),
                                                  "episode_id")),
    ("CSE workspace", SUBMITTED_EPISODE_ROLES, lambda u, w: reverse("episodes:workspace")),
    ("CSE workspace, filtered", SUBMITTED_EPISODE_ROLES,
     lambda u, w: _with_query("episodes:workspace", state=State.SUBMITTED.value)),
    ("meetings calendar", CALENDAR_READERS, lambda u, w: reverse("meetings:calendar")),
    ("meeting", CALENDAR_READERS,
     lambda u, w: _address("meetings:detail", _pick(visible_meetings(u), w.meeting), "meeting_id")),
    ("meeting: who is invited", CALENDAR_READERS,
     lambda u, w: _address("meetings:invitations", _pick(visible_meetings(u), w.meeting), "meeting_id")),
    ("meeting: actions", CALENDAR_READERS,
     lambda u, w: _address("meetings:meeting_actions", _pick(visible_meetings(u), w.meeting), "meeting_id")),
    ("actions tracker", CASE_ROLES, lambda u, w: reverse("meetings:actions")),
    ("NRM referral", REFERRAL_READERS,
     lambda u, w: _address("nrm:detail", _pick(visible_referrals(u), w.referral), "referral_id")),
    ("intelligence report", CASE_ROLES,
     lambda u, w: _address("intelligence:detail", _pick(visible_reports(u), w.report), "report_id")),
    ("intelligence register", REGISTER_READERS, lambda u, w: reverse("intelligence:register")),
    ("access history: a child", AUDITORS, lambda u, w: _address("oversight:child_history", w.child, "child_id")),
    ("access history: a person", AUDITORS,
     lambda u, w: _address("oversight:user_history", w.practitioner, "user_id")),
    ("unusual-access alerts", AUDITORS, lambda u, w: reverse("oversight:alerts")),
    ("disclosure log", AUDITORS, lambda u, w: reverse("oversight:disclosures")),
    ("subject access requests", AUDITORS, lambda u, w: reverse("subject_access:list")),
    ("retention queue", AUDITORS, lambda u, w: reverse("retention:queue")),
    ("performance: decisions and initial MASE", PERFORMANCE_VIEWERS, lambda u, w: reverse("performance:dashboard")),
    ("performance: reviews and actions", PERFORMANCE_VIEWERS,
     lambda u, w: reverse("performance:section", args=["reviews-and-actions"])),
    ("performance: missing episodes", PERFORMANCE_VIEWERS,
     lambda u, w: reverse("performance:section", args=["missing"])),
    ("performance: risk and outcomes", PERFORMANCE_VIEWERS,
     lambda u, w: reverse("performance:section", args=["outcomes"])),
    ("performance: NRM and intelligence", PERFORMANCE_VIEWERS,
     lambda u, w: reverse("performance:section", args=["nrm-and-intelligence"])),
    ("performance: the episodes behind a figure", PERFORMANCE_VIEWERS,
     lambda u, w: _with_query("performance:episodes", measure="decisions", outcome="late")),
    ("strategic profile", STRATEGIC_READERS, lambda u, w: reverse("intelligence:strategic_profile")),
    ("association map", STRATEGIC_READERS, lambda u, w: reverse("intelligence:strategic_map")),
    ("notifications", EVERYONE, lambda u, w: reverse("notifications:list")),
]


def restricted_journey(skipped: list[str]) -> dict | None:
    """A restricted child opened by a case worker on its allow-list (by name or by team)."""
    for restriction in _active_restrictions().order_by(*OLDEST_FIRST)[:20]:
        allowed = User.objects.filter(Q(pk__in=restriction.allowed_users.values("pk"))
                                      | Q(team__in=restriction.allowed_teams.values("pk")))
        for user in allowed.filter(is_active=True, role__in=CASE_ROLES).order_by("username")[:20]:
            if not user_has_device(user) and visible_children(user).filter(pk=restriction.child_id).exists():
                pages = [{"name": "child record (restricted)",
                          "url": reverse("children:detail", kwargs={"child_id": restriction.child_id})},
                         {"name": "chronology (restricted)",
                          "url": reverse("casefile:chronology", kwargs={"child_id": restriction.child_id})}]
                return journey_for(user, pages, label="on a restricted child's allow-list")
    skipped.append("restricted child: no active restriction with a case worker on its allow-list")
    return None


def journey_for(user: User, pages: list[dict], label: str = "") -> dict:
    for page in pages:
        page["key"] = f"{page['name']} [{user.role}{', ' + label if label else ''}]"
    return {"role": user.role, "username": user.username, "label": label, "pages": pages}


def choose_journeys() -> dict:
    """One journey per role (its user, the pages it opens in order), the restricted child's, notes
    on the objects chosen, and what could not be measured and why."""
    world = build_world()
    skipped: list[str] = []
    users = {Role.PRACTITIONER: world.practitioner,
             Role.TEAM_MANAGER: first_user(Role.TEAM_MANAGER, team_id=getattr(world.child, "allocated_team_id", None))}
    if world.meeting is not None and not user_has_device(world.meeting.chair):
        users[Role.MASE_CHAIR] = world.meeting.chair
    journeys = []
    for role in Role.values:
        user = users.get(role) or first_user(role)
        if user is None:
            skipped.append(f"{role}: no active user without an authenticator")
            continue
        pages = []
        for name, roles, address in PAGES:
            if role not in roles:
                continue
            url = address(user, world)
            if url is None:
                skipped.append(f"{name} [{role}]: nothing in {user.username}'s scope")
            else:
                pages.append({"name": name, "url": url})
        journeys.append(journey_for(user, pages))
    restricted = restricted_journey(skipped)
    if restricted is not None:
        journeys.append(restricted)
    return {"journeys": journeys, "floor": {**FLOOR, "key": FLOOR["name"]}, "notes": world.notes,
            "skipped": skipped}


def percentile(values: Iterable[float], fraction: float) -> float:
    """Nearest rank: with 20 samples the 95th percentile is the 19th fastest."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(fraction * len(ordered)) - 1)]


def measure_page(client: Client, url: str, *, repeats: int, warmups: int) -> dict:
    """Warm-ups first (caches, connection); then one request counted for queries and bytes, then
    `repeats` timed requests without the query capture, whose bookkeeping would add to the times."""
    for _ in range(warmups):
        response = client.get(url)
        if response.status_code >= 500:
            break  # a crashing page is reported as it is, not timed twenty times over
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    result = {"status": response.status_code, "bytes": len(response.content), "queries": len(queries)}
    times = []
    for _ in range(repeats if response.status_code < 500 else 0):
        start = time.perf_counter()
        client.get(url)
        times.append((time.perf_counter() - start) * 1000)
    if times:
        result |= {"median_ms": statistics.median(times), "p95_ms": percentile(times, 0.95)}
    return result


def measure_journeys(plan: dict, *, repeats: int, warmups: int, progress=print) -> list[dict]:
    rows = []
    for number, journey in enumerate(plan["journeys"]):
        client = Client(raise_request_exception=False, HTTP_HOST=HOST)
        client.force_login(User.objects.get(username=journey["username"]))
        pages = journey["pages"] + ([plan["floor"]] if number == 0 and plan.get("floor") else [])
        for page in pages:
            result = measure_page(client, page["url"], repeats=repeats, warmups=warmups)
            row = {"key": page["key"], "page": page["name"], "role": journey["role"],
                   "username": journey["username"], **result}
            progress(f"  {row['key']:<70} {result.get('median_ms', 0):8.1f} ms  {result['status']}")
            rows.append(row)
    return rows
