"""What the children's pages show, worked out here so templates hold no logic."""

import datetime as dt

from django.urls import reverse
from markupsafe import escape

from csepathway.core.formatting import govuk_date, preserve_lines
from csepathway.core.presenters import person_name

from .access import may_see_protected_address
from .models import Child, Plan, PlanEntry


def age_on(date_of_birth: dt.date, today: dt.date | None = None) -> int:
    today = today or dt.date.today()
    return today.year - date_of_birth.year - ((today.month, today.day) < (date_of_birth.month, date_of_birth.day))


def _yes_no(value: bool) -> str:
    return "Yes" if value else "No"


def search_rows(children: list[Child]) -> list[list[dict]]:
    rows = []
    for child in children:
        link = reverse("children:detail", args=[child.pk])
        aliases = ", ".join(a.name for a in child.aliases.all())
        rows.append([
            {"html": f'<a class="govuk-link" href="{link}">{escape(child.full_name)}</a>'},
            {"text": aliases or "None recorded"},
            {"text": f"{govuk_date(child.date_of_birth)} (age {age_on(child.date_of_birth)})"},
            {"text": " / ".join(r for r in (child.lcs_reference, child.ehm_reference) if r) or "None"},
            {"text": child.allocated_team.name if child.allocated_team else "Not allocated"},
        ])
    return rows


def display_values(child: Child, alias_names: list[str] | None = None, viewer=None) -> dict[str, str]:
    """Each field as a person reads it; shared by the record page and the edit-conflict page.
    A protected address shows only to the allocated worker and team."""
    aliases = alias_names if alias_names is not None else [a.name for a in child.aliases.all()]
    plan = child.get_plan_display()
    if child.plan == "lac" and child.lac_legal_status:
        plan = f"{plan}: {child.get_lac_legal_status_display()}"
    return {
        "Name": child.full_name,
        "Other names, aliases and nicknames": ", ".join(aliases) or "None recorded",
        "Date of birth": f"{govuk_date(child.date_of_birth)} (age {age_on(child.date_of_birth)})"
        if child.date_of_birth else "",
        "Gender": child.get_gender_display(),
        "Ethnicity": child.ethnicity or "Not recorded",
        "First language": child.first_language or "Not recorded",
        "Learning disability": _yes_no(child.has_learning_disability),
        "Special educational needs or disability": _yes_no(child.has_send),
        "Address": "Protected address: ask the allocated team"
        if child.address_protected and not may_see_protected_address(viewer, child)
        else (child.address or "Not recorded") + (" (protected address)" if child.address_protected else ""),
        "School or college": child.school or "Not recorded",
        "Current plan": plan,
        "LCS reference": child.lcs_reference or "None",
        "EHM reference": child.ehm_reference or "None",
        "Allocated team": child.allocated_team.name if child.allocated_team else "Not allocated",
        "Allocated worker": person_name(child.allocated_worker, "Not allocated"),
    }


def summary_rows(child: Child, viewer) -> list[dict]:
    return [{"key": {"text": key}, "value": {"text": value}}
            for key, value in display_values(child, viewer=viewer).items()]


def conflict_rows(mine: dict[str, str], theirs: dict[str, str]) -> list[list[dict]]:
    """Side by side: what the user typed and what is saved now, differences first."""
    rows = []
    for key in mine:
        differs = mine[key] != theirs.get(key)
        rows.append((not differs, [
            {"text": key},
            {"text": mine[key], "classes": "app-conflict" if differs else ""},
            {"text": theirs.get(key, ""), "classes": "app-conflict" if differs else ""},
        ]))
    return [row for _, row in sorted(rows, key=lambda r: r[0])]


def plan_entry_rows(entries: list[PlanEntry]) -> list[list[dict]]:
    """The plan entries as table rows; the plan named as it was when the entry was agreed."""
    return [[
        {"text": Plan(entry.plan).label if entry.plan in Plan.values else entry.plan},
        {"html": preserve_lines(entry.need)},
        {"html": preserve_lines(entry.intervention)},
        {"text": govuk_date(entry.agreed_on)},
        {"text": entry.source},
    ] for entry in entries]
