"""Decision support and the guardrails on the proposed risk level: pure functions, no database.

The practitioner chooses the level by professional judgement. This module never sets it: it
summarises the indicators, shows what the older SERAF scoring would have suggested (for information
only), and checks the local guardrail rules from the assessment configuration (each can be switched
off per deployment with its `enabled` flag). The service refuses a level that breaks a blocking rule;
the pages show the same findings beside the field.
"""

import dataclasses
import datetime as dt
from collections.abc import Iterable, Sequence

# Field names on the risk-level section (also the keys of its stored answers).
LEVEL_FIELD = "proposed_risk_level"
RATIONALE_FIELD = "risk_rationale"
LOWER_REASON_FIELD = "lower_reason"

RATIONALE_REQUIRED = "rationale_required"
UNDER_13_NOT_LOW = "under_13_not_low"
LEARNING_DISABILITY_NOT_LOW = "learning_disability_not_low"
UNDER_13_SIGNIFICANT_REFER = "under_13_significant_refer"
LOWER_THAN_INDICATORS = "lower_than_indicators_rationale"

# The name each rule is shown with; a configuration entry may carry its own "name".
RULE_NAMES = {
    RATIONALE_REQUIRED: "Rationale required",
    UNDER_13_NOT_LOW: "Under 13: not Low",
    LEARNING_DISABILITY_NOT_LOW: "Learning disability: not Low",
    UNDER_13_SIGNIFICANT_REFER: "Under 13: refer to children's social care",
    LOWER_THAN_INDICATORS: "Lower than the indicators suggest",
}


@dataclasses.dataclass(frozen=True)
class IndicatorSummary:
    significant_recent: int = 0
    significant_earlier: int = 0
    other: int = 0
    vulnerabilities: int = 0
    strengths: int = 0

    @property
    def significant(self) -> int:
        return self.significant_recent + self.significant_earlier

    @property
    def indicators_present(self) -> bool:
        """The child's behaviour suggests risk: at least one indicator, significant or other."""
        return self.significant + self.other > 0


@dataclasses.dataclass(frozen=True)
class ChildFacts:
    age: int
    learning_disability: bool


@dataclasses.dataclass(frozen=True)
class Finding:
    rule: str
    name: str
    message: str
    field: str
    blocking: bool

    @property
    def text(self) -> str:
        """The message as shown beside the field: it names the rule."""
        return f"{self.message} (Rule: {self.name}.)"


@dataclasses.dataclass(frozen=True)
class SerafBand:
    lowest: int
    highest: int | None
    label: str
    level: str | None  # the level of the three-level scale it corresponds to, if any


# Barnardo's SERAF (REFERENCE.md): totals 0-5, 6-10, 11-15, 16+ in four categories. Categories 2 to 4
# (mild, moderate, significant) correspond to the three levels; category 1 suggests no level.
SERAF_BANDS: tuple[SerafBand, ...] = (
    SerafBand(0, 5, "Category 1: not at risk", None),
    SerafBand(6, 10, "Category 2: mild risk", "low"),
    SerafBand(11, 15, "Category 3: moderate risk", "medium"),
    SerafBand(16, None, "Category 4: significant risk", "high"),
)


def seraf_score(summary: IndicatorSummary) -> int:
    """1 per vulnerability, 1 per other (moderate) indicator, 5 per significant indicator now or in the
    last 6 months, 1 per significant indicator earlier than that."""
    return summary.vulnerabilities + summary.other + 5 * summary.significant_recent + summary.significant_earlier


def seraf_band(score: int) -> SerafBand:
    for band in SERAF_BANDS:
        if score >= band.lowest and (band.highest is None or score <= band.highest):
            return band
    return SERAF_BANDS[0]


def suggested_level(summary: IndicatorSummary, levels: Sequence[str]) -> str | None:
    """The level the indicators suggest (the SERAF band's level), if it is one of `levels`."""
    level = seraf_band(seraf_score(summary)).level
    return level if level in levels else None


def age_on(date_of_birth: dt.date, today: dt.date) -> int:
    return today.year - date_of_birth.year - ((today.month, today.day) < (date_of_birth.month, date_of_birth.day))


def _rank(level: str, levels: Sequence[str]) -> int:
    return list(levels).index(level) if level in levels else -1


def enabled_rules(rules: Iterable[dict]) -> dict[str, dict]:
    """The configured rules that are switched on, by code."""
    return {rule["code"]: rule for rule in rules if rule.get("enabled", True) and rule.get("code")}


def _finding(code: str, rule: dict | None, message: str, field: str, blocking: bool) -> Finding:
    rule = rule or {}
    return Finding(rule=code, name=rule.get("name") or RULE_NAMES.get(code, code),
                   message=rule.get("message") or message, field=field, blocking=blocking)


def evaluate(*, level: str, rationale: str, lower_reason: str, child: ChildFacts, summary: IndicatorSummary,
             rules: Iterable[dict], levels: Sequence[str]) -> list[Finding]:
    """Every guardrail finding for a proposed level. Blocking findings refuse the level; the others
    are warnings the practitioner and the reviewers see. `levels` runs from lowest to highest."""
    on = enabled_rules(rules)
    findings: list[Finding] = []
    lowest = levels[0] if levels else ""
    is_lowest = bool(level) and level == lowest

    if not (rationale or "").strip():
        findings.append(_finding(RATIONALE_REQUIRED, None, "Enter the rationale for the risk level you propose.",
                                 RATIONALE_FIELD, True))
    if UNDER_13_NOT_LOW in on and is_lowest and child.age < 13 and summary.indicators_present:
        findings.append(_finding(UNDER_13_NOT_LOW, on[UNDER_13_NOT_LOW],
                                 "A child under 13 whose behaviour suggests risk cannot be rated Low.",
                                 LEVEL_FIELD, True))
    if LEARNING_DISABILITY_NOT_LOW in on and is_lowest and child.learning_disability and summary.indicators_present:
        findings.append(_finding(LEARNING_DISABILITY_NOT_LOW, on[LEARNING_DISABILITY_NOT_LOW],
                                 "A child with a learning disability whose behaviour suggests risk cannot be "
                                 "rated Low.", LEVEL_FIELD, True))
    if UNDER_13_SIGNIFICANT_REFER in on and child.age < 13 and summary.significant > 0:
        findings.append(_finding(UNDER_13_SIGNIFICANT_REFER, on[UNDER_13_SIGNIFICANT_REFER],
                                 "A child under 13 with any significant indicator must be referred to children's "
                                 "social care.", LEVEL_FIELD, False))
    suggested = suggested_level(summary, levels)
    lower = level in levels and suggested is not None and _rank(level, levels) < _rank(suggested, levels)
    if LOWER_THAN_INDICATORS in on and lower:
        findings.append(_finding(LOWER_THAN_INDICATORS, on[LOWER_THAN_INDICATORS],
                                 "The level chosen is lower than the indicators suggest, so explain why.",
                                 LOWER_REASON_FIELD, not (lower_reason or "").strip()))
    return findings


def blocking(findings: Iterable[Finding]) -> list[Finding]:
    return [finding for finding in findings if finding.blocking]
