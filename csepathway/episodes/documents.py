"""The episode's records people take away, as PDFs: the risk assessment and the CSE team's decision,
for the LCS file or a strategy meeting. Each names the child by their references (the LCS or EHM
reference the episode came through, and the child's own), never by the service's record ids."""

from django.utils import timezone

from csepathway.assessments.forms import section_form
from csepathway.assessments.sections import SECTIONS
from csepathway.core.formatting import govuk_date, govuk_datetime
from csepathway.core.presenters import person_name

ASSESSMENT_TEMPLATE = "episodes/assessment_pdf.html"
DECISION_TEMPLATE = "episodes/decision_pdf.html"


def reference_rows(episode) -> list[tuple[str, str]]:
    child = episode.child
    rows = [("Child", child.full_name), ("Date of birth", govuk_date(child.date_of_birth))]
    rows += [(label, value) for label, value in (("LCS reference", child.lcs_reference),
                                                  ("EHM reference", child.ehm_reference)) if value]
    if episode.source_reference:
        rows.append((f"Reference in {episode.get_source_display()}", episode.source_reference))
    rows += [("Episode started", govuk_date(episode.created_at)), ("Practitioner", person_name(episode.practitioner))]
    return rows


def _prepared(actor) -> str:
    return f"{govuk_datetime(timezone.now())} by {person_name(actor)}, from CSE Pathway"


def assessment_context(episode, actor) -> dict:
    assessment = episode.assessment
    sections = []
    for section in SECTIONS:
        form = section_form(section.code, assessment=assessment, actor=actor)
        sections.append({"title": section.title, "rows": form.summary_rows()})
    return {
        "reference_rows": reference_rows(episode), "prepared": _prepared(actor),
        "status": assessment.get_status_display(),
        "proposed": (assessment.get_proposed_risk_level_display() if assessment.proposed_risk_level
                     else "Not yet proposed"),
        "rationale": assessment.risk_rationale, "sections": sections,
    }


def decision_context(episode, actor, reviews) -> dict:
    return {
        "reference_rows": reference_rows(episode), "prepared": _prepared(actor),
        "decided": govuk_datetime(episode.decided_at), "state": episode.get_state_display(),
        "risk_level": episode.get_risk_level_display() if episode.risk_level else "Not set",
        "rationale": episode.decision_rationale, "next_steps": episode.next_steps,
        "decided_by": ", ".join(person_name(user) for user in episode.decided_by.all()),
        "reviews": [{"who": f"{person_name(r.reviewer)} (round {r.round})", "level": r.get_risk_level_display(),
                     "mase": "Required" if r.mase_required else "Not required", "rationale": r.rationale,
                     "next_steps": r.next_steps, "at": govuk_datetime(r.created_at)} for r in reviews],
    }


def filename(kind: str, episode) -> str:
    # No child's name in a file name: it shows in download lists and mail attachments.
    return f"{kind}-{timezone.localtime(episode.created_at):%Y-%m-%d}.pdf"
