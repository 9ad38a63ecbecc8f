"""What the retention pages show: rows, tags and dates. Templates hold no logic."""

from django.urls import reverse
from markupsafe import Markup

from csepathway.core.formatting import govuk_date, govuk_datetime
from csepathway.core.presenters import person_name, tag

from .models import DisposalCertificate, DisposalProposal, LegalHold
from .schedule import TRIGGERS, Rules
from .selectors import RetentionState


def status_tag(state: RetentionState) -> Markup:
    if state.blockers:
        return tag(state.blockers[0], "red")
    if state.proposal_id:
        return tag(f"Proposed by {state.proposed_by}", "yellow")
    return tag("Ready to propose", "blue")


def queue_rows(states: list[RetentionState]) -> list[list[dict]]:
    rows = []
    for state in states:
        link = Markup('<a class="govuk-link" href="{}">{}</a>').format(
            reverse("retention:child", args=[state.child.pk]), state.child.full_name)
        rows.append([{"html": link}, {"text": govuk_date(state.due.due_on)},
                     {"text": state.due.governing.record_type.label}, {"html": status_tag(state)}])
    return rows


def rule_rows(current: Rules) -> list[list[dict]]:
    return [[{"text": rule.record_type.label}, {"text": f"{rule.years} years"}, {"text": TRIGGERS[rule.trigger]}]
            for rule in current.rules]


def hold_rows(holds: list[LegalHold]) -> list[list[dict]]:
    rows = []
    for hold in holds:
        link = Markup('<a class="govuk-link" href="{}">{}</a>').format(
            reverse("retention:child", args=[hold.child_id]), hold.child.full_name)
        rows.append([{"html": link}, {"text": hold.reference or "None given"}, {"text": govuk_date(hold.created_at)},
                     {"text": person_name(hold.placed_by)}])
    return rows


def summary_rows(state: RetentionState) -> list[dict]:
    child = state.child
    rows = [{"key": {"text": "Child"}, "value": {"text": child.full_name}},
            {"key": {"text": "Record id"}, "value": {"text": str(child.pk)}},
            {"key": {"text": "Date of birth"}, "value": {"text": govuk_date(child.date_of_birth)}},
            {"key": {"text": "Due for disposal"},
             "value": {"text": govuk_date(state.due.due_on) if state.due.due_on else "Not yet: the CSE work is open"}},
            {"key": {"text": "Status"}, "value": {"html": status_tag(state)}}]
    if state.due.governing:
        rows.insert(4, {"key": {"text": "Rule that decides it"}, "value": {"text": state.due.governing.text}})
    return rows


def type_rows(state: RetentionState) -> list[list[dict]]:
    return [[{"text": line.rule.record_type.label},
             {"text": f"{line.rule.years} years from {TRIGGERS[line.rule.trigger]}"},
             {"text": govuk_date(line.due_on) if line.due_on else "Not started"}] for line in state.due.lines]


def hold_cards(holds: list[LegalHold]) -> list[dict]:
    cards = []
    for hold in holds:
        rows = [("Reason", hold.reason), ("Reference", hold.reference or "None given"),
                ("Placed", f"{govuk_datetime(hold.created_at)} by {person_name(hold.placed_by)}")]
        if hold.released_at:
            rows += [("Released", f"{govuk_datetime(hold.released_at)} by {person_name(hold.released_by)}"),
                     ("Why released", hold.release_reason)]
        actions = [] if hold.released_at else [{"href": reverse("retention:hold_release", args=[hold.pk]),
                                                "text": "Release this hold"}]
        cards.append({"title": "Legal hold in force" if hold.in_force else "Released legal hold",
                      "rows": [{"key": {"text": k}, "value": {"text": v}} for k, v in rows], "actions": actions})
    return cards


def proposal_rows(proposals: list[DisposalProposal]) -> list[list[dict]]:
    rows = []
    for proposal in proposals:
        outcome = (f"Declined by {person_name(proposal.declined_by)} on {govuk_date(proposal.declined_at)}: "
                   f"{proposal.decline_reason}" if proposal.declined_at else "Waiting for a second person")
        rows.append([{"text": govuk_date(proposal.created_at)}, {"text": person_name(proposal.proposed_by)},
                     {"text": outcome}])
    return rows


def certificate_rows(certificate: DisposalCertificate) -> list[dict]:
    rows = [("Certificate", certificate.reference), ("Record id", str(certificate.record_id)),
            ("Disposed of", govuk_datetime(certificate.disposed_at)),
            ("Proposed by", f"{certificate.proposed_by_username} on {govuk_datetime(certificate.proposed_at)}"),
            ("Disposed of by", certificate.disposed_by_username),
            ("Rule that applied", certificate.rule),
            ("Retention rules version", str(certificate.rules_version) if certificate.rules_version else
             "The defaults (no version published)")]
    return [{"key": {"text": k}, "value": {"text": v}} for k, v in rows]


def record_rows(certificate: DisposalCertificate) -> list[list[dict]]:
    return [[{"text": label}, {"text": str(count), "format": "numeric"}]
            for label, count in certificate.records.items()]


def certificate_list_rows(certificates: list[DisposalCertificate]) -> list[list[dict]]:
    return [[{"html": Markup('<a class="govuk-link" href="{}">{}</a>').format(
                reverse("retention:certificate", args=[c.pk]), c.reference)},
             {"text": govuk_date(c.disposed_at)}, {"text": c.proposed_by_username},
             {"text": c.disposed_by_username}] for c in certificates]
