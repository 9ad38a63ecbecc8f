"""Demo records for retention: two former children long past their 25th birthdays, whose CSE work
closed years ago. One is waiting in the disposal queue; the other has a legal hold on it."""

import datetime as dt

from django.utils import timezone

from csepathway.children.models import Child
from csepathway.children.services import child_create
from csepathway.episodes import scenarios
from csepathway.episodes.models import Episode
from csepathway.retention.services import legal_hold_place

FORMER_CHILDREN = [
    # LCS reference, first name, last name, legal hold reason
    ("LCS-DR001", "Robin", "Testchild", ""),
    ("LCS-DR002", "Jules", "Exampleton", "Civil claim against the council (demo): keep until it ends"),
]


def build(*, users, teams) -> int:
    made = 0
    for reference, first, last, hold in FORMER_CHILDREN:
        if Child.objects.filter(lcs_reference=reference).exists():
            continue
        practitioner = users["practitioner"]
        child = child_create(actor=practitioner, aliases=[], data={
            "first_name": first, "last_name": last, "date_of_birth": dt.date(2010, 1, 15), "gender": "not_known",
            "address": "99 Example Street, Testshire TE5 7ZZ",
            "plan": "none", "lcs_reference": reference, "allocated_team": teams["North Locality Team"],
            "allocated_worker": practitioner})
        scenarios.closed(practitioner=practitioner, child=child, cse_manager=users["cse.manager"],
                         police=users["police.coordinator"])
        # Only the demo moves a record into the past, so that it is already due for disposal.
        closed = timezone.now() - dt.timedelta(days=365 * 12)
        Episode.objects.filter(child=child).update(closed_at=closed)
        Child.objects.filter(pk=child.pk).update(date_of_birth=dt.date(1996, 4, 2), updated_at=closed)
        if hold:
            legal_hold_place(actor=users["auditor"], child=child, reason=hold, reference="CLAIM-DEMO-7")
        made += 1
    return made
