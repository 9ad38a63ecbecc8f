"""Writes on screenings. A completed screening is never edited: screening again makes a new one, and
the earlier ones stay on the child's record."""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from csepathway.audit.services import record
from csepathway.children.access import editable_children
from csepathway.core.models import ConfigurationVersion

from .models import Outcome, Screening, ScreeningChallenge

# The time window of the tool that means "now or in the last six months".
RECENT = "recent"


class ScreeningInvalid(ValueError):
    """The answers do not fit the tool version they claim to be made with."""


def _codes(tool: ConfigurationVersion, key: str) -> set[str]:
    return {item["code"] for item in tool.data.get(key, [])}


def screening_answers_check(*, tool: ConfigurationVersion, significant_indicators: dict, other_indicators,
                            vulnerabilities, outcome: str, criminal_indicators: dict | None = None) -> None:
    """Refuse answers that name anything the tool version does not have."""
    if tool.kind != ConfigurationVersion.Kind.SCREENING_TOOL:
        raise ScreeningInvalid("This is not a version of the screening tool.")
    criminal_indicators = criminal_indicators or {}
    unknown = (set(significant_indicators) - _codes(tool, "significant_indicators")) \
        | (set(significant_indicators.values()) - _codes(tool, "time_windows")) \
        | (set(criminal_indicators) - _codes(tool, "criminal_indicators")) \
        | (set(criminal_indicators.values()) - _codes(tool, "time_windows")) \
        | (set(other_indicators) - _codes(tool, "other_indicators")) \
        | (set(vulnerabilities) - _codes(tool, "vulnerabilities")) \
        | ({outcome} - _codes(tool, "outcomes"))
    if unknown:
        raise ScreeningInvalid("The answers name items this version of the screening tool does not have: "
                               + ", ".join(sorted(unknown)))


def contradicts_itself(*, significant_indicators: dict, outcome: str, criminal_indicators: dict | None = None) -> bool:
    """No current risk, though a significant indicator was seen in the last six months. A criminal
    indicator counts as significant: it carries a time window just as they do (docs/adr/0063)."""
    windows = {*significant_indicators.values(), *(criminal_indicators or {}).values()}
    return outcome == Outcome.NO_CURRENT_RISK and RECENT in windows


def records_criminal_exploitation(screening: Screening | None) -> bool:
    """The screening records at least one criminal-exploitation indicator (tool version 2 on)."""
    return bool(screening is not None and screening.criminal_indicators)


@transaction.atomic
def screening_complete(*, actor, child, tool: ConfigurationVersion, reason: str, significant_indicators: dict,
                       other_indicators, vulnerabilities, outcome: str, no_risk_reason: str = "",
                       criminal_indicators: dict | None = None) -> Screening:
    """Record a completed screening of a child, made with `tool` (kept even if a newer version is
    published meanwhile). The actor must be able to see and work on the child's record. A screening
    that contradicts itself needs `no_risk_reason`, and waits for the Team Manager (a challenge)."""
    if not editable_children(actor).filter(pk=child.pk).exists():
        raise PermissionDenied
    significant_indicators, criminal_indicators = dict(significant_indicators), dict(criminal_indicators or {})
    other_indicators, vulnerabilities = list(other_indicators), list(vulnerabilities)
    screening_answers_check(tool=tool, significant_indicators=significant_indicators,
                            other_indicators=other_indicators, vulnerabilities=vulnerabilities, outcome=outcome,
                            criminal_indicators=criminal_indicators)
    contradiction = contradicts_itself(significant_indicators=significant_indicators, outcome=outcome,
                                       criminal_indicators=criminal_indicators)
    if contradiction and not no_risk_reason.strip():
        raise ScreeningInvalid("Say why there is no current risk when a significant indicator was seen in the last "
                               "6 months.")
    screening = Screening.objects.create(
        child=child, tool=tool, completed_by=actor, reason=reason, significant_indicators=significant_indicators,
        criminal_indicators=criminal_indicators,
        other_indicators=other_indicators, vulnerabilities=vulnerabilities, outcome=outcome,
        completed_at=timezone.now(),
    )
    record(actor=actor, verb="screening.completed", obj=screening, child_id=child.pk,
           changed_fields=["reason", "significant_indicators", "criminal_indicators", "other_indicators",
                           "vulnerabilities", "outcome"])
    if contradiction:
        challenge = ScreeningChallenge.objects.create(screening=screening, reason=no_risk_reason.strip())
        record(actor=actor, verb="screening.challenged", obj=challenge, child_id=child.pk, changed_fields=["reason"])
    return screening


def challenge_waiting(screening: Screening | None) -> ScreeningChallenge | None:
    """The screening's challenge while its outcome does not stand (waiting, or not agreed), else None."""
    challenge = getattr(screening, "challenge", None) if screening is not None else None
    if challenge is not None and challenge.state != ScreeningChallenge.State.AGREED:
        return challenge
    return None


def outcome_stands(screening: Screening | None) -> bool:
    return screening is not None and challenge_waiting(screening) is None
