"""Retention's part of what is held about a child (children/records_held.py): the legal holds placed
on the record and the proposals to dispose of it, kept under the child's own rule. Certificates are
not here: they outlive the child and name nobody (docs/adr/0025)."""

from csepathway.children.child_record import CHILD
from csepathway.children.records_held import RecordsHeld, Snapshot, lines
from csepathway.core.formatting import govuk_date
from csepathway.core.presenters import person_name

from .models import DisposalProposal, LegalHold


def _holds(child) -> list[Snapshot]:
    return [Snapshot("legal_hold", hold, f"Legal hold placed on {govuk_date(hold.created_at)}", hold.created_at,
                     lines(("Why the record must be kept", hold.reason), ("Case or inquiry reference", hold.reference),
                           ("Placed on", hold.created_at), ("Placed by", person_name(hold.placed_by)),
                           ("Released on", hold.released_at), ("Released by", person_name(hold.released_by)),
                           ("Why it was released", hold.release_reason)))
            for hold in LegalHold.objects.filter(child=child).select_related("placed_by", "released_by")]


def _proposals(child) -> list[Snapshot]:
    proposals = DisposalProposal.objects.filter(child=child).select_related("proposed_by", "declined_by")
    return [Snapshot("disposal_proposal", p, f"Proposal to dispose of the record, {govuk_date(p.created_at)}",
                     p.created_at,
                     lines(("Proposed on", p.created_at), ("Proposed by", person_name(p.proposed_by)),
                           ("Status", p.get_state_display()), ("Declined on", p.declined_at),
                           ("Declined by", person_name(p.declined_by)), ("Why it was declined", p.decline_reason)))
            for p in proposals]


def snapshots(child) -> list[Snapshot]:
    return [*_holds(child), *_proposals(child)]


RECORDS_HELD = RecordsHeld(app="retention", record_type=CHILD.code,
                           models=("retention.legalhold", "retention.disposalproposal"), subject_access=snapshots)
