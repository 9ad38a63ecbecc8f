"""The children app's part of what is held about a child (records_held.py): the child's own details
and other names, the plan entries, and the restrictions and emergency access on the record."""

from django.urls import reverse

from csepathway.core.formatting import govuk_date
from csepathway.core.presenters import person_name

from .models import BreakGlassGrant, Child, ChildRestriction, PlanEntry
from .records_held import DATE_OF_BIRTH, ChronologyEvent, RecordsHeld, RecordType, Snapshot, lines, on_day, paragraphs
from .selectors import plan_entries_for_child

# Children's social care records are commonly kept until the 25th birthday.
CHILD = RecordType("child", "The child's details, case notes and plan entries", (DATE_OF_BIRTH, 25))


def _child(child: Child) -> Snapshot:
    text = lines(
        ("Name", child.full_name), ("Other names", ", ".join(a.name for a in child.aliases.all())),
        ("Date of birth", child.date_of_birth), ("Gender", child.get_gender_display()),
        ("Ethnicity", child.ethnicity), ("First language", child.first_language), ("Address", child.address),
        ("School", child.school), ("Plan", child.get_plan_display()), ("LCS reference", child.lcs_reference),
        ("EHM reference", child.ehm_reference),
    )
    return Snapshot("child", child, f"The record of {child.full_name}", child.created_at, text)


def _plan_entries(child: Child) -> list[Snapshot]:
    return [Snapshot("plan_entry", p, f"Plan entry agreed {govuk_date(p.agreed_on)}", p.created_at,
                     lines(("Plan", p.get_plan_display()), ("Need", p.need), ("Intervention", p.intervention),
                           ("Agreed at", p.source)))
            for p in PlanEntry.objects.filter(child=child)]


def _restrictions(child: Child) -> list[Snapshot]:
    restrictions = (ChildRestriction.objects.filter(child=child)
                    .select_related("created_by", "lift_requested_by", "lifted_by")
                    .prefetch_related("allowed_users", "allowed_teams", "reviews__reviewed_by",
                                      "lift_declines__requested_by", "lift_declines__declined_by"))
    snapshots = []
    for r in restrictions:
        parts = [lines(
            ("Why the record is restricted", r.get_reason_display()), ("More about why", r.reason_detail),
            ("Restricted on", r.created_at), ("Restricted by", person_name(r.created_by)),
            ("People who may see the record", ", ".join(person_name(u) for u in r.allowed_users.all())),
            ("Teams who may see the record", ", ".join(t.name for t in r.allowed_teams.all())),
            ("Next review due", r.review_due),
            ("Asked to lift the restriction on", r.lift_requested_at),
            ("Asked by", person_name(r.lift_requested_by)), ("Why it should be lifted", r.lift_reason),
            ("Lifted on", r.lifted_at), ("Lifted by", person_name(r.lifted_by)))]
        parts += [lines(("Reviewed on", review.reviewed_at), ("Reviewed by", person_name(review.reviewed_by)),
                        ("Review note", review.note), ("Next review due", review.next_review_due))
                  for review in r.reviews.all()]
        parts += [lines(("Asked to lift the restriction on", d.requested_at), ("Asked by", person_name(d.requested_by)),
                        ("Why it should be lifted", d.request_reason), ("Declined on", d.declined_at),
                        ("Declined by", person_name(d.declined_by)), ("Why it was declined", d.reason))
                  for d in r.lift_declines.all()]
        snapshots.append(Snapshot("restriction", r, f"Record restricted on {govuk_date(r.created_at)}", r.created_at,
                                  paragraphs(*parts)))
    return snapshots


def _emergency_access(child: Child) -> list[Snapshot]:
    grants = BreakGlassGrant.objects.filter(child=child).select_related("user", "reviewed_by")
    return [Snapshot("emergency_access", g, f"Emergency access on {govuk_date(g.granted_at)}", g.granted_at,
                     lines(("Who opened the record", person_name(g.user)), ("Why", g.reason), ("From", g.granted_at),
                           ("Until", g.expires_at), ("Reviewed on", g.reviewed_at),
                           ("Reviewed by", person_name(g.reviewed_by)),
                           ("Review outcome", g.get_review_outcome_display() if g.review_outcome else ""),
                           ("Review note", g.review_note)))
            for g in grants]


def chronology(actor, child: Child) -> list[ChronologyEvent]:
    """The needs and interventions added to the child's plan, on the day they were agreed."""
    return [ChronologyEvent(on_day(p.agreed_on, p.created_at), "Added to the child's plan",
                            f"{p.get_plan_display()}. Need: {p.need}. Intervention: {p.intervention}."
                            + (f" Agreed at {p.source}." if p.source else ""),
                            reverse("children:detail", args=[child.pk]), "plan", timed=False)
            for p in reversed(plan_entries_for_child(actor=actor, child=child))]


def snapshots(child: Child) -> list[Snapshot]:
    return [_child(child), *_plan_entries(child), *_restrictions(child), *_emergency_access(child)]


RECORDS_HELD = RecordsHeld(
    app="children", record_type=CHILD.code,
    models=("children.child", "children.childalias", "children.planentry", "children.childrestriction",
            "children.restrictionreview", "children.restrictionliftdecline", "children.breakglassgrant"),
    chronology=chronology, subject_access=snapshots,
    folded={"children.childalias": "children.child", "children.restrictionreview": "children.childrestriction",
            "children.restrictionliftdecline": "children.childrestriction"},
)
