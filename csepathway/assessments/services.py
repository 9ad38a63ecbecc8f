"""Writes on risk assessments: drafts saved section by section, the proposed level with its
guardrails, and the status changes the episode asks for."""

from django.core.exceptions import PermissionDenied
from django.db import transaction

from csepathway.audit.services import record
from csepathway.core.configuration import configuration_current
from csepathway.core.services import versioned_save

from .models import Assessment


@transaction.atomic
def assessment_start(*, actor, child, screening=None) -> Assessment:
    assessment = Assessment.objects.create(
        child=child, screening=screening, created_by=actor,
        configuration=configuration_current("assessment"), risk_levels=configuration_current("risk_levels"),
    )
    record(actor=actor, verb="assessment.started", obj=assessment, child_id=child.pk)
    return assessment


def _editable(assessment: Assessment) -> None:
    if assessment.status == Assessment.Status.SUBMITTED:
        raise PermissionDenied("A submitted assessment cannot be changed until it is returned.")


@transaction.atomic
def assessment_section_save(*, actor, assessment: Assessment, section: str, answers: dict, expected_version: int,
                            complete: bool) -> Assessment:
    """Save one section's answers (a draft, or marked complete), refusing a stale save."""
    _editable(assessment)
    assessment.sections = {**assessment.sections, section: answers}
    completed = [s for s in assessment.completed_sections if s != section] + ([section] if complete else [])
    assessment.completed_sections = completed
    changed = ["sections", "completed_sections"]
    if section == "risk_level":
        assessment.proposed_risk_level = answers.get("proposed_risk_level", "")
        assessment.risk_rationale = answers.get("risk_rationale", "")
        changed += ["proposed_risk_level", "risk_rationale"]
    if section == "completion":
        assessment.completed_with_child = answers.get("completed_with_child")
        assessment.completed_with_parents = answers.get("completed_with_parents")
        changed += ["completed_with_child", "completed_with_parents"]
    versioned_save(instance=assessment, expected_version=expected_version, changed=changed)
    record(actor=actor, verb="assessment.section_saved", obj=assessment, child_id=assessment.child_id,
           changed_fields=[f"sections.{section}"])
    return assessment


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
