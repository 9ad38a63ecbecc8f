"""Writes for subject access requests. Only information governance (the auditor role) may make them;
each runs in one transaction with its audit event, which always carries the child's id so the
child's access history shows every time their record was gathered, reviewed or released."""

import datetime as dt

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from csepathway.audit.services import record
from csepathway.core.refusals import Refused
from csepathway.core.services import StaleEdit, versioned_save

from . import document, gathering
from .access import may_handle_requests
from .due_dates import sar_due_on
from .models import BundleItem, SubjectAccessRequest

Status = SubjectAccessRequest.Status
Decision = BundleItem.Decision


def _require_governance(actor) -> None:
    # The views check the role too; this keeps a service called from anywhere else just as strict.
    if not may_handle_requests(actor):
        raise PermissionDenied


@transaction.atomic
def sar_start(*, actor, child, requester: str, received_on: dt.date) -> SubjectAccessRequest:
    _require_governance(actor)
    sar = SubjectAccessRequest.objects.create(child=child, requester=requester.strip(), received_on=received_on,
                                              due_on=sar_due_on(received_on), created_by=actor)
    record(actor=actor, verb="subject_access.started", obj=sar, child_id=child.pk)
    return sar


@transaction.atomic
def sar_gather(*, actor, sar: SubjectAccessRequest, expected_version: int) -> SubjectAccessRequest:
    """Copy every record held about the child into the bundle, as it stands now."""
    _require_governance(actor)
    if sar.status != Status.GATHERING:
        raise Refused("The records for this request have already been gathered.")
    sar.status, sar.gathered_at = Status.REVIEWING, timezone.now()
    # The version check first: a double-clicked button gathers once and the second click is refused.
    versioned_save(instance=sar, expected_version=expected_version, changed=["status", "gathered_at"])
    snapshots = gathering.gather(sar.child)
    BundleItem.objects.bulk_create([
        BundleItem(request=sar, position=number, kind=s.kind, source_type=s.source._meta.label_lower,
                   source_id=str(s.source.pk), title=s.title[:300], recorded_at=s.recorded_at, text=s.text)
        for number, s in enumerate(snapshots, start=1)
    ])
    record(actor=actor, verb="subject_access.gathered", obj=sar, child_id=sar.child_id)
    return sar


@transaction.atomic
def bundle_item_review(*, actor, item: BundleItem, expected_version: int, decision: str, exemption: str = "",
                       exemption_detail: str = "", redactions: list[str] | None = None) -> BundleItem:
    _require_governance(actor)
    if item.request.status != Status.REVIEWING:
        raise Refused("This request has been released: its items can no longer be changed.")
    item.decision = decision
    item.exemption = exemption if decision in (Decision.WITHHOLD, Decision.REDACT) else ""
    item.exemption_detail = exemption_detail.strip() if item.exemption == "other" else ""
    item.redactions = [p.strip() for p in (redactions or []) if p.strip()] if decision == Decision.REDACT else []
    item.reviewed_by, item.reviewed_at = actor, timezone.now()
    versioned_save(instance=item, expected_version=expected_version, changed=[
        "decision", "exemption", "exemption_detail", "redactions", "reviewed_by", "reviewed_at"])
    # The decision and the exemption are named, never the phrases: the trail carries no case content.
    record(actor=actor, verb=f"subject_access.item_{decision}", obj=item, child_id=item.request.child_id,
           changed_fields=["decision", "exemption", "redactions"])
    return item


def _reviewing(actor, sar: SubjectAccessRequest, expected_version: int) -> SubjectAccessRequest:
    _require_governance(actor)
    sar = SubjectAccessRequest.objects.select_for_update().get(pk=sar.pk)
    if sar.status != Status.REVIEWING:
        raise Refused("This request has been released: its items can no longer be changed.")
    if sar.version != expected_version:
        raise StaleEdit(sar)
    return sar


@transaction.atomic
def bundle_release_rest(*, actor, sar: SubjectAccessRequest, expected_version: int) -> int:
    """Every item not reviewed yet is released in full, in one step; how many. Items already
    reviewed keep their decision."""
    sar = _reviewing(actor, sar, expected_version)
    rest = list(sar.items.select_for_update().filter(decision=Decision.NOT_REVIEWED))
    now = timezone.now()
    for item in rest:
        item.decision, item.reviewed_by, item.reviewed_at, item.updated_at = Decision.RELEASE, actor, now, now
        item.version += 1
    BundleItem.objects.bulk_update(rest, ["decision", "reviewed_by", "reviewed_at", "version", "updated_at"])
    versioned_save(instance=sar, expected_version=expected_version, changed=[])
    record(actor=actor, verb="subject_access.rest_released_in_full", obj=sar, child_id=sar.child_id,
           changed_fields=["decision"])
    return len(rest)


@transaction.atomic
def bundle_redactions_add(*, actor, sar: SubjectAccessRequest, expected_version: int,
                          chosen: dict[str, list[str]], exemption: str = "third_party") -> int:
    """Redact the chosen phrases ({item id: phrases}) from those items: the identifiers of withheld
    items found elsewhere in the bundle (identifiers.offered_redactions). An item released in full
    becomes redacted under `exemption`; one already redacted keeps its own. How many items changed."""
    sar = _reviewing(actor, sar, expected_version)
    items = {str(item.pk): item for item in sar.items.select_for_update().filter(pk__in=list(chosen))}
    now = timezone.now()
    for item_id, phrases in chosen.items():
        item = items.get(item_id)
        if item is None or item.decision == Decision.WITHHOLD or not phrases:
            continue
        if item.decision != Decision.REDACT:
            item.decision, item.exemption, item.exemption_detail = Decision.REDACT, exemption, ""
        item.redactions = list(dict.fromkeys([*(item.redactions or []), *phrases]))
        item.reviewed_by, item.reviewed_at = actor, now
        item.version += 1
        item.save(update_fields=["decision", "exemption", "exemption_detail", "redactions", "reviewed_by",
                                 "reviewed_at", "version", "updated_at"])
        # The decision is named, never the phrases: the trail carries no case content.
        record(actor=actor, verb="subject_access.item_redact", obj=item, child_id=sar.child_id,
               changed_fields=["decision", "redactions"])
    versioned_save(instance=sar, expected_version=expected_version, changed=[])
    return len([i for i in chosen if i in items])


@transaction.atomic
def sar_release(*, actor, sar: SubjectAccessRequest, expected_version: int) -> SubjectAccessRequest:
    """Build the PDF from the reviewed items and keep it: what was released stays provable."""
    _require_governance(actor)
    if sar.status != Status.REVIEWING:
        raise Refused("Only a gathered request that has not been released can be released.")
    items = list(sar.items.order_by("position"))
    if any(item.decision == Decision.NOT_REVIEWED for item in items):
        raise Refused("Review every item before you release the bundle.")
    now = timezone.now()
    sar.released_pdf = document.bundle_pdf(sar, items, released_on=timezone.localdate(now))
    sar.status, sar.released_by, sar.released_at = Status.RELEASED, actor, now
    versioned_save(instance=sar, expected_version=expected_version,
                   changed=["released_pdf", "status", "released_by", "released_at"])
    record(actor=actor, verb="subject_access.released", obj=sar, child_id=sar.child_id)
    return sar


__all__ = ["StaleEdit", "Refused", "bundle_item_review", "bundle_redactions_add", "bundle_release_rest", "sar_gather",
           "sar_release", "sar_start"]
