"""The intelligence reports' part of what is held about a child (children/records_held.py). A
report's pieces (people, vehicles, phones, places, money, descriptions) are told inside the report's
snapshot: they mean nothing apart from it."""

from csepathway.children.records_held import (
    CLOSURE,
    ChronologyEvent,
    RecordsHeld,
    RecordType,
    Snapshot,
    lines,
    start_of_day,
)

from .models import IntelligenceReport
from .selectors import intelligence_events_for_child
from .validators import display_registration

# Reports to the police run from the end of the work, not from the child's birth.
INTELLIGENCE = RecordType("intelligence", "Intelligence reports to the police", (CLOSURE, 6))
PIECES = ("persons", "vehicles", "phones", "usernames", "places", "money", "descriptions")


def chronology(actor, child) -> list[ChronologyEvent]:
    return [ChronologyEvent(start_of_day(e["at"]), e["title"], e.get("detail", ""), e.get("href", ""),
                            "intelligence")
            for e in intelligence_events_for_child(actor=actor, child=child)]


def snapshots(child) -> list[Snapshot]:
    result = []
    for r in IntelligenceReport.objects.filter(child=child).prefetch_related(*PIECES):
        parts = [lines(("Subject", r.subject), ("Information", r.information),
                       ("How it was learned", r.get_how_learned_display()), ("Status", r.get_status_display()),
                       ("Police reference", r.police_reference), ("Grading", r.grading))]
        parts += [lines(("Person", p.full_name), ("Date of birth", p.date_of_birth), ("Aliases", p.aliases),
                        ("Description", p.description)) for p in r.persons.all()]
        parts += [lines(("Vehicle", display_registration(v.registration)), ("Make", v.make), ("Model", v.model),
                        ("Colour", v.colour))
                  for v in r.vehicles.all()]
        parts += [lines(("Phone", p.number), ("Whose", p.whose)) for p in r.phones.all()]
        parts += [lines(("Username", f"{u.handle} ({u.platform})")) for u in r.usernames.all()]
        parts += [lines(("Place", p.address), ("Description", p.description)) for p in r.places.all()]
        parts += [lines(("Money", m.amount), ("Description", m.description)) for m in r.money.all()]
        parts += [d.text for d in r.descriptions.all()]
        result.append(Snapshot("intelligence", r, f"Intelligence report: {r.subject}", r.created_at,
                               "\n".join(p for p in parts if p)))
    return result


RECORDS_HELD = RecordsHeld(
    app="intelligence", record_type=INTELLIGENCE.code,
    models=("intelligence.intelligencereport", "intelligence.reportperson", "intelligence.reportvehicle",
            "intelligence.reportphone", "intelligence.reportusername", "intelligence.reportplace",
            "intelligence.reportmoney", "intelligence.reportdescription"),
    chronology=chronology, subject_access=snapshots,
    folded={f"intelligence.report{piece}": "intelligence.intelligencereport"
            for piece in ("person", "vehicle", "phone", "username", "place", "money", "description")},
)
