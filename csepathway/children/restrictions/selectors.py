"""Reads for restricted records and emergency access, scoped to the acting user (docs/adr/0021, 0026)."""

import dataclasses
import uuid

from django.core.paginator import Page, Paginator
from django.db.models import Count, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.http import Http404

from csepathway.accounts.models import Team, User
from csepathway.accounts.roles import CASE_ROLES, Role
from csepathway.audit.models import AuditEvent
from csepathway.audit.scope import get_in_scope_or_404
from csepathway.audit.services import record

from ..access import active_grants, visible_children
from ..models import BreakGlassGrant, Child, ChildRestriction
from .access import may_manage_restriction, may_review_grants


def restriction_child_get(*, actor, child_id: uuid.UUID | str) -> Child:
    """The child for a restriction page: in the actor's scope (404 otherwise) and theirs to manage
    (404 too: someone who may not manage it learns nothing from the page existing)."""
    return get_in_scope_or_404(visible_children(actor).select_related("allocated_team"), actor=actor, pk=child_id,
                               verb="child.restriction_opened", may=may_manage_restriction,
                               child_id_of=lambda child: child.pk)


def active_restriction(*, child: Child) -> ChildRestriction | None:
    return (ChildRestriction.objects.filter(child=child, lifted_at__isnull=True)
            .select_related("created_by", "lift_requested_by").prefetch_related("allowed_users", "allowed_teams")
            .first())


def restriction_history(*, child: Child) -> list[ChildRestriction]:
    return list(ChildRestriction.objects.filter(child=child).select_related(
        "created_by", "lift_requested_by", "lifted_by").prefetch_related(
        "reviews__reviewed_by", "lift_declines__requested_by", "lift_declines__declined_by"))


def lift_deciders(*, restriction: ChildRestriction) -> list[User]:
    """Who could approve or decline the lift that was asked for, by the rule the approval follows:
    someone who may manage the restriction (the CSE Team Manager, the child's own Team Manager) and
    can see the child, so is on its allow-list, other than the person who asked. Only those with an
    email address, for telling them. Managers are few: one small query for each."""
    child = restriction.child
    managers = Q(role=Role.CSE_MANAGER)
    if child.allocated_team_id:
        managers |= Q(role=Role.TEAM_MANAGER, team_id=child.allocated_team_id)
    candidates = (User.objects.filter(managers, is_active=True).exclude(email="")
                  .exclude(pk=restriction.lift_requested_by_id).order_by("username"))
    return [person for person in candidates
            if may_manage_restriction(person, child) and visible_children(person).filter(pk=child.pk).exists()]


def allow_list_users() -> QuerySet[User]:
    return User.objects.filter(is_active=True, role__in=CASE_ROLES).select_related("team").order_by(
        "last_name", "first_name")


def allow_list_teams() -> QuerySet[Team]:
    return Team.objects.order_by("name")


@dataclasses.dataclass(frozen=True)
class ReferenceLookup:
    """What an exact reference found, told without naming a child the user may not see."""

    outcome: str  # "visible", "outside_scope", "not_found" or "ambiguous"
    child: Child | None = None  # only when visible


def _by_reference(reference: str) -> QuerySet[Child]:
    return Child.objects.filter(Q(lcs_reference__iexact=reference) | Q(ehm_reference__iexact=reference))


def reference_lookup(*, actor, reference: str) -> ReferenceLookup:
    """Find a child by their exact LCS or EHM reference. Outside the actor's scope it says only that
    a record exists: the name is shown after an emergency grant, never before."""
    reference = reference.strip()
    matches = list(_by_reference(reference).values_list("pk", flat=True)[:2]) if reference else []
    if not matches:
        result = ReferenceLookup("not_found")
    elif len(matches) > 1:
        result = ReferenceLookup("ambiguous")
    else:
        child = visible_children(actor).filter(pk=matches[0]).first()
        result = ReferenceLookup("visible", child) if child else ReferenceLookup("outside_scope")
    record(actor=actor, verb="child.reference_looked_up", object_type="children.child",
           object_id=str(matches[0]) if len(matches) == 1 else "", child_id=matches[0] if len(matches) == 1 else None,
           outcome=AuditEvent.Outcome.ALLOWED if result.outcome == "visible" else AuditEvent.Outcome.DENIED)
    return result


def child_outside_scope_by_reference(*, actor, reference: str) -> Child | None:
    """The one child with this reference if the actor cannot see it now (for the grant itself)."""
    reference = reference.strip()
    matches = list(_by_reference(reference)[:2]) if reference else []
    if len(matches) != 1 or visible_children(actor).filter(pk=matches[0].pk).exists():
        return None
    return matches[0]


def active_grant_for(*, actor, child: Child) -> BreakGlassGrant | None:
    return active_grants(actor).filter(child=child).order_by("-expires_at").first()


def _pages_opened():
    # Everything the user did to that child while the grant lasted, counted in the same query.
    return Coalesce(Subquery(
        AuditEvent.objects.filter(actor_id=OuterRef("user_id"), child_id=OuterRef("child_id"),
                                  occurred_at__gte=OuterRef("granted_at"), occurred_at__lte=OuterRef("expires_at"))
        .order_by().values("actor_id").annotate(n=Count("pk")).values("n")[:1]), 0)


QUEUE_PER_PAGE = 50


def grant_queue(*, actor, reviewed: bool, page=1) -> Page | None:
    """The uses of emergency access waiting for review (oldest first), or those reviewed (newest
    first), a page at a time; None for anyone who does not review them."""
    if not may_review_grants(actor):
        return None
    queryset = (BreakGlassGrant.objects.select_related("user__team", "child", "reviewed_by")
                .annotate(events=_pages_opened()).filter(reviewed_at__isnull=not reviewed)
                .order_by("-granted_at" if reviewed else "granted_at", "pk"))
    listing = Paginator(queryset, QUEUE_PER_PAGE).get_page(page)
    listing.object_list = list(listing.object_list)
    record(actor=actor, verb="break_glass.queue_viewed", object_type="children.breakglassgrant",
           object_id=str(len(listing.object_list)))
    return listing


def grant_get_for_review(*, actor, grant_id: uuid.UUID | str) -> BreakGlassGrant:
    grant = None
    if may_review_grants(actor):
        grant = (BreakGlassGrant.objects.select_related("user__team", "child", "reviewed_by")
                 .annotate(events=_pages_opened()).filter(pk=grant_id).first())
    if grant is None:
        raise Http404("No emergency access found")
    return grant


def home_grants_waiting(*, actor) -> int | None:
    """For the home page of those who review emergency access: how many uses wait for review that
    are theirs to review (never their own); None for anyone else. A count only, in one query: the
    home page names no child."""
    if not may_review_grants(actor):
        return None
    return BreakGlassGrant.objects.filter(reviewed_at__isnull=True).exclude(user=actor).count()
