"""What screening pages show: a completed screening in the words of the tool version it was made with."""

from csepathway.core.models import ConfigurationVersion

from .models import Outcome, Screening


def outcome_meaning(tool: ConfigurationVersion, outcome: str) -> str:
    for item in tool.data.get("outcomes", []):
        if item.get("code") == outcome:
            return item.get("meaning", "")
    return ""


def tool_name(tool: ConfigurationVersion) -> str:
    """What the pages call the tool: version 1 screened for sexual exploitation only."""
    return tool.data.get("name") or "CSE screening"


def _labels(tool: ConfigurationVersion, key: str) -> dict[str, str]:
    return {item["code"]: item["label"] for item in tool.data.get(key, [])}


def screening_summary(screening: Screening) -> dict:
    """What a completed screening says, in the words of the tool version it was made with."""
    tool = screening.tool
    significant, windows = _labels(tool, "significant_indicators"), _labels(tool, "time_windows")
    other, vulnerabilities = _labels(tool, "other_indicators"), _labels(tool, "vulnerabilities")
    criminal = _labels(tool, "criminal_indicators")
    outcome_label = _labels(tool, "outcomes").get(screening.outcome) or screening.get_outcome_display()
    return {
        "screening": screening,
        "tool_title": tool.title,
        "outcome": screening.outcome,
        "outcome_label": outcome_label,
        "outcome_meaning": outcome_meaning(tool, screening.outcome),
        "no_current_risk": screening.outcome == Outcome.NO_CURRENT_RISK,
        "significant": [f"{significant.get(code, code)} ({windows.get(window, window).lower()})"
                        for code, window in screening.significant_indicators.items()],
        # Only a version with criminal-exploitation indicators shows the row, "None" included.
        "has_criminal": "criminal_indicators" in tool.data,
        "criminal": [f"{criminal.get(code, code)} ({windows.get(window, window).lower()})"
                     for code, window in (screening.criminal_indicators or {}).items()],
        "other": [other.get(code, code) for code in screening.other_indicators],
        "vulnerabilities": [vulnerabilities.get(code, code) for code in screening.vulnerabilities],
    }
