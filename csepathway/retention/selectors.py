"""Reads for retention and disposal, for information governance only. Like subject access (ADR
0023), these reach every child whatever the usual scope, restricted ones too: a record nobody may
see must still be disposed of on time. Every read that names a child is audited with its id."""

import dataclasses
import datetime as dt
import types

from django.apps import apps
from django.core.paginator import Page, Paginator
from django.db.models import Exists, Max, OuterRef, Subquery

from csepathway.audit.scope import get_in_scope_or_404
from csepathway.audit.services import record
from csepathway.children.models import Child
from csepathway.episodes.models import Episode, State
from csepathway.subject_access.models import SubjectAccessRequest

from . import schedule
from .access import in_scope, may_manage_retention
from .models import DisposalCertificate, DisposalProposal, LegalHold

HOLD = "A legal hold is in force"
OPEN_SAR = "A subject access request about the child is still open"
NOT_DUE = "The record is not yet due for disposal"
OPEN_WORK = "The CSE work is still open"


def _path_to_child(model) -> tuple[str, tuple[str, ...]] | None:
    """The shortest way from a model to the child along foreign keys: (lookup, the models passed on
    the way), or None for a model that reaches the child only through others (a meeting)."""
    frontier, seen = [(model, (), ())], {model}
    while frontier:
        following = []
        for current, names, passed in frontier:
            for field in current._meta.concrete_fields:
                target = field.related_model if field.is_relation else None
                if target is Child:
                    return "__".join((*names, field.name)), passed
                if target is not None and target not in seen:
                    seen.add(target)
                    following.append((target, (*names, field.name), (*passed, target._meta.label_lower)))
        frontier = following
    return None


@dataclasses.dataclass(frozen=True)
class HeldChecks:
    """How to tell which record types are held about a child: `always` covers the child's own row;
    `lookups` are, for each other type, the models whose rows show it is held, with the lookup from
    each to the child. A model reached through another of its own type (a transition, through its
    episode) would only say the same again, so it is left out."""

    always: frozenset[str]
    lookups: dict[str, tuple[tuple[str, str], ...]]

    def annotations(self) -> dict:
        return {_alias(code, number): Exists(apps.get_model(label).objects.filter(**{lookup: OuterRef("pk")}))
                for code, found in self.lookups.items() for number, (label, lookup) in enumerate(found)}

    def deciding(self, rules: schedule.Rules, child_code: str = "child") -> "HeldChecks":
        """Only the checks that can change whether a record is due, when, or under which rule, for
        children whose own details' clock (from birth; always held) has run out, as the queue's
        are. A type whose clock also runs from birth and ends no later cannot, so whether it is held
        need not be asked: at region scale, asking took most of the queue's time."""
        child_rule = rules.for_type(child_code)
        if child_rule.trigger != schedule.DATE_OF_BIRTH:
            return self
        order = [rule.record_type.code for rule in rules.rules]

        def cannot_decide(code: str) -> bool:
            rule = rules.for_type(code)
            # On a tie the first type in the schedule's order governs, so a later one never does.
            return rule.trigger == schedule.DATE_OF_BIRTH and (
                rule.years < child_rule.years
                or (rule.years == child_rule.years and order.index(code) > order.index(child_code)))

        return HeldChecks(self.always, {code: found for code, found in self.lookups.items()
                                        if not cannot_decide(code)})

    def held(self, child) -> frozenset[str]:
        return self.always | {code for code, found in self.lookups.items()
                              if any(getattr(child, _alias(code, number)) for number in range(len(found)))}


def _alias(code: str, number: int) -> str:
    return f"held_{number}_{code}"


def held_checks() -> HeldChecks:
    by_type: dict[str, list[str]] = {}
    for model, code in schedule.type_of_model().items():
        by_type.setdefault(code, []).append(model)
    always, lookups = set(), {}
    for code, models in by_type.items():
        if Child._meta.label_lower in models:
            always.add(code)
            continue
        paths = [(label, _path_to_child(apps.get_model(label))) for label in models]
        lookups[code] = tuple((label, path[0]) for label, path in paths
                              if path is not None and not set(path[1]) & set(models))
    return HeldChecks(frozenset(always), lookups)


