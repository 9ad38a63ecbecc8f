"""Everything held about a child, as text snapshots, one per record.

This is the one place where information governance reads case content, and it reads it unscoped on
purpose: a subject access request covers every record the council holds about the child, not the
records one worker may see (ADR 0023). Only services.sar_gather calls it, for a request an auditor
opened, and that call is audited with the child's id."""

import dataclasses
import datetime as dt

from django.utils import timezone

from csepathway.assessments.models import Assessment
from csepathway.assessments.sections import SECTIONS
from csepathway.children.models import Child, PlanEntry
from csepathway.core.formatting import govuk_date
from csepathway.episodes.models import Episode
from csepathway.intelligence.models import IntelligenceReport
from csepathway.meetings.models import Action, ItemMinutes
from csepathway.notes.models import CaseNote
from csepathway.nrm.models import NrmReferral
from csepathway.nrm.presenters import answer_sections
from csepathway.screening.models import Screening
from csepathway.screening.presenters import screening_summary

from .models import BundleItem

Kind = BundleItem.Kind
SECTION_TITLES = {section.code: section.title for section in SECTIONS}


@dataclasses.dataclass(frozen=True)
class Snapshot:
    kind: str
    source: object
    title: str
    recorded_at: dt.datetime | None
    text: str


def _lines(*pairs: tuple[str, object]) -> str:
    """'Label: value' lines, leaving out what was never filled in."""
    out = []
    for label, value in pairs:
        if value in (None, "", [], {}):
            continue
        if isinstance(value, dt.date):
            value = govuk_date(value)
        out.append(f"{label}: {value}")
    return "\n".join(out)


def _person(user) -> str:
    return (user.get_full_name() or user.username) if user else ""


def _flatten(value) -> str:
    if isinstance(value, dict):
        return "; ".join(f"{k.replace('_', ' ')}: {_flatten(v)}" for k, v in value.items() if v not in ("", None))
    if isinstance(value, list | tuple):
        return ", ".join(_flatten(v) for v in value)
    return str(value)


def _child(child: Child) -> Snapshot:
    text = _lines(
        ("Name", child.full_name), ("Other names", ", ".join(a.name for a in child.aliases.all())),
        ("Date of birth", child.date_of_birth), ("Gender", child.get_gender_display()),
        ("Ethnicity", child.ethnicity), ("First language", child.first_language), ("Address", child.address),
        ("School", child.school), ("Plan", child.get_plan_display()), ("LCS reference", child.lcs_reference),
        ("EHM reference", child.ehm_reference),
    )
    return Snapshot(Kind.CHILD, child, f"The record of {child.full_name}", child.created_at, text)


def _episodes(child: Child) -> list[Snapshot]:
    episodes = Episode.objects.filter(child=child).prefetch_related("conversations", "manager_advice", "reviews")
    snapshots = []
    for e in episodes:
        parts = [_lines(("State", e.get_state_display()), ("Concern", e.concern),
                        ("Risk level", e.get_risk_level_display() if e.risk_level else ""),
                        ("Decision rationale", e.decision_rationale), ("Next steps", e.next_steps),
                        ("Closure reason", e.get_closure_reason_display() if e.closure_reason else ""),
                        ("Closure detail", e.closure_detail))]
        parts += [_lines(("Conversation with", c.get_held_with_display()), ("Held on", c.held_on),
                         ("Who took part", c.people), ("Views", c.views)) for c in e.conversations.all()]
        parts += [_lines(("Team Manager's advice given on", a.given_on), ("Advice", a.advice))
                  for a in e.manager_advice.all()]
        parts += [_lines(("Joint review round", r.round), ("Reviewer", r.reviewer_role),
                         ("Risk level", r.get_risk_level_display()), ("Rationale", r.rationale),
                         ("Next steps", r.next_steps)) for r in e.reviews.all()]
        snapshots.append(Snapshot(Kind.EPISODE, e, f"Episode started {govuk_date(e.created_at)}", e.created_at,
                                  "\n\n".join(p for p in parts if p)))
    return snapshots


def _screenings(child: Child) -> list[Snapshot]:
    snapshots = []
    for screening in Screening.objects.filter(child=child).select_related("tool"):
        summary = screening_summary(screening)
        text = _lines(("Reason", screening.reason), ("Outcome", summary["outcome_label"]),
                      ("Significant indicators", ", ".join(summary["significant"])),
                      ("Other indicators", ", ".join(summary["other"])),
                      ("Vulnerabilities", ", ".join(summary["vulnerabilities"])))
        snapshots.append(Snapshot(Kind.SCREENING, screening, f"Screening on {govuk_date(screening.completed_at)}",
                                  screening.completed_at, text))
    return snapshots


