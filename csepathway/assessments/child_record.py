"""The risk assessments' part of what is held about a child (children/records_held.py): one
snapshot per section, so a reviewer can withhold one section and release the rest."""

from csepathway.children.records_held import RecordsHeld, Snapshot

from .models import Assessment
from .sections import SECTIONS

SECTION_TITLES = {section.code: section.title for section in SECTIONS}


def _flatten(value) -> str:
    if isinstance(value, dict):
        return "; ".join(f"{k.replace('_', ' ')}: {_flatten(v)}" for k, v in value.items() if v not in ("", None))
    if isinstance(value, list | tuple):
        return ", ".join(_flatten(v) for v in value)
    return str(value)


def snapshots(child) -> list[Snapshot]:
    result = []
    for assessment in Assessment.objects.filter(child=child):
        for code, answers in assessment.sections.items():
            text = "\n".join(f"{k.replace('_', ' ').capitalize()}: {_flatten(v)}"
                             for k, v in (answers or {}).items() if v not in ("", None, [], {}))
            result.append(Snapshot("assessment_section", assessment,
                                   f"Assessment: {SECTION_TITLES.get(code, code)}", assessment.created_at,
                                   text or "Nothing recorded."))
        if not assessment.sections:
            # Started and never saved: still a record held, so the bundle says it exists.
            result.append(Snapshot("assessment_section", assessment, "Assessment: nothing recorded yet",
                                   assessment.created_at, f"Status: {assessment.get_status_display()}"))
    return result


# Kept with the rest of the pathway under the rule the episodes app registers.
RECORDS_HELD = RecordsHeld(app="assessments", record_type="pathway", models=("assessments.assessment",),
                           subject_access=snapshots)
