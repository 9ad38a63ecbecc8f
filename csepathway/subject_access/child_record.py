"""Subject access requests' part of what is held about a child (children/records_held.py).

An earlier request answered is itself something held about the child: who asked, when, and how it
was answered. Its bundle items are copies of records the new bundle gathers from the records
themselves, so the request's snapshot tells only how many were released, redacted or withheld. A
request not yet released is the one being answered, or runs beside it: it is left out."""

from django.db.models import Count, Q

from csepathway.children.records_held import CLOSURE, RecordsHeld, RecordType, Snapshot, lines
from csepathway.core.formatting import govuk_date

from .models import BundleItem, SubjectAccessRequest

# Counted from the release of the latest request where that comes after the closure (ADR 0025).
SUBJECT_ACCESS = RecordType("subject_access", "Subject access requests and their bundles", (CLOSURE, 2))


def _count(decision: str) -> Count:
    return Count("items", filter=Q(items__decision=decision))


def snapshots(child) -> list[Snapshot]:
    answered = (SubjectAccessRequest.objects.filter(child=child, status=SubjectAccessRequest.Status.RELEASED)
                .annotate(released_in_full=_count(BundleItem.Decision.RELEASE),
                          redacted=_count(BundleItem.Decision.REDACT), withheld=_count(BundleItem.Decision.WITHHOLD)))
    return [Snapshot("subject_access_request", sar, f"Subject access request received on {govuk_date(sar.received_on)}",
                     sar.released_at,
                     lines(("Asked for by", sar.requester), ("Received on", sar.received_on), ("Due by", sar.due_on),
                           ("Released on", govuk_date(sar.released_at)),
                           ("Records released in full", sar.released_in_full),
                           ("Records released with parts redacted", sar.redacted),
                           ("Records withheld", sar.withheld)))
            for sar in answered]


RECORDS_HELD = RecordsHeld(
    app="subject_access", record_type=SUBJECT_ACCESS.code,
    models=("subject_access.subjectaccessrequest", "subject_access.bundleitem"),
    subject_access=snapshots,
    folded={"subject_access.bundleitem": "subject_access.subjectaccessrequest"},
)
