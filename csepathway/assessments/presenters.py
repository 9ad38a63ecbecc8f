"""What the assessment pages show: the task list, the decision-support panel, the read-only summary
and the side-by-side comparison when two people saved at once. Templates hold no logic."""

import datetime as dt
from collections.abc import Callable

from csepathway.children.presenters import display_values
from csepathway.core.formatting import preserve_lines

from . import decision_support, guardrails
from .forms import section_form
from .models import Assessment
from .sections import GROUPS, SECTIONS

COMPLETED, IN_PROGRESS, NOT_STARTED = "completed", "in_progress", "not_started"
STATUS_LABELS = {COMPLETED: "Completed", IN_PROGRESS: "In progress", NOT_STARTED: "Not yet started"}
_STATUS_TAGS = {IN_PROGRESS: "govuk-tag--light-blue", NOT_STARTED: "govuk-tag--blue"}


def section_status(assessment: Assessment, code: str) -> str:
    if code in assessment.completed_sections:
        return COMPLETED
    return IN_PROGRESS if code in assessment.sections else NOT_STARTED


def _status(status: str) -> dict:
    if status == COMPLETED:
        return {"text": STATUS_LABELS[status]}
    return {"tag": {"text": STATUS_LABELS[status], "classes": _STATUS_TAGS[status]}}


def task_groups(assessment: Assessment, href: Callable[[str], str | None]) -> list[dict]:
    """The GOV.UK task list, one list per group of sections. `href(code)` is None when read-only."""
    groups = []
    for group in GROUPS:
        items = []
        for section in SECTIONS:
            if section.group != group:
                continue
            item = {"title": {"text": section.title}, "status": _status(section_status(assessment, section.code))}
            link = href(section.code)
            if link:
                item["href"] = link
            if section.hint:
                item["hint"] = {"text": section.hint}
            items.append(item)
        groups.append({"heading": group, "tasks": items, "id": "assessment-" + group.lower().replace(" ", "-")})
    return groups


def progress(assessment: Assessment) -> tuple[int, int]:
    done = sum(1 for section in SECTIONS if section.code in assessment.completed_sections)
    return done, len(SECTIONS)


def _plural(count: int, word: str) -> str:
    return f"{count} {word}" if count == 1 else f"{count} {word}s"


def decision_support_panel(assessment: Assessment, today: dt.date | None = None) -> dict:
    """The indicator summary, the old SERAF scoring for information only, the level the indicators
    suggest, and the guardrails that apply to this child (each named, with its message)."""
    summary = decision_support.indicator_summary(assessment)
    codes = decision_support.level_codes(assessment)
    score = guardrails.seraf_score(summary)
    band = guardrails.seraf_band(score)
    suggested = guardrails.suggested_level(summary, codes)
    child = decision_support.child_facts(assessment, today)
    # What would apply if the lowest level were chosen: every guardrail that constrains this child.
    applying = guardrails.evaluate(level=codes[0] if codes else "", rationale="-", lower_reason="", child=child,
                                   summary=summary, rules=decision_support.guardrail_rules(assessment), levels=codes)
    rules = []
    for finding in applying:
        message = finding.message
        if finding.rule == guardrails.LOWER_THAN_INDICATORS and suggested:
            label = decision_support.level_label(assessment, suggested)
            message = f"If you propose a level lower than {label}, explain why. Reviewers will see your reason."
        rules.append({"name": finding.name, "message": message, "warning": finding.rule
                      == guardrails.UNDER_13_SIGNIFICANT_REFER})
    return {
        "counts": [
            ("Significant indicators now or in the last 6 months", summary.significant_recent),
            ("Significant indicators earlier than 6 months ago", summary.significant_earlier),
            ("Other indicators", summary.other),
            ("Vulnerabilities", summary.vulnerabilities),
            ("Strengths and protective factors", summary.strengths),
        ],
        "age": child.age,
        "learning_disability": child.learning_disability,
        "seraf_score": score,
        "seraf_band": band.label,
        "seraf_points": _plural(score, "point"),
        "suggested": decision_support.level_label(assessment, suggested) if suggested else "",
        "rules": rules,
        "referral_required": any(r["warning"] for r in rules),
    }


def child_rows(assessment: Assessment, viewer) -> list[dict]:
    """The child's details from the child record, for the first section."""
    return [{"key": {"text": key}, "value": {"text": value}}
            for key, value in display_values(assessment.child, viewer=viewer).items()]


def _value(text: str) -> dict:
    return {"html": preserve_lines(text or "Not answered")}


def assessment_summary(assessment: Assessment, viewer, change_url=None) -> list[dict]:
    """Every section's answers, read-only, as GOV.UK summary cards; with `change_url` (section code to
    address) each card links to its section, as a check-your-answers page does."""
    cards = []
    for section in SECTIONS:
        form = section_form(section.code, assessment=assessment, actor=viewer)
        rows = [{"key": {"text": key}, "value": _value(value)} for key, value in form.summary_rows()]
        if section.code == "risk_level" and assessment.risk_rationale not in dict(form.summary_rows()).values():
            # Only where it differs from the typed rationale (a "lower than the indicators" reason added).
            rows.append({"key": {"text": "Rationale reviewers see"}, "value": _value(assessment.risk_rationale)})
        card = {"title": {"text": section.title}}
        if change_url is not None:
            card["actions"] = {"items": [{"href": change_url(section.code), "text": "Change",
                                          "visuallyHiddenText": section.title.lower()}]}
        cards.append({"card": card, "rows": rows})
    return cards


def conflict_rows(form, mine: dict, theirs: dict) -> list[list[dict]]:
    """Side by side: what the user typed and what is saved now, differences first."""
    mine_rows = dict(form.summary_rows(mine))
    theirs_rows = dict(form.summary_rows(theirs))
    keys = list(dict.fromkeys([*mine_rows, *theirs_rows]))
    rows = []
    for key in keys:
        a, b = mine_rows.get(key, ""), theirs_rows.get(key, "")
        differs = a != b
        css = "govuk-!-font-weight-bold" if differs else ""
        rows.append((not differs, [{"text": key}, {"html": preserve_lines(a or "Not answered"), "classes": css},
                                   {"html": preserve_lines(b or "Not answered"), "classes": css}]))
    return [row for _, row in sorted(rows, key=lambda r: r[0])]
