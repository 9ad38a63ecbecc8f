"""Reads for subject access requests, for information governance only. Every read that shows the
child's data (the bundle, an item, the released PDF) is audited with the child's id: this is the one
place auditors see case content, so each look must be visible in the child's access history."""

import dataclasses
import datetime as dt
import uuid

from django.core.paginator import Page, Paginator
from django.db.models import Case, Count, F, Min, Q, Value, When
from django.http import Http404

from csepathway.audit.models import AuditEvent
from csepathway.audit.scope import get_in_scope_or_404
from csepathway.audit.services import record
from csepathway.children.models import Child

from .access import may_handle_requests, visible_bundle_items, visible_requests
from .models import BundleItem, SubjectAccessRequest


class ChildNotFound(Exception):
    pass


class ChildAmbiguous(Exception):
    pass


PER_PAGE = 50


@dataclasses.dataclass
class RequestList:
    page: Page
    count: int
    overdue: int  # across every page


def sar_list(*, actor, today: dt.date, page=1) -> RequestList:
    """Every request, a page at a time: the open ones first, soonest due first (information
    governance works them as a team), then the released ones, latest first."""
    requests = visible_requests(actor)
    is_open = ~Q(status=SubjectAccessRequest.Status.RELEASED)
    ordered = (requests.select_related("child").defer("released_pdf")
               .annotate(released=Case(When(is_open, then=Value(0)), default=Value(1)),
                         open_due=Case(When(is_open, then=F("due_on"))))
               .order_by("released", F("open_due").asc(nulls_last=True), F("due_on").desc(), "pk"))
    listing = Paginator(ordered, PER_PAGE).get_page(page)
    listing.object_list = list(listing.object_list)
    overdue = requests.filter(is_open, due_on__lt=today).count()
    record(actor=actor, verb="subject_access.listed", object_type="subject_access.subjectaccessrequest",
           object_id=str(len(listing.object_list)))
    return RequestList(page=listing, count=listing.paginator.count, overdue=overdue)


def child_for_request(*, actor, reference: str, verb: str = "subject_access.child_looked_up") -> Child:
    """The child a new request is about, by LCS or EHM reference or by the child's id. Outside the
    usual scope on purpose (ADR 0023); the look-up is audited whether it finds a child or not.
    Retention finds records the same way, under its own verb."""
    reference = reference.strip()
    matches: list[Child] = []
    if may_handle_requests(actor) and reference:
        try:
            matches = list(Child.objects.filter(pk=uuid.UUID(reference)))
        except ValueError:
            matches = list(Child.objects.filter(lcs_reference__iexact=reference)) or \
                list(Child.objects.filter(ehm_reference__iexact=reference))
    if len(matches) != 1:
        record(actor=actor, verb=verb, object_type="children.child", object_id=str(len(matches)),
               outcome=AuditEvent.Outcome.DENIED)
        raise ChildAmbiguous if matches else ChildNotFound
    child = matches[0]
    record(actor=actor, verb=verb, obj=child, child_id=child.pk)
    return child


def sar_get(*, actor, sar_id, purpose: str = "viewed") -> SubjectAccessRequest:
    return get_in_scope_or_404(visible_requests(actor).select_related("child", "created_by", "released_by"),
                               actor=actor, pk=sar_id, verb=f"subject_access.{purpose}")


def bundle_items(*, sar: SubjectAccessRequest) -> list[BundleItem]:
    """The items of a request already read through sar_get (which audited the look)."""
    return list(sar.items.select_related("reviewed_by").order_by("position"))


def bundle_item_get(*, actor, sar_id, item_id, purpose: str = "item_viewed") -> BundleItem:
    return get_in_scope_or_404(visible_bundle_items(actor).select_related("request__child").filter(request_id=sar_id),
                               actor=actor, pk=item_id, verb=f"subject_access.{purpose}",
                               child_id_of=lambda item: item.request.child_id)


def released_pdf(*, actor, sar_id) -> tuple[SubjectAccessRequest, bytes]:
    sar = sar_get(actor=actor, sar_id=sar_id, purpose="downloaded")
    if sar.released_pdf is None:
        raise Http404("This request has not been released")
    return sar, bytes(sar.released_pdf)


def home_request_counts(*, actor, today: dt.date) -> dict | None:
    """For information governance's home page: open requests, how many are overdue, and the next
    due date, in one query; None for anyone else."""
    if not may_handle_requests(actor):
        return None
    is_open = ~Q(status=SubjectAccessRequest.Status.RELEASED)
    return visible_requests(actor).filter(is_open).aggregate(
        open=Count("pk"), overdue=Count("pk", filter=Q(due_on__lt=today)), next_due=Min("due_on"))
