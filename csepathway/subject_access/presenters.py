"""What the subject access pages show: rows, tags and dates. Templates hold no logic."""

import datetime as dt
import hashlib

from django.urls import reverse
from markupsafe import Markup

from csepathway.core.formatting import govuk_date
from csepathway.core.presenters import tag

from .exemptions import exemption_label
from .models import BundleItem, SubjectAccessRequest

Status = SubjectAccessRequest.Status
Decision = BundleItem.Decision
_STATUS_TAGS = {Status.GATHERING: "blue", Status.REVIEWING: "light-blue",
                Status.RELEASED: "green"}
_DECISION_TAGS = {Decision.NOT_REVIEWED: "blue", Decision.RELEASE: "green",
                  Decision.REDACT: "yellow", Decision.WITHHOLD: "red"}


def is_overdue(sar: SubjectAccessRequest, today: dt.date) -> bool:
    return sar.status != Status.RELEASED and sar.due_on < today


def status_tag(sar: SubjectAccessRequest, today: dt.date) -> Markup:
    if is_overdue(sar, today):
        return tag("Overdue", "red")
    return tag(sar.get_status_display(), _STATUS_TAGS[sar.status])


def list_rows(requests, today: dt.date) -> list[list[dict]]:
    rows = []
    for sar in requests:
        link = Markup('<a class="govuk-link" href="{}">{}</a>').format(
            reverse("subject_access:detail", args=[sar.pk]), sar.child.full_name)
        rows.append([{"html": link}, {"text": govuk_date(sar.received_on)}, {"text": govuk_date(sar.due_on)},
                     {"html": status_tag(sar, today)}])
    return rows


def decision_text(item: BundleItem) -> str:
    if item.decision in (Decision.WITHHOLD, Decision.REDACT):
        return f"{item.get_decision_display()} ({exemption_label(item.exemption, item.exemption_detail)})"
    return item.get_decision_display()


def task_items(sar: SubjectAccessRequest, items: list[BundleItem]) -> list[dict]:
    """The bundle as a GOV.UK task list: one task per item, with where its review has got to."""
    editable = sar.status == Status.REVIEWING
    result = []
    for item in items:
        entry = {"title": {"text": f"{item.position}. {item.title}"}, "hint": {"text": item.get_kind_display()},
                 "status": {"tag": {"text": item.get_decision_display(), "classes": _DECISION_TAGS[item.decision]}}
                 if item.decision == Decision.NOT_REVIEWED or editable else {"text": decision_text(item)}}
        entry["href"] = reverse("subject_access:item", args=[sar.pk, item.pk])
        result.append(entry)
    return result


def counts(items: list[BundleItem]) -> dict[str, int]:
    tally = {d.value: 0 for d in Decision}
    for item in items:
        tally[item.decision] += 1
    return tally


def summary_rows(sar: SubjectAccessRequest, today: dt.date) -> list[dict]:
    rows = [("Child", sar.child.full_name), ("Who made the request", sar.requester),
            ("Received", govuk_date(sar.received_on)), ("Due", govuk_date(sar.due_on)),
            ("Started by", sar.created_by.display_name)]
    if sar.released_at:
        rows.append(("Released", f"{govuk_date(sar.released_at)} by "
                                 f"{sar.released_by.display_name}"))
    result = [{"key": {"text": k}, "value": {"text": v}} for k, v in rows]
    result.append({"key": {"text": "Status"}, "value": {"html": status_tag(sar, today)}})
    return result


def check_rows(items: list[BundleItem]) -> list[dict]:
    """Check your answers: every item and what will happen to it, each with a link to change it."""
    return [{"key": {"text": f"{item.position}. {item.title}"}, "value": {"text": decision_text(item)},
             "actions": {"items": [{"href": reverse("subject_access:item", args=[item.request_id, item.pk]),
                                    "text": "Change", "visuallyHiddenText": f"the decision on item {item.position}"}]}}
            for item in items]


def phrase_key(item, phrase: str) -> str:
    """A checkbox value naming one phrase of one item without putting the phrase in the form."""
    return f"{item.pk}:{hashlib.sha256(phrase.encode()).hexdigest()[:16]}"


def offer_groups(offers: list[dict]) -> list[dict]:
    """The offered redactions as checkbox groups, one per item, every phrase ticked to begin with."""
    return [{"item": offer["item"], "heading": f"Item {offer['item'].position}: {offer['item'].title}",
             "choices": [{"value": phrase_key(offer["item"], phrase), "text": phrase, "checked": True}
                         for phrase in offer["phrases"]]}
            for offer in offers]


def chosen_phrases(offers: list[dict], ticked: list[str]) -> dict[str, list[str]]:
    """{item id: phrases} for the ticked checkboxes, matched against the offers as they are now."""
    wanted = set(ticked)
    chosen = {str(offer["item"].pk): [phrase for phrase in offer["phrases"]
                                      if phrase_key(offer["item"], phrase) in wanted] for offer in offers}
    return {item_id: phrases for item_id, phrases in chosen.items() if phrases}