def _assessment_sections(child: Child) -> list[Snapshot]:
    snapshots = []
    for assessment in Assessment.objects.filter(child=child):
        for code, answers in assessment.sections.items():
            text = "\n".join(f"{k.replace('_', ' ').capitalize()}: {_flatten(v)}"
                             for k, v in (answers or {}).items() if v not in ("", None, [], {}))
            snapshots.append(Snapshot(Kind.ASSESSMENT_SECTION, assessment,
                                      f"Assessment: {SECTION_TITLES.get(code, code)}", assessment.created_at,
                                      text or "Nothing recorded."))
    return snapshots


def _case_notes(child: Child) -> list[Snapshot]:
    return [Snapshot(Kind.CASE_NOTE, note, note.title, note.created_at, note.body)
            for note in CaseNote.objects.filter(child=child).order_by("created_at")]


def _meetings(child: Child) -> list[Snapshot]:
    snapshots = []
    minutes = ItemMinutes.objects.filter(agenda_item__episode__child=child).select_related("agenda_item__meeting")
    for m in minutes:
        meeting = m.agenda_item.meeting
        text = _lines(("Information shared", m.information_shared),
                      ("Risk level", m.get_risk_level_display() if m.risk_level else ""),
                      ("Reason for the risk level", m.risk_level_rationale), ("Next review", m.next_review_on))
        snapshots.append(Snapshot(Kind.MINUTES, m, f"Minutes of the {meeting.get_kind_display()} on "
                                  f"{govuk_date(meeting.starts_at)}", meeting.starts_at, text))
    for a in Action.objects.filter(episode__child=child):
        text = _lines(("Action", a.description), ("Kind", a.get_kind_display()), ("Owner", a.owner_name),
                      ("Agency", a.agency), ("Due", a.due_on), ("Status", a.get_status_display()))
        snapshots.append(Snapshot(Kind.ACTION, a, f"MASE action due {govuk_date(a.due_on)}", a.created_at, text))
    return snapshots


def _plan_entries(child: Child) -> list[Snapshot]:
    return [Snapshot(Kind.PLAN_ENTRY, p, f"Plan entry agreed {govuk_date(p.agreed_on)}", p.created_at,
                     _lines(("Plan", p.get_plan_display()), ("Need", p.need), ("Intervention", p.intervention),
                            ("Agreed at", p.source)))
            for p in PlanEntry.objects.filter(child=child)]


def _nrm_referrals(child: Child) -> list[Snapshot]:
    snapshots = []
    for referral in NrmReferral.objects.filter(child=child):
        parts = [f"{a['question']}: {a['answer']}" for s in answer_sections(referral) for a in s["answers"]
                 if a["answer"]]
        parts.append(_lines(("Referred on", referral.referred_on), ("NRM reference", referral.reference),
                            ("Reasonable grounds decision", referral.get_reasonable_grounds_display()),
                            ("Conclusive grounds decision", referral.get_conclusive_grounds_display())))
        title = f"NRM referral started {govuk_date(referral.created_at)}"
        text = "\n".join(p for p in parts if p)
        snapshots.append(Snapshot(Kind.NRM_REFERRAL, referral, title, referral.created_at, text))
    return snapshots


def _intelligence(child: Child) -> list[Snapshot]:
    reports = IntelligenceReport.objects.filter(child=child).prefetch_related(
        "persons", "vehicles", "phones", "usernames", "places", "money", "descriptions")
    snapshots = []
    for r in reports:
        parts = [_lines(("Subject", r.subject), ("Information", r.information),
                        ("How it was learned", r.get_how_learned_display()), ("Status", r.get_status_display()),
                        ("Police reference", r.police_reference), ("Grading", r.grading))]
        parts += [_lines(("Person", p.full_name), ("Aliases", p.aliases), ("Description", p.description))
                  for p in r.persons.all()]
        parts += [_lines(("Vehicle", v.registration), ("Make", v.make), ("Colour", v.colour)) for v in r.vehicles.all()]
        parts += [_lines(("Phone", p.number), ("Whose", p.whose)) for p in r.phones.all()]
        parts += [_lines(("Username", f"{u.handle} ({u.platform})")) for u in r.usernames.all()]
        parts += [_lines(("Place", p.address), ("Description", p.description)) for p in r.places.all()]
        parts += [_lines(("Money", m.amount), ("Description", m.description)) for m in r.money.all()]
        parts += [d.text for d in r.descriptions.all()]
        snapshots.append(Snapshot(Kind.INTELLIGENCE, r, f"Intelligence report: {r.subject}", r.created_at,
                                  "\n".join(p for p in parts if p)))
    return snapshots


def gather(child: Child) -> list[Snapshot]:
    """The child's record first, then everything else oldest first."""
    rest = [*_episodes(child), *_screenings(child), *_assessment_sections(child), *_case_notes(child),
            *_meetings(child), *_plan_entries(child), *_nrm_referrals(child), *_intelligence(child)]
    epoch = timezone.make_aware(dt.datetime(1900, 1, 1))
    rest.sort(key=lambda s: s.recorded_at or epoch)
    return [_child(child), *rest]
