"""The NRM referrals' part of what is held about a child (children/records_held.py)."""

from csepathway.children.records_held import (
    DATE_OF_BIRTH,
    ChronologyEvent,
    RecordsHeld,
    RecordType,
    Snapshot,
    lines,
    start_of_day,
)
from csepathway.core.formatting import govuk_date

from .models import NrmReferral
from .presenters import answer_sections
from .selectors import nrm_events_for_child

NRM = RecordType("nrm", "National Referral Mechanism referrals", (DATE_OF_BIRTH, 25))


def chronology(actor, child) -> list[ChronologyEvent]:
    return [ChronologyEvent(start_of_day(e["at"]), e["title"], e.get("detail", ""), e.get("href", ""), "nrm")
            for e in nrm_events_for_child(actor=actor, child=child)]


def snapshots(child) -> list[Snapshot]:
    result = []
    for referral in NrmReferral.objects.filter(child=child):
        parts = [f"{a['question']}: {a['answer']}" for s in answer_sections(referral) for a in s["answers"]
                 if a["answer"]]
        guardian = {True: "Yes", False: "No"}.get(referral.guardian_referred, "")
        parts.append(lines(("Referred on", referral.referred_on), ("NRM reference", referral.reference),
                           ("Decided by", referral.get_decision_maker_display() if referral.referred_on else ""),
                           ("Reasonable grounds decision", referral.get_reasonable_grounds_display()),
                           ("Reasonable grounds decided on", referral.reasonable_grounds_on),
                           ("Conclusive grounds decision", referral.get_conclusive_grounds_display()),
                           ("Conclusive grounds decided on", referral.conclusive_grounds_on),
                           ("Referred to an Independent Child Trafficking Guardian", guardian),
                           ("Referred to the guardian on", referral.guardian_referred_on)))
        result.append(Snapshot("nrm_referral", referral, f"NRM referral started {govuk_date(referral.created_at)}",
                               referral.created_at, "\n".join(p for p in parts if p)))
    return result


RECORDS_HELD = RecordsHeld(app="nrm", record_type=NRM.code, models=("nrm.nrmreferral",),
                           chronology=chronology, subject_access=snapshots)