def _with_facts(children, checks: HeldChecks):
    """The children with what the rules and the blockers need, in one query however many."""
    open_episodes = Episode.objects.filter(child=OuterRef("pk")).exclude(state=State.CLOSED)
    last_closed = (Episode.objects.filter(child=OuterRef("pk")).values("child")
                   .annotate(last=Max("closed_at")).values("last"))
    proposal = DisposalProposal.objects.filter(child=OuterRef("pk"), state=DisposalProposal.State.PROPOSED)
    return children.annotate(
        **checks.annotations(),
        open_work=Exists(open_episodes), last_closed=Subquery(last_closed),
        hold_in_force=Exists(LegalHold.objects.filter(child=OuterRef("pk"), released_at__isnull=True)),
        open_sar=Exists(SubjectAccessRequest.objects.filter(child=OuterRef("pk"))
                        .exclude(status=SubjectAccessRequest.Status.RELEASED)),
        last_release=Subquery(SubjectAccessRequest.objects.filter(child=OuterRef("pk")).values("child")
                              .annotate(last=Max("released_at")).values("last")),
        proposal_id=Subquery(proposal.values("pk")[:1]),
        proposed_by=Subquery(proposal.values("proposed_by__username")[:1]),
    )


def facts_of(child, checks: HeldChecks) -> schedule.Facts:
    last = child.last_closed.date() if child.last_closed else None
    own = {"subject_access": child.last_release.date()} if child.last_release else {}
    return schedule.Facts(date_of_birth=child.date_of_birth, types_held=checks.held(child), open_work=child.open_work,
                       closed_on=last or child.updated_at.date(), own_closure=own)


@dataclasses.dataclass(frozen=True)
class RetentionState:
    child: Child  # in the queue, a row of its values (pk, names, full_name, reference), not a model
    due: schedule.Due
    blockers: tuple[str, ...]   # why it cannot be proposed or disposed of today
    proposal_id: object
    proposed_by: str


def _state(child, checks: HeldChecks, current: schedule.Rules, today: dt.date) -> RetentionState:
    due = schedule.due_for(facts_of(child, checks), current)
    blockers = []
    if not due.is_due(today):
        blockers.append(OPEN_WORK if child.open_work else NOT_DUE)
    if child.hold_in_force:
        blockers.append(HOLD)
    if child.open_sar:
        blockers.append(OPEN_SAR)
    return RetentionState(child, due, tuple(blockers), child.proposal_id, child.proposed_by or "")


def _states(children, checks: HeldChecks, current: schedule.Rules, today: dt.date) -> list[RetentionState]:
    # Rows as plain values, not model instances: building a thousand models with a dozen facts each
    # cost a third of the page. Each row answers what the rules, the blockers and the table read.
    facts = _with_facts(children, checks)
    rows = (types.SimpleNamespace(**row, full_name=f"{row['first_name']} {row['last_name']}")
            for row in facts.values("pk", "first_name", "last_name", "lcs_reference", "date_of_birth", "updated_at",
                                    *facts.query.annotations))
    return [_state(child, checks, current, today) for child in rows]


def _old_enough(current: schedule.Rules, today: dt.date) -> dt.date | None:
    """The latest date of birth a child due today can have, when the child's own details run from
    birth (they are always held, so nobody younger can be due); None when they do not."""
    child_rule = current.for_type("child")
    if child_rule.trigger != schedule.DATE_OF_BIRTH:
        return None
    return schedule.add_years(today, -child_rule.years)


def _candidates(current: schedule.Rules, today: dt.date) -> list[RetentionState]:
    """Every child that could be due today, each with when it is due."""
    cutoff = _old_enough(current, today)
    children = Child.objects.all() if cutoff is None else Child.objects.filter(date_of_birth__lte=cutoff)
    return _states(children, held_checks().deciding(current), current, today)


def _due(states: list[RetentionState], today: dt.date) -> list[RetentionState]:
    return sorted((s for s in states if s.due.is_due(today)), key=lambda s: (s.due.due_on, s.child.last_name))


def disposal_queue(*, actor, today: dt.date) -> list[RetentionState]:
    """Every child whose record is past its retention date, longest overdue first."""
    if not may_manage_retention(actor):
        return []
    due = _due(_candidates(schedule.current_rules(), today), today)
    record(actor=actor, verb="retention.queue_listed", object_type="children.child", object_id=str(len(due)))
    return due


# How many of the children next to come of age for disposal are looked at for the next due date.
LOOK_AHEAD = 20


