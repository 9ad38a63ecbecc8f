"""Writes on screenings. A completed screening is never edited: screening again makes a new one, and
the earlier ones stay on the child's record."""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from csepathway.audit.services import record
from csepathway.children.access import editable_children
from csepathway.core.models import ConfigurationVersion

from .models import Screening


class ScreeningInvalid(ValueError):
    """The answers do not fit the tool version they claim to be made with."""


def _codes(tool: ConfigurationVersion, key: str) -> set[str]:
    return {item["code"] for item in tool.data.get(key, [])}


def screening_answers_check(*, tool: ConfigurationVersion, significant_indicators: dict, other_indicators,
                            vulnerabilities, outcome: str) -> None:
    """Refuse answers that name anything the tool version does not have."""
    if tool.kind != ConfigurationVersion.Kind.SCREENING_TOOL:
        raise ScreeningInvalid("This is not a version of the screening tool.")
    unknown = (set(significant_indicators) - _codes(tool, "significant_indicators")) \
        | (set(significant_indicators.values()) - _codes(tool, "time_windows")) \
        | (set(other_indicators) - _codes(tool, "other_indicators")) \
        | (set(vulnerabilities) - _codes(tool, "vulnerabilities")) \
        | ({outcome} - _codes(tool, "outcomes"))
    if unknown:
        raise ScreeningInvalid("The answers name items this version of the screening tool does not have: "
                               + ", ".join(sorted(unknown)))


@transaction.atomic
def screening_complete(*, actor, child, tool: ConfigurationVersion, reason: str, significant_indicators: dict,
                       other_indicators, vulnerabilities, outcome: str) -> Screening:
    """Record a completed screening of a child, made with `tool` (kept even if a newer version is
    published meanwhile). The actor must be able to see and work on the child's record."""
    if not editable_children(actor).filter(pk=child.pk).exists():
        raise PermissionDenied
    significant_indicators = dict(significant_indicators)
    other_indicators, vulnerabilities = list(other_indicators), list(vulnerabilities)
    screening_answers_check(tool=tool, significant_indicators=significant_indicators,
                            other_indicators=other_indicators, vulnerabilities=vulnerabilities, outcome=outcome)
    screening = Screening.objects.create(
        child=child, tool=tool, completed_by=actor, reason=reason, significant_indicators=significant_indicators,
        other_indicators=other_indicators, vulnerabilities=vulnerabilities, outcome=outcome,
        completed_at=timezone.now(),
    )
    record(actor=actor, verb="screening.completed", obj=screening, child_id=child.pk,
           changed_fields=["reason", "significant_indicators", "other_indicators", "vulnerabilities", "outcome"])
    return screening
