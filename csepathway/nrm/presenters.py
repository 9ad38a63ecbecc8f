"""What the NRM pages show: the referral's status tag, the task list of the online form's sections,
the answers in the form's order (check your answers and both exports), and the decisions with their
expected dates, so the templates hold no logic."""

import datetime as dt

from django.urls import reverse
from markupsafe import Markup

from csepathway.core.formatting import govuk_date, preserve_lines
from csepathway.core.presenters import tag

from . import clocks, forms
from .models import Outcome
from .sections import SECTIONS

NOT_GIVEN = "Not given"


def _tag(text: str, colour: str) -> dict:
    return {"text": text, "colour": colour, "html": tag(text, colour)}


def status(referral, today: dt.date) -> dict:
    if referral.referred_on is None:
        return _tag("Being prepared", "grey")
    if referral.conclusive_grounds:
        positive = referral.conclusive_grounds == Outcome.POSITIVE
        return _tag(f"Conclusive grounds: {'positive' if positive else 'negative'}",
                    "green" if positive else "grey")
    if referral.reasonable_grounds == Outcome.NEGATIVE:
        return _tag("Reasonable grounds: negative", "grey")
    if referral.reasonable_grounds == Outcome.POSITIVE:
        return _tag("Reasonable grounds: positive", "turquoise")
    if clocks.reasonable_grounds_late(referral, today):
        return _tag("Reasonable-grounds decision late", "red")
    return _tag("Waiting for the reasonable-grounds decision", "blue")


def _section_href(referral, section) -> str:
    return reverse("nrm:section", args=[referral.pk, section.slug])


def task_items(referral, editable: bool) -> list[dict]:
    items = []
    for section in SECTIONS:
        if section.code in referral.completed_sections:
            state = {"text": "Completed"}
        elif referral.content.get(section.code):
            state = {"tag": {"text": "In progress", "classes": "light-blue"}}
        else:
            state = {"tag": {"text": "Not yet started", "classes": "blue"}}
        item = {"title": {"text": section.title}, "status": state}
        if section.hint:
            item["hint"] = {"text": section.hint}
        if editable:
            item["href"] = _section_href(referral, section)
        items.append(item)
    return items


def answer_sections(referral) -> list[dict]:
    """Every section in the online form's order, with each question and its answer as read."""
    result = []
    for section in SECTIONS:
        stored = referral.content.get(section.code) or {}
        answers = [{"name": name, "question": question, "answer": forms.display(section.code, name, stored.get(name))}
                   for name, question in forms.questions(section.code)]
        result.append({"section": section, "answers": answers, "done": section.code in referral.completed_sections})
    return result


def answer_rows(answers: list[dict]) -> list[dict]:
    return [{"key": {"text": a["question"]},
             "value": {"html": preserve_lines(a["answer"])} if a["answer"] else {"text": NOT_GIVEN}}
            for a in answers]


def answer_cards(referral, editable: bool) -> list[dict]:
    """Summary cards for check your answers, each with a link to change its section."""
    cards = []
    for entry in answer_sections(referral):
        section = entry["section"]
        card = {"title": {"text": section.title}}
        if editable:
            card["actions"] = {"items": [{"href": _section_href(referral, section), "text": "Change",
                                          "visuallyHiddenText": f" {section.title.lower()}"}]}
        cards.append({"card": card, "rows": answer_rows(entry["answers"])})
    return cards


def _row(key: str, value: str | Markup, href: str = "", action: str = "", hidden: str = "") -> dict:
    row = {"key": {"text": key}, "value": {"html": value} if isinstance(value, Markup) else {"text": value}}
    if href:
        row["actions"] = {"items": [{"href": href, "text": action, "visuallyHiddenText": hidden}]}
    return row


def _outcome_text(outcome: str, on: dt.date | None) -> str:
    return f"{Outcome(outcome).label}, {govuk_date(on)}"


def decision_rows(referral, today: dt.date, editable: bool) -> list[dict]:
    """The referral's progress: who decides, when it was made, its reference, the decisions with
    the reasonable-grounds expected date (flagged when late) and the guardian referral."""
    pk = referral.pk
    link = (lambda name: reverse(name, args=[pk])) if editable else (lambda name: "")  # noqa: E731
    rows = [_row("Decision maker", referral.get_decision_maker_display())]
    if referral.referred_on is None:
        rows.append(_row("Referral made", "Not yet: prepare the answers, then submit the online form"))
    else:
        rows.append(_row("Referral made", govuk_date(referral.referred_on)))
        rows.append(_row("NRM reference number", referral.reference or "Not received yet", link("nrm:reference"),
                         "Change" if referral.reference else "Add", " the NRM reference number"))
        expected = clocks.reasonable_grounds_expected_on(referral)
        if not referral.reasonable_grounds:
            text = Markup("Expected by {}").format(govuk_date(expected))
            if clocks.reasonable_grounds_late(referral, today):
                text = tag("Late", "red") + Markup(" {}").format(text)
            rows.append(_row("Reasonable-grounds decision", text, link("nrm:reasonable_grounds"), "Record",
                             " the reasonable-grounds decision"))
        else:
            text = _outcome_text(referral.reasonable_grounds, referral.reasonable_grounds_on)
            if clocks.reasonable_grounds_came_late(referral):
                text += f" (expected by {govuk_date(expected)})"
            rows.append(_row("Reasonable-grounds decision", text,
                             "" if referral.conclusive_grounds else link("nrm:reasonable_grounds"), "Change",
                             " the reasonable-grounds decision"))
        rows.append(_conclusive_row(referral, link))
    guardian = ("Not recorded" if referral.guardian_referred is None else
                f"Yes, {govuk_date(referral.guardian_referred_on)}" if referral.guardian_referred else "No")
    rows.append(_row("Referred to an Independent Child Trafficking Guardian", guardian, link("nrm:guardian"),
                     "Change" if referral.guardian_referred is not None else "Record",
                     " the guardian referral"))
    return rows


def _conclusive_row(referral, link) -> dict:
    key = "Conclusive-grounds decision"
    if referral.conclusive_grounds:
        return _row(key, _outcome_text(referral.conclusive_grounds, referral.conclusive_grounds_on),
                    link("nrm:conclusive_grounds"), "Change", " the conclusive-grounds decision")
    if referral.reasonable_grounds == Outcome.NEGATIVE:
        return _row(key, "None: the reasonable-grounds decision was negative")
    earliest = clocks.conclusive_grounds_earliest(referral)
    if earliest is None:
        return _row(key, "After a positive reasonable-grounds decision")
    return _row(key, f"Not before {govuk_date(earliest)}", link("nrm:conclusive_grounds"), "Record",
                " the conclusive-grounds decision")


def filename(referral, extension: str) -> str:
    # No name in the file name: a download folder or a mail attachment list should not name the child.
    return f"nrm-referral-{str(referral.pk)[:8]}.{extension}"
