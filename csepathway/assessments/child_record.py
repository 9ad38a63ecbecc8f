"""The risk assessments' part of what is held about a child (children/records_held.py): one
snapshot per section, so a reviewer can withhold one section and release the rest."""

from csepathway.children.records_held import RecordsHeld, Snapshot, lines
from csepathway.core.formatting import govuk_datetime

from .forms.sections import FORMS, section_form
from .models import Assessment
from .sections import SECTIONS

SECTION_TITLES = {section.code: section.title for section in SECTIONS}


def _flatten(value) -> str:
    if isinstance(value, dict):
        return "; ".join(f"{k.replace('_', ' ')}: {_flatten(v)}" for k, v in value.items() if v not in ("", None))
    if isinstance(value, list | tuple):
        return ", ".join(_flatten(v) for v in value)
    return str(value)


def _section_text(assessment, code: str, answers: dict) -> str:
    """The section as the practitioner wrote it: each question in words and each answer as its label
    ("Medium", "Yes", an indicator's name), never a stored code (issue 13, point 11)."""
    if code in FORMS:
        rows = section_form(code, assessment=assessment).summary_rows(answers)
        return "\n".join(f"{question}: {answer}" for question, answer in rows if answer)
    return "\n".join(f"{k.replace('_', ' ').capitalize()}: {_flatten(v)}"
                     for k, v in answers.items() if v not in ("", None, [], {}))


def snapshots(child) -> list[Snapshot]:
    result = []
    for assessment in Assessment.objects.filter(child=child).prefetch_related("sign_offs__decided_by",
                                                                               "sign_offs__requested_by"):
        for code, answers in assessment.sections.items():
            text = _section_text(assessment, code, answers or {})
            result.append(Snapshot("assessment_section", assessment,
                                   f"Assessment: {SECTION_TITLES.get(code, code)}", assessment.created_at,
                                   text or "Nothing recorded."))
        if not assessment.sections:
            # Started and never saved: still a record held, so the bundle says it exists.
            result.append(Snapshot("assessment_section", assessment, "Assessment: nothing recorded yet",
                                   assessment.created_at, f"Status: {assessment.get_status_display()}"))
        result += [_sign_off(assessment, sign_off) for sign_off in assessment.sign_offs.all()]
    return result


def _sign_off(assessment, sign_off) -> Snapshot:
    text = lines(("Asked by", sign_off.requested_by.display_name),
                 ("Answer", sign_off.get_state_display()),
                 ("Answered by", sign_off.decided_by.display_name if sign_off.decided_by else ""),
                 ("Answered", govuk_datetime(sign_off.decided_at) if sign_off.decided_at else ""),
                 ("Comments", sign_off.comment))
    return Snapshot("assessment_section", assessment, "Assessment: Team Manager's sign-off", sign_off.created_at, text)


# Kept with the rest of the pathway under the rule the episodes app registers.
RECORDS_HELD = RecordsHeld(app="assessments", record_type="pathway",
                           models=("assessments.assessment", "assessments.managersignoff"), subject_access=snapshots,
                           folded={"assessments.managersignoff": "assessments.assessment"})
