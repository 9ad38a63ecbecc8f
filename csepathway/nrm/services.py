"""Writes on NRM referrals. Each runs in one transaction, locks the referral row, checks the version
the editor started from (a stale save raises StaleEdit and changes nothing), and records its audit
event, naming the child, in the same transaction. A decision also writes its case note (and queues
its delivery to the source system and the practitioner's email through the outbox) in that
transaction, so a decision and its note stand or fall together."""

import datetime as dt

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from csepathway.audit.services import record
from csepathway.core.formatting import govuk_date
from csepathway.core.refusals import Refused
from csepathway.core.services import versioned_save
from csepathway.episodes.models import Episode, State
from csepathway.notes.models import CaseNote
from csepathway.notes.services import AMENDMENT_PREFIX, case_note_add
from csepathway.outbox.events import NRM_DECISION, event_raise
from csepathway.oversight.disclosures import services as disclosure_services

from . import clocks
from .access import may_edit_referral
from .models import NrmReferral, Outcome
from .prefill import initial_content
from .sections import SECTION_CODES

SENT = "The referral has been made, so its answers are kept as they were sent."


def _locked(actor, referral: NrmReferral) -> NrmReferral:
    referral = (NrmReferral.objects.select_for_update(of=("self",))
                .select_related("episode__practitioner", "child").get(pk=referral.pk))
    if not may_edit_referral(actor, referral.episode):
        raise PermissionDenied
    return referral


def _save(*, actor, referral: NrmReferral, expected_version: int, changed: list[str], verb: str) -> NrmReferral:
    versioned_save(instance=referral, expected_version=expected_version, changed=changed)
    record(actor=actor, verb=verb, obj=referral, child_id=referral.child_id, changed_fields=changed)
    return referral


@transaction.atomic
def referral_start(*, actor, episode: Episode, today: dt.date | None = None) -> NrmReferral:
    """Start the episode's referral, prefilled from the child's record and the assessment. The episode
    row lock makes a second click wait, then find the referral already started and return it."""
    episode = (Episode.objects.select_for_update(of=("self",)).select_related("child", "assessment")
               .get(pk=episode.pk))
    if not may_edit_referral(actor, episode):
        raise PermissionDenied
    existing = NrmReferral.objects.filter(episode=episode).first()
    if existing is not None:
        return existing
    if episode.state == State.CLOSED:
        raise Refused("This episode is closed, so a referral cannot be started from it.")
    content = initial_content(episode=episode, actor=actor, today=today or timezone.localdate())
    referral = NrmReferral.objects.create(
        episode=episode, child=episode.child, created_by=actor, first_responder=actor,
        first_responder_organisation=content["first_responder"]["organisation"], content=content,
        decision_maker=clocks.decision_maker())
    record(actor=actor, verb="nrm.started", obj=referral, child_id=referral.child_id)
    return referral


@transaction.atomic
def referral_section_save(*, actor, referral: NrmReferral, section: str, answers: dict, complete: bool,
                          expected_version: int) -> NrmReferral:
    """Save one section as a draft, or as done. Saving the first responder section names the person
    saving it as the first responder."""
    if section not in SECTION_CODES:
        raise ValueError(f"Unknown NRM section {section!r}.")
    referral = _locked(actor, referral)
    if referral.referred_on is not None:
        raise Refused(SENT)
    referral.content = {**referral.content, section: answers}
    done = {code for code in referral.completed_sections if code != section} | ({section} if complete else set())
    referral.completed_sections = [code for code in SECTION_CODES if code in done]
    changed = ["content", "completed_sections"]
    if section == "first_responder":
        referral.first_responder = actor
        referral.first_responder_organisation = str(answers.get("organisation") or "")[:200]
        changed += ["first_responder", "first_responder_organisation"]
    versioned_save(instance=referral, expected_version=expected_version, changed=changed)
    record(actor=actor, verb="nrm.section_saved", obj=referral, child_id=referral.child_id,
           changed_fields=[f"content.{section}", "completed_sections"])
    return referral


def missing_sections(referral: NrmReferral) -> list[str]:
    return [code for code in SECTION_CODES if code not in referral.completed_sections]


@transaction.atomic
def referral_mark_referred(*, actor, referral: NrmReferral, referred_on: dt.date, reference: str,
                           expected_version: int) -> NrmReferral:
    """Record that the online form was submitted. From then on the content is kept as sent."""
    referral = _locked(actor, referral)
    if referral.referred_on is not None:
        if referral.referred_on == referred_on:
            return referral  # the same form sent twice (a double click): nothing more to do
        raise Refused(f"The referral was already recorded as made on {govuk_date(referral.referred_on)}.")
    if missing_sections(referral):
        raise Refused("Complete every section before you record the referral as made.")
    referral.referred_on = referred_on
    referral.reference = reference.strip()
    referral = _save(actor=actor, referral=referral, expected_version=expected_version,
                     changed=["referred_on", "reference"], verb="nrm.referred")
    disclosure_services.disclosure_record(
        actor=actor, child_id=referral.child_id, recipient="Home Office Single Competent Authority (NRM)",
        purpose="National Referral Mechanism referral", lawful_basis=disclosure_services.NRM_REFERRAL,
        shared="NRM referral form answers", obj=referral)
    return referral


@transaction.atomic
def referral_reference_set(*, actor, referral: NrmReferral, reference: str, expected_version: int) -> NrmReferral:
    referral = _locked(actor, referral)
    if referral.referred_on is None:
        raise Refused("Record the day the referral was made before you add its reference number.")
    referral.reference = reference.strip()
    return _save(actor=actor, referral=referral, expected_version=expected_version, changed=["reference"],
                 verb="nrm.reference_recorded")


