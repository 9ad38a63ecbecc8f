"""Reads of the register of concern. Only CSE roles and the police coordinator see it; each entry
lists only the children, through the episodes linked to it, that the viewer may see. Lists cost the
same few queries however many entries and links there are."""

import datetime as dt
import difflib
import itertools
import uuid

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Page, Paginator
from django.db.models import Prefetch
from django.http import Http404

from csepathway.audit.scope import refuse_with_404
from csepathway.audit.services import record
from csepathway.episodes.access import visible_episodes

from .. import access, validators
from ..models import PersonOfConcern, PhoneOfConcern
from .services import KINDS

NEAR_MATCH_RATIO = 0.85


def _require_register(actor) -> None:
    if not access.may_see_register(actor):
        raise PermissionDenied


def _with_children(queryset, actor) -> list:
    """Entries with `visible_children`: one query for the entries and one for their visible episodes
    and children, whatever the number of links."""
    episodes = visible_episodes(actor).select_related("child").order_by("created_at")
    entries = list(queryset.prefetch_related(Prefetch("episodes", queryset=episodes, to_attr="visible_episodes")))
    for entry in entries:
        children = {}
        for episode in entry.visible_episodes:
            children.setdefault(episode.child_id, episode.child)
        entry.visible_children = sorted(children.values(), key=lambda child: (child.last_name, child.first_name))
    return entries


PER_PAGE = 50

# What an entry of each kind shows beside it, read in one more query for the whole page: a line's
# places, and the lines linked to a place.
ALSO_READ = {"phone": ("places",), "place": (Prefetch("lines", queryset=PhoneOfConcern.objects.filter(is_line=True)),)}


def _entries(kind: str, model):
    return model.objects.prefetch_related(*ALSO_READ.get(kind, ()))


def register_list(*, actor, kind: str, page=1) -> Page:
    """One kind of entry (people, vehicles, places, or phones and lines), a page at a time, each with the children
    linked to it that the actor may see."""
    _require_register(actor)
    model = KINDS[kind]
    listing = Paginator(_entries(kind, model).order_by(*model._meta.ordering, "pk"), PER_PAGE).get_page(page)
    listing.object_list = _with_children(listing.object_list, actor)
    record(actor=actor, verb="register.viewed", object_type="intelligence.register",
           object_id=str(len(listing.object_list)))
    return listing


def register_entry_get(*, actor, kind: str, entry_id: uuid.UUID | str):
    _require_register(actor)
    model = KINDS.get(kind)
    try:
        if model is None:
            raise LookupError(kind)
        [entry] = _with_children(_entries(kind, model).filter(pk=entry_id), actor)
    except (ValueError, LookupError):
        refuse_with_404(actor=actor, verb="register.entry_viewed", object_type=f"intelligence.{kind}ofconcern"[:80],
                        object_id=entry_id)
    reports = list(access.visible_reports(actor).filter(pk__in=entry.reports.values("pk"))
                   .select_related("child", "author").order_by("-created_at"))
    for report in reports:
        report.readable = access.may_read_content(actor, report)
    entry.visible_reports = reports
    entry.kind = kind
    record(actor=actor, verb="register.entry_viewed", obj=entry)
    return entry


def _similar(a: str, b: str) -> bool:
    return difflib.SequenceMatcher(None, a, b).ratio() >= NEAR_MATCH_RATIO


def person_near_matches(*, actor) -> list[tuple[PersonOfConcern, PersonOfConcern, str]]:
    """Pairs that may be one person: the same date of birth and a similar name, or the same name
    where one or both dates of birth are missing. Compared within groups (by date of birth, by name),
    never every record against every other."""
    _require_register(actor)
    people = list(PersonOfConcern.objects.order_by("created_at"))
    pairs: dict[tuple, str] = {}
    by_dob = itertools.groupby(sorted((p for p in people if p.date_of_birth), key=lambda p: p.date_of_birth),
                               key=lambda p: p.date_of_birth)
    for _, group in by_dob:
        for a, b in itertools.combinations(list(group), 2):
            if _similar(a.name_key, b.name_key):
                pairs[(a.pk, b.pk)] = "The same date of birth and a similar name"
    by_name = itertools.groupby(sorted(people, key=lambda p: p.name_key), key=lambda p: p.name_key)
    for _, group in by_name:
        for a, b in itertools.combinations(list(group), 2):
            if a.date_of_birth is None or b.date_of_birth is None:
                pairs.setdefault((a.pk, b.pk), "The same name, and a date of birth missing")
    index = {p.pk: p for p in people}
    return [(index[a], index[b], reason) for (a, b), reason in pairs.items()]


def person_pair(*, actor, first_id, second_id) -> tuple[PersonOfConcern, PersonOfConcern]:
    _require_register(actor)
    people = {str(p.pk): p for p in PersonOfConcern.objects.filter(pk__in=[first_id, second_id])}
    try:
        return people[str(first_id)], people[str(second_id)]
    except KeyError as missing:
        raise Http404("No register entry found") from missing


def _date(value) -> dt.date | None:
    try:
        return dt.date(int(value["year"]), int(value["month"]), int(value["day"]))
    except (TypeError, KeyError, ValueError):
        return None


def assessment_candidates(episode) -> tuple[list[dict], list[str]]:
    """What the episode's assessment names that the register can take (associates with a full name,
    places), and the people it cannot take, with why (a name given only as initials, or no name)."""
    assessment = episode.assessment
    sections = assessment.sections if assessment else {}
    candidates, left_out = [], []
    for number, entry in enumerate((sections.get("associates") or {}).get("entries") or [], start=1):
        name = " ".join((entry.get("name") or "").split())
        try:
            validators.validate_full_name(name)
        except ValidationError:
            label = name or entry.get("nickname") or f"person {number}"
            left_out.append(f"{label}: the register needs a full name, not initials or a nickname alone")
            continue
        candidates.append({"key": f"person-{number}", "kind": "person", "full_name": name,
                           "date_of_birth": _date(entry.get("date_of_birth")), "aliases": entry.get("nickname") or "",
                           "description": entry.get("description") or "", "label": name})
    # Type it once (issue 13, point 6): a registration written in an associate's vehicle is offered too.
    registrations = [registration for entry in (sections.get("associates") or {}).get("entries") or []
                     for registration in validators.registrations_in(entry.get("vehicle") or "")]
    for number, registration in enumerate(dict.fromkeys(registrations), start=1):
        candidates.append({"key": f"vehicle-{number}", "kind": "vehicle", "registration": registration,
                           "label": validators.display_registration(registration)})
    for number, entry in enumerate((sections.get("places") or {}).get("entries") or [], start=1):
        place = " ".join((entry.get("place") or "").split())
        if place:
            candidates.append({"key": f"place-{number}", "kind": "place", "address": place,
                               "description": entry.get("description") or "", "label": place})
    return candidates, left_out
