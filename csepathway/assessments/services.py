"""Writes on risk assessments: drafts saved section by section, the proposed level with its
guardrails, and the status changes the episode asks for."""

import datetime as dt

from django.core.exceptions import PermissionDenied
from django.db import transaction

from csepathway.audit.services import record
from csepathway.core.configuration import configuration_current
from csepathway.core.refusals import Refused
from csepathway.core.services import versioned_save

from . import decision_support, guardrails
from .models import Assessment
from .sections import SECTION_CODES

RISK_LEVEL = "risk_level"
COMPLETION = "completion"
LOWER_REASON_HEADING = "Why the level is lower than the indicators suggest:"


class GuardrailRefused(Refused):
    """The proposed level breaks a guardrail rule (or has no rationale). Carries the blocking
    findings, each naming its rule and the field it belongs beside: several sentences, each for its
    own field, where a plain Refused has one."""

    def __init__(self, findings: list[guardrails.Finding]):
        super().__init__(" ".join(finding.text for finding in findings))
        self.findings = findings


@transaction.atomic
def assessment_start(*, actor, child, screening=None) -> Assessment:
    assessment = Assessment.objects.create(
        child=child, screening=screening, created_by=actor,
        configuration=configuration_current("assessment"), risk_levels=configuration_current("risk_levels"),
    )
    record(actor=actor, verb="assessment.started", obj=assessment, child_id=child.pk)
    return assessment


def assessment_editable(assessment: Assessment) -> bool:
    return assessment.status != Assessment.Status.SUBMITTED


def _editable(assessment: Assessment) -> None:
    if not assessment_editable(assessment):
        raise PermissionDenied("A submitted assessment cannot be changed until it is returned.")


def _yes_no(value) -> bool | None:
    if isinstance(value, bool) or value is None:
        return value
    return {"yes": True, "no": False}.get(str(value))


def _risk_level_values(assessment: Assessment, answers: dict, complete: bool,
                       today: dt.date | None) -> tuple[str, str]:
    """The proposed level and the rationale reviewers see. A level is proposed only when the section
    is completed and passes every blocking guardrail; a draft proposes nothing."""
    level = str(answers.get(guardrails.LEVEL_FIELD) or "")
    rationale = str(answers.get(guardrails.RATIONALE_FIELD) or "").strip()
    lower_reason = str(answers.get(guardrails.LOWER_REASON_FIELD) or "").strip()
    if level and level not in decision_support.level_codes(assessment):
        raise ValueError(f"Unknown risk level {level!r} for this assessment's risk-level version.")
    if not complete:
        return "", ""
    found = decision_support.findings(assessment, level=level, rationale=rationale, lower_reason=lower_reason,
                                      today=today)
    refused = guardrails.blocking(found)
    if not level:
        refused.insert(0, guardrails.Finding(rule="level_required", name="Risk level required",
                                             message="Select the risk level you propose.",
                                             field=guardrails.LEVEL_FIELD, blocking=True))
    if refused:
        raise GuardrailRefused(refused)
    if lower_reason and any(f.rule == guardrails.LOWER_THAN_INDICATORS for f in found):
        rationale = f"{rationale}\n\n{LOWER_REASON_HEADING}\n{lower_reason}"
    return level, rationale


def _recheck_proposed_level(assessment: Assessment, today: dt.date | None) -> bool:
    """After another section changes the indicators, vulnerabilities or strengths, a proposed level
    that now breaks a blocking guardrail is withdrawn (the section goes back to in progress)."""
    if RISK_LEVEL not in assessment.completed_sections or not assessment.proposed_risk_level:
        return False
    answers = assessment.sections.get(RISK_LEVEL) or {}
    found = decision_support.findings(
        assessment, level=assessment.proposed_risk_level,
        rationale=str(answers.get(guardrails.RATIONALE_FIELD) or assessment.risk_rationale),
        lower_reason=str(answers.get(guardrails.LOWER_REASON_FIELD) or ""), today=today)
    if not guardrails.blocking(found):
        return False
    assessment.completed_sections = [s for s in assessment.completed_sections if s != RISK_LEVEL]
    assessment.proposed_risk_level = ""
    assessment.risk_rationale = ""
    return True


