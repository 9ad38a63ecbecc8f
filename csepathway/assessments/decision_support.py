"""What an assessment tells the guardrails: the indicators from its screening (with the time windows
and vulnerabilities the practitioner confirmed in the assessment), its strengths, the child's age and
learning disability, and the configuration versions the assessment was made with."""

import dataclasses
import datetime as dt

from django.utils import timezone

from csepathway.core.configuration import configuration_current

from . import guardrails
from .models import Assessment

RECENT = "recent"
EARLIER = "earlier"


@dataclasses.dataclass(frozen=True)
class ScreenedIndicator:
    code: str
    label: str
    significant: bool
    window: str  # the window recorded at screening ("" for other indicators)


def screening_catalogue(assessment: Assessment) -> dict:
    """The screening tool version the assessment's screening was made with (or the current one)."""
    if assessment.screening_id:
        return assessment.screening.tool.data
    try:
        return configuration_current("screening_tool").data
    except IndexError:
        return {}


def time_windows(assessment: Assessment) -> list[dict]:
    return screening_catalogue(assessment).get("time_windows") or [
        {"code": RECENT, "label": "Now or in the last 6 months"},
        {"code": EARLIER, "label": "Earlier than 6 months ago"},
    ]


def screened_indicators(assessment: Assessment) -> list[ScreenedIndicator]:
    """Every indicator ticked in the screening, significant ones first, in catalogue order."""
    screening = assessment.screening
    if screening is None:
        return []
    catalogue = screening_catalogue(assessment)
    # Criminal-exploitation indicators (tool version 2 on) carry a time window, so they weigh as
    # significant ones do (docs/adr/0063); their codes never repeat a significant indicator's.
    significant = {**(screening.significant_indicators or {}), **(screening.criminal_indicators or {})}
    others = list(screening.other_indicators or [])
    keys = ("significant_indicators", "criminal_indicators", "other_indicators")
    labels = {item["code"]: item["label"] for key in keys for item in catalogue.get(key, [])}
    order = [item["code"] for key in keys for item in catalogue.get(key, [])]
    position = {code: index for index, code in enumerate(order)}
    items = [ScreenedIndicator(code, labels.get(code, code), True, str(window or ""))
             for code, window in significant.items()]
    items.sort(key=lambda item: position.get(item.code, len(order)))
    rest = [ScreenedIndicator(code, labels.get(code, code), False, "") for code in others if code not in significant]
    rest.sort(key=lambda item: position.get(item.code, len(order)))
    return items + rest


def vulnerability_codes(assessment: Assessment) -> list[str]:
    """The vulnerabilities confirmed in the assessment, or those ticked at screening until then."""
    answers = assessment.sections.get("vulnerabilities")
    if answers is not None and "vulnerabilities" in answers:
        return list(answers.get("vulnerabilities") or [])
    return list(assessment.screening.vulnerabilities or []) if assessment.screening_id else []


def indicator_summary(assessment: Assessment) -> guardrails.IndicatorSummary:
    answers = assessment.sections.get("indicators") or {}
    recent = earlier = other = 0
    for indicator in screened_indicators(assessment):
        if not indicator.significant:
            other += 1
            continue
        window = answers.get(f"{indicator.code}-window") or indicator.window or RECENT
        if window == EARLIER:
            earlier += 1
        else:
            recent += 1
    strengths = (assessment.sections.get("strengths") or {}).get("strengths") or []
    return guardrails.IndicatorSummary(significant_recent=recent, significant_earlier=earlier, other=other,
                                       vulnerabilities=len(vulnerability_codes(assessment)),
                                       strengths=len(strengths))


def child_facts(assessment: Assessment, today: dt.date | None = None) -> guardrails.ChildFacts:
    child = assessment.child
    today = today or timezone.localdate()
    return guardrails.ChildFacts(age=guardrails.age_on(child.date_of_birth, today),
                                 learning_disability=bool(child.has_learning_disability))


def risk_levels(assessment: Assessment) -> list[dict]:
    """The levels of the risk-level version this assessment was made with, lowest first."""
    return list(assessment.risk_levels.data.get("levels", []))


def level_codes(assessment: Assessment) -> list[str]:
    return [level["code"] for level in risk_levels(assessment)]


def level_label(assessment: Assessment, code: str) -> str:
    for level in risk_levels(assessment):
        if level["code"] == code:
            return level.get("label", code)
    return code


def guardrail_rules(assessment: Assessment) -> list[dict]:
    return list(assessment.configuration.data.get("guardrails", []))


def findings(assessment: Assessment, *, level: str, rationale: str, lower_reason: str,
             today: dt.date | None = None) -> list[guardrails.Finding]:
    return guardrails.evaluate(level=level, rationale=rationale, lower_reason=lower_reason,
                               child=child_facts(assessment, today), summary=indicator_summary(assessment),
                               rules=guardrail_rules(assessment), levels=level_codes(assessment))


def suggested_level(assessment: Assessment) -> str | None:
    return guardrails.suggested_level(indicator_summary(assessment), level_codes(assessment))