def _next_due(current: schedule.Rules, states: list[RetentionState], today: dt.date) -> tuple[dt.date | None, str]:
    """When the next record falls due: (date, "") when that is exact, (date, "by") or (date, "after")
    when it is a bound, (None, "") when none is coming. A child is never due before its own
    details are, which run from birth; so the children next to reach that age are read in order of
    birth, LOOK_AHEAD of them in one query, and a child beyond them cannot be due before the last
    of them reaches it."""
    waiting = [s.due.due_on for s in states if s.due.due_on is not None and not s.due.is_due(today)]
    cutoff = _old_enough(current, today)
    if cutoff is None:
        return min(waiting, default=None), ""
    coming = Child.objects.filter(date_of_birth__gt=cutoff).order_by("date_of_birth", "pk")[:LOOK_AHEAD]
    ahead = _states(Child.objects.filter(pk__in=coming.values("pk")), held_checks(), current, today)
    found = min(waiting + [s.due.due_on for s in ahead if s.due.due_on is not None], default=None)
    if len(ahead) < LOOK_AHEAD:
        return found, ""
    beyond = schedule.add_years(max(s.child.date_of_birth for s in ahead), current.for_type("child").years)
    if found is None:
        return beyond, "after"
    return found, "" if found <= beyond else "by"


def home_disposal_counts(*, actor, today: dt.date) -> dict | None:
    """For information governance's home page: how many records are due for disposal, how many of
    those are proposed and wait for a second person, and when the next one falls due; None for
    anyone else. Counts only, so the read names no child and is not recorded. Three queries, however
    many records: the rules, the children that could be due, and the next ones to come of age."""
    if not may_manage_retention(actor):
        return None
    current = schedule.current_rules()
    states = _candidates(current, today)
    due = _due(states, today)
    next_due, bound = _next_due(current, states, today)
    return {"due": len(due), "proposed": sum(1 for s in due if s.proposal_id), "next_due": next_due,
            "next_due_bound": bound}


def child_retention(*, actor, child_id, today: dt.date, purpose: str = "viewed") -> RetentionState:
    checks = held_checks()
    child = get_in_scope_or_404(_with_facts(in_scope(actor, Child), checks), actor=actor, pk=child_id,
                                verb=f"retention.{purpose}", child_id_of=lambda child: child.pk)
    return _state(child, checks, schedule.current_rules(), today)


def holds_of(child) -> list[LegalHold]:
    """For a child already read through child_retention (which audited the look)."""
    return list(LegalHold.objects.filter(child=child).select_related("placed_by", "released_by"))


def proposals_of(child) -> list[DisposalProposal]:
    return list(DisposalProposal.objects.filter(child=child).select_related("proposed_by", "declined_by"))


def holds_in_force(*, actor) -> list[LegalHold]:
    if not may_manage_retention(actor):
        return []
    holds = list(LegalHold.objects.filter(released_at__isnull=True).select_related("child", "placed_by"))
    record(actor=actor, verb="retention.holds_listed", object_type="retention.legalhold",
           object_id=str(len(holds)))
    return holds


def _get(actor, model, pk, verb: str, related=("child",)):
    scope = in_scope(actor, model)
    return get_in_scope_or_404(scope.select_related(*related) if related else scope, actor=actor, pk=pk, verb=verb)


def hold_get(*, actor, hold_id) -> LegalHold:
    return _get(actor, LegalHold, hold_id, "retention.legal_hold_opened", ("child", "placed_by"))


def proposal_get(*, actor, proposal_id) -> DisposalProposal:
    return _get(actor, DisposalProposal, proposal_id, "retention.proposal_opened", ("child", "proposed_by"))


CERTIFICATES_PER_PAGE = 50


def certificates(*, actor, page=1) -> Page:
    """Newest first, a page at a time: ten years of disposals are thousands of certificates."""
    if not may_manage_retention(actor):
        return Paginator([], CERTIFICATES_PER_PAGE).get_page(1)
    found = Paginator(DisposalCertificate.objects.order_by("-number"), CERTIFICATES_PER_PAGE).get_page(page)
    found.object_list = list(found.object_list)
    record(actor=actor, verb="retention.certificates_listed", object_type="retention.disposalcertificate",
           object_id=str(len(found.object_list)))
    return found


def certificate_get(*, actor, certificate_id) -> DisposalCertificate:
    return _get(actor, DisposalCertificate, certificate_id, "retention.certificate_opened", ())