@transaction.atomic
def assessment_section_save(*, actor, assessment: Assessment, section: str, answers: dict, expected_version: int,
                            complete: bool, today: dt.date | None = None) -> Assessment:
    """Save one section's answers (a draft, or marked complete), refusing a stale save (StaleEdit)
    and, on the risk-level section, a level that breaks a guardrail (GuardrailRefused)."""
    _editable(assessment)
    if section not in SECTION_CODES:
        raise ValueError(f"Unknown assessment section {section!r}.")
    saved = {name: getattr(assessment, name) for name in _SAVED_FIELDS}
    try:
        return _section_save(actor=actor, assessment=assessment, section=section, answers=dict(answers),
                             expected_version=expected_version, complete=complete, today=today)
    except BaseException:
        # Nothing was written; leave the caller's object as it was too.
        for name, value in saved.items():
            setattr(assessment, name, value)
        raise


_SAVED_FIELDS = ("sections", "completed_sections", "proposed_risk_level", "risk_rationale", "completed_with_child",
                 "completed_with_parents", "version", "updated_at")


def _section_save(*, actor, assessment: Assessment, section: str, answers: dict, expected_version: int,
                  complete: bool, today: dt.date | None) -> Assessment:
    was_complete = section in assessment.completed_sections
    assessment.sections = {**assessment.sections, section: answers}
    completed = [s for s in assessment.completed_sections if s != section] + ([section] if complete else [])
    assessment.completed_sections = completed
    changed = ["sections", "completed_sections"]
    previous = assessment.proposed_risk_level
    if section == RISK_LEVEL:
        assessment.proposed_risk_level, assessment.risk_rationale = _risk_level_values(assessment, answers,
                                                                                       complete, today)
        changed += ["proposed_risk_level", "risk_rationale"]
    elif _recheck_proposed_level(assessment, today):
        changed += ["proposed_risk_level", "risk_rationale"]
    if section == COMPLETION:
        assessment.completed_with_child = _yes_no(answers.get("completed_with_child"))
        assessment.completed_with_parents = _yes_no(answers.get("completed_with_parents"))
        changed += ["completed_with_child", "completed_with_parents"]
    versioned_save(instance=assessment, expected_version=expected_version, changed=changed)
    audited = [f"sections.{section}"]
    if was_complete != complete:
        audited.append("completed_sections")
    if previous != assessment.proposed_risk_level:
        audited.append("proposed_risk_level")
    record(actor=actor, verb="assessment.section_saved", obj=assessment, child_id=assessment.child_id,
           changed_fields=audited)
    return assessment


def assessment_submission_problem(assessment: Assessment, today: dt.date | None = None) -> str | None:
    """Why this assessment cannot go to the CSE team now, or None. The child's record may have changed
    since the level was chosen (a learning disability recorded, a birthday), so the guardrails are
    checked again at the moment of submission."""
    if RISK_LEVEL not in assessment.completed_sections or not assessment.proposed_risk_level:
        return "Complete the risk assessment, including the proposed risk level, before you submit."
    answers = assessment.sections.get(RISK_LEVEL) or {}
    found = guardrails.blocking(decision_support.findings(
        assessment, level=assessment.proposed_risk_level,
        rationale=str(answers.get(guardrails.RATIONALE_FIELD) or assessment.risk_rationale),
        lower_reason=str(answers.get(guardrails.LOWER_REASON_FIELD) or ""), today=today))
    if found:
        return f"{found[0].text} Change the proposed risk level in the assessment before you submit."
    return None


def assessment_mark_submitted(*, actor, assessment: Assessment) -> None:
    assessment.status = Assessment.Status.SUBMITTED
    assessment.version += 1
    assessment.save(update_fields=["status", "version", "updated_at"])
    record(actor=actor, verb="assessment.submitted", obj=assessment, child_id=assessment.child_id)


def assessment_mark_returned(*, actor, assessment: Assessment) -> None:
    assessment.status = Assessment.Status.RETURNED
    assessment.version += 1
    assessment.save(update_fields=["status", "version", "updated_at"])
    record(actor=actor, verb="assessment.returned", obj=assessment, child_id=assessment.child_id)