def _outcome(value: str) -> str:
    if value not in Outcome.values:
        raise Refused("Select whether the decision was positive or negative.")
    return value


# The two decisions the NRM sends back, by the referral's field that holds each.
REASONABLE, CONCLUSIVE = "reasonable_grounds", "conclusive_grounds"
DECISION_NAMES = {REASONABLE: "reasonable-grounds", CONCLUSIVE: "conclusive-grounds"}


def decision_note_title(stage: str) -> str:
    return f"NRM {DECISION_NAMES[stage]} decision"


def _decision_note_body(referral: NrmReferral, stage: str) -> str:
    """Which decision, its outcome and its date, in plain words, and what follows from it under the
    NRM's rules. Nothing of the decision maker's reasons: the practitioner has the letter."""
    outcome = getattr(referral, stage)
    lines = [f"The {referral.get_decision_maker_display()} made a {outcome} {DECISION_NAMES[stage]} decision on "
             f"{govuk_date(getattr(referral, f'{stage}_on'))}.",
             f"The NRM referral was made on {govuk_date(referral.referred_on)}"
             + (f", reference {referral.reference}." if referral.reference else ".")]
    if stage == REASONABLE and outcome == Outcome.POSITIVE:
        lines.append(f"The child has a recovery period of at least {clocks.RECOVERY_DAYS} days. The conclusive-grounds "
                     f"decision can be made from {govuk_date(clocks.conclusive_grounds_earliest(referral))}.")
    return "\n".join(lines)


def _decision_case_note(*, actor, referral: NrmReferral, stage: str) -> None:
    """The decision as a case note on the child's record, delivered to the source system; the
    practitioner is emailed a link unless they recorded it themselves. A decision recorded again
    (corrected) amends the note it replaces."""
    title = decision_note_title(stage)
    replaced = (CaseNote.objects.filter(child_id=referral.child_id, subject_type=referral._meta.label_lower,
                                        subject_id=str(referral.pk), title__contains=title)
                .order_by("-created_at").first())
    practitioner = referral.episode.practitioner
    case_note_add(actor=actor, child=referral.child, kind=CaseNote.Kind.GENERAL,
                  title=f"{AMENDMENT_PREFIX if replaced else ''}{title}: {getattr(referral, stage)}",
                  body=_decision_note_body(referral, stage), subject=referral, amends=replaced,
                  notify=[practitioner] if practitioner.pk != actor.pk else [], deliver=True)


def _decision_record(*, actor, referral: NrmReferral, stage: str, outcome: str, decided_on: dt.date,
                     expected_version: int) -> NrmReferral:
    """Record a decision with its audit event and its case note, in the caller's transaction. The
    same decision recorded again (a second tab) changes nothing and writes no second note."""
    outcome = _outcome(outcome)
    if (getattr(referral, stage), getattr(referral, f"{stage}_on")) == (outcome, decided_on):
        return referral
    setattr(referral, stage, outcome)
    setattr(referral, f"{stage}_on", decided_on)
    referral = _save(actor=actor, referral=referral, expected_version=expected_version,
                     changed=[stage, f"{stage}_on"], verb=f"nrm.{stage}_recorded")
    _decision_case_note(actor=actor, referral=referral, stage=stage)
    event_raise(name=NRM_DECISION, data={"episode_id": referral.episode_id, "nrm_referral_id": referral.pk,
                                         "stage": stage}, child_id=referral.child_id)
    return referral


@transaction.atomic
def reasonable_grounds_record(*, actor, referral: NrmReferral, outcome: str, decided_on: dt.date,
                              expected_version: int) -> NrmReferral:
    referral = _locked(actor, referral)
    if referral.referred_on is None:
        raise Refused("Record the day the referral was made before you record a decision.")
    if decided_on < referral.referred_on:
        raise Refused(f"The decision cannot be dated before the referral was made, on "
                              f"{govuk_date(referral.referred_on)}.")
    if referral.conclusive_grounds:
        raise Refused("The conclusive-grounds decision has been recorded, so the reasonable-grounds "
                              "decision it followed can no longer be changed.")
    return _decision_record(actor=actor, referral=referral, stage=REASONABLE, outcome=outcome, decided_on=decided_on,
                            expected_version=expected_version)


@transaction.atomic
def conclusive_grounds_record(*, actor, referral: NrmReferral, outcome: str, decided_on: dt.date,
                              expected_version: int) -> NrmReferral:
    """Refused before the recovery period has passed (30 days after a positive reasonable-grounds
    decision), and after a negative one, with a message saying why and, if it is only early, from when."""
    referral = _locked(actor, referral)
    problem = clocks.conclusive_grounds_refusal(referral, decided_on)
    if problem:
        raise Refused(problem)
    return _decision_record(actor=actor, referral=referral, stage=CONCLUSIVE, outcome=outcome, decided_on=decided_on,
                            expected_version=expected_version)


@transaction.atomic
def guardian_referral_record(*, actor, referral: NrmReferral, referred: bool, referred_on: dt.date | None,
                             expected_version: int) -> NrmReferral:
    """Whether the child was referred to the Independent Child Trafficking Guardian service, and when."""
    referral = _locked(actor, referral)
    if referred and referred_on is None:
        raise Refused("Enter the date of the referral to the guardian service.")
    referral.guardian_referred = referred
    referral.guardian_referred_on = referred_on if referred else None
    return _save(actor=actor, referral=referral, expected_version=expected_version,
                 changed=["guardian_referred", "guardian_referred_on"], verb="nrm.guardian_recorded")

