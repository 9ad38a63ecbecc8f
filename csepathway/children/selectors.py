"""Reads of children's records, always scoped to the acting user and always audited."""

import datetime as dt
import re
import uuid

from django.db.models import Prefetch, Q, QuerySet

from csepathway.accounts.roles import Role, role_of
from csepathway.audit.scope import get_in_scope_or_404
from csepathway.audit.services import record

from .access import editable_children, visible_children
from .models import Child, ChildAlias, PlanEntry

SEARCH_LIMIT = 50
CHILD_TYPE = "children.child"
# The purposes child_get is called with, as they are written on the trail ("child.<purpose>"): the
# reads of a child's record that information governance watches for unusual patterns.
READ_PURPOSES = ("viewed", "opened_for_edit", "chronology_viewed", "chronology_downloaded", "record_downloaded")
CHILD_READ_VERBS = frozenset(f"child.{purpose}" for purpose in READ_PURPOSES)
_DATE_PATTERNS = ("%d/%m/%Y", "%d-%m-%Y", "%Y-%m-%d", "%d %m %Y", "%d.%m.%Y")


def _as_date(text: str) -> dt.date | None:
    for pattern in _DATE_PATTERNS:
        try:
            return dt.datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    return None


def _with_related(queryset: QuerySet[Child]) -> QuerySet[Child]:
    return queryset.select_related("allocated_worker", "allocated_team").prefetch_related(
        Prefetch("aliases", queryset=ChildAlias.objects.order_by("name"))
    )


def matching_child_ids(query: str) -> QuerySet:
    """Ids of the children a search matches, as one subquery: for every word, a name or an alias
    that contains it; or the whole query as an LCS or EHM reference. Built from UNION and INTERSECT so
    each part uses its own index (trigram for names and aliases) and the database never tests every
    child's names one by one, as an OR of LIKEs over the whole table makes it do."""
    found = None
    for term in (t for t in re.split(r"\s+", query) if t):
        by_name = Child.objects.filter(Q(first_name__icontains=term) | Q(last_name__icontains=term))
        by_alias = ChildAlias.objects.filter(name__icontains=term)
        ids = by_name.order_by().values("pk").union(by_alias.order_by().values("child_id"))
        found = ids if found is None else found.intersection(ids)
    by_reference = Child.objects.filter(Q(lcs_reference__iexact=query) | Q(ehm_reference__iexact=query))
    return found.union(by_reference.order_by().values("pk"))


# A search that matches at most this many children in the whole region is answered from their ids.
MATCHES_LISTED = 500


def _matches(query: str):
    """The children a search matches, as a list of ids when there are few of them. With the subquery
    the planner cannot tell 11 matches from 500, and for a scope tested child by child (the police
    coordinator's) it walked all 50,000 children in name order to find them (80 ms at region scale;
    ADR 0068). A list of a few ids is looked up by primary key. A broad search keeps the subquery,
    where walking in name order finds a page of results soon."""
    matches = matching_child_ids(query)
    found = list(Child.objects.filter(pk__in=matches).order_by().values_list("pk", flat=True)[:MATCHES_LISTED + 1])
    return found if len(found) <= MATCHES_LISTED else matches


def child_search(*, actor, query: str = "") -> list[Child]:
    """Children the actor may see matching a name, alias, date of birth or LCS/EHM reference.
    An empty query lists the actor's children."""
    queryset = visible_children(actor)
    query = query.strip()
    if query:
        date = _as_date(query)
        matched = Q(date_of_birth=date) if date is not None else Q(pk__in=_matches(query))
        queryset = queryset.filter(matched)
    results = list(_with_related(queryset)[:SEARCH_LIMIT])
    # The search terms may be names, so they are not kept in the trail; what was shown is.
    record(actor=actor, verb="child.searched", object_type="children.child", object_id=str(len(results)))
    return results


def child_get(*, actor, child_id: uuid.UUID | str, purpose: str = "viewed", for_change: bool = False) -> Child:
    """The child's record if the actor may see it (or, `for_change`, change it: never through an
    emergency grant); otherwise 404, with the refusal audited."""
    scope = editable_children(actor) if for_change else visible_children(actor)
    return get_in_scope_or_404(_with_related(scope), actor=actor, pk=child_id, verb=f"child.{purpose}",
                               child_id_of=lambda child: child.pk)


def plan_entries_for_child(*, actor, child: Child) -> list[PlanEntry]:
    """The needs and interventions in the child's plan, if the actor may see the child (the child's
    page has already audited the read of the record)."""
    return list(PlanEntry.objects.filter(child__in=visible_children(actor), child=child)
                .order_by("-agreed_on", "-created_at"))


HOME_LIMIT = 10
# The roles whose own allocations make their home page's "Your children".
ALLOCATION_HOLDERS = frozenset({Role.PRACTITIONER, Role.TEAM_MANAGER})


def home_my_children(*, actor) -> dict | None:
    """For the home page: the children allocated to the actor that they may see (a restricted child
    they are not allowed is left out, even their own), by name, with how many in all; None when
    there are none or the role holds no allocations. Two queries, the rows read recorded."""
    if role_of(actor) not in ALLOCATION_HOLDERS:
        return None
    mine = visible_children(actor).filter(allocated_worker=actor)
    count = mine.count()
    if not count:
        return None
    children = list(mine.order_by("last_name", "first_name", "pk")[:HOME_LIMIT])
    record(actor=actor, verb="children.home_viewed", object_type=CHILD_TYPE, object_id=str(len(children)))
    return {"children": children, "count": count}
