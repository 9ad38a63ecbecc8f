"""Writes on episodes. Each runs in one transaction, locks the episode row, moves it only through
the workflow table, and writes its audit event and side effects there too."""

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.utils import timezone

from csepathway.accounts.roles import Role
from csepathway.assessments.services import (
    assessment_mark_returned,
    assessment_mark_submitted,
    assessment_submission_problem,
)
from csepathway.audit.services import record
from csepathway.core.formatting import govuk_datetime
from csepathway.core.refusals import Refused
from csepathway.outbox.events import DECISION_MADE, event_raise
from csepathway.screening.models import Outcome
from csepathway.screening.services import outcome_stands

from . import access, workflow
from .advice_services import advice_requests_answer
from .clocks import decision_due_on, initial_mase_due_on
from .models import EDITABLE_STATES, ClosureReason, Conversation, Episode, JointReview, ManagerAdvice, RiskLevelChange
from .sign_off_services import sign_off_problem


def _locked(episode: Episode) -> Episode:
    return Episode.objects.select_for_update(of=("self",)).select_related("child", "practitioner", "assessment").get(
        pk=episode.pk)


def _require_case_holder(actor, episode: Episode) -> None:
    if not access.holds_case(actor, episode):
        raise PermissionDenied


@transaction.atomic
def episode_start(*, actor, child, concern: str) -> Episode:
    if not access.may_start_episode(actor):
        raise PermissionDenied
    episode = Episode.objects.create(child=child, practitioner=actor, team_id=actor.team_id, concern=concern)
    record(actor=actor, verb="episode.started", obj=episode, child_id=child.pk)
    return episode


@transaction.atomic
def manager_advice_record(*, actor, episode: Episode, manager, given_on, advice: str) -> ManagerAdvice:
    episode = _locked(episode)
    _require_case_holder(actor, episode)
    item = ManagerAdvice.objects.create(episode=episode, manager=manager, given_on=given_on, advice=advice,
                                        recorded_by=actor)
    answered = advice_requests_answer(episode=episode, advice=item)
    record(actor=actor, verb="episode.manager_advice_recorded", obj=episode, child_id=episode.child_id,
           changed_fields=["advice_requests"] if answered else ())
    return item


@transaction.atomic
def conversation_record(*, actor, episode: Episode, held_with: str, held_on, people: str, views: str) -> Conversation:
    episode = _locked(episode)
    _require_case_holder(actor, episode)
    item = Conversation.objects.create(episode=episode, held_with=held_with, held_on=held_on, people=people,
                                       views=views, recorded_by=actor)
    record(actor=actor, verb="episode.conversation_recorded", obj=episode, child_id=episode.child_id)
    return item


def risk_level_set(*, actor, episode: Episode, level: str, source: str, rationale: str = "") -> None:
    """Change the episode's current level, keeping the history. Call inside a transaction."""
    if level == episode.risk_level:
        return
    RiskLevelChange.objects.create(episode=episode, previous_level=episode.risk_level, level=level,
                                   changed_by=actor, source=source, rationale=rationale, at=timezone.now())
    episode.risk_level = level


class AlreadySent(Refused):
    """The assessment went to the CSE team before this request: from another tab, a double click, or
    a page kept open after sending."""


@transaction.atomic
def episode_submit(*, actor, episode: Episode, source: str, source_reference: str) -> Episode:
    """Send the assessment to the CSE team. Safe against double clicks and two tabs: the row lock
    makes the second request wait, then find the episode already sent, change nothing and say so."""
    episode = _locked(episode)
    if episode.submission_round > 0 and episode.state not in EDITABLE_STATES:
        sent = govuk_datetime(episode.submitted_at)
        raise AlreadySent(f"This assessment was already sent to the CSE team on {sent}. Nothing more has been sent.")
    assessment = episode.assessment
    if assessment is None:
        raise Refused("Complete the risk assessment, including the proposed risk level, before you submit.")
    problem = assessment_submission_problem(assessment) or sign_off_problem(episode)
    if problem:
        raise Refused(problem)
    episode.source = source
    episode.source_reference = source_reference
    episode.submission_round += 1
    episode.submitted_at = timezone.now()
    episode.decision_due_on = decision_due_on(episode.submitted_at)
    risk_level_set(actor=actor, episode=episode, level=assessment.proposed_risk_level,
                   source="proposed in the risk assessment", rationale="")
    assessment_mark_submitted(actor=actor, assessment=assessment)
    workflow.apply("submit", actor=actor, episode=episode,
                   changed_fields=["source", "source_reference", "submitted_at", "decision_due_on", "risk_level"])
    return episode


def _decide(*, actor, episode: Episode, level: str, mase_required: bool, escalated: bool, rationale: str,
            next_steps: str, deciders: list, source: str) -> None:
    name = workflow.decision(mase_required=mase_required, escalated=escalated)
    workflow.check(name, user=actor, episode=episode)
    risk_level_set(actor=actor, episode=episode, level=level, source=source, rationale=rationale)
    episode.decision_rationale = rationale
    episode.next_steps = next_steps
    episode.decided_at = timezone.now()
    episode.initial_mase_due_on = initial_mase_due_on(episode.decided_at) if mase_required else None
    episode.decided_by.set(deciders)  # before the transition: its case note names who decided
    workflow.apply(name, actor=actor, episode=episode, reason=rationale,
                   changed_fields=["risk_level", "decision_rationale", "initial_mase_due_on"])
    event_raise(name=DECISION_MADE, data={"episode_id": episode.pk}, child_id=episode.child_id)


@transaction.atomic
def joint_review_record(*, actor, episode: Episode, risk_level: str, mase_required: bool, rationale: str,
                        next_steps: str = "") -> JointReview:
    """Record one reviewer's view (the table's "review" step: it decides who may and when, and audits
    it, leaving the episode submitted). When both the CSE Team Manager and the Police CSE Coordinator
    have given theirs: agreement decides; disagreement escalates, and stays on record."""
    episode = _locked(episode)
    if not access.is_reviewer(actor):
        raise PermissionDenied  # not a refusal to explain: the review page is closed to every other role
    workflow.apply("review", actor=actor, episode=episode)
    try:
        with transaction.atomic():
            review = JointReview.objects.create(
                episode=episode, round=episode.submission_round, reviewer=actor, reviewer_role=actor.role,
                risk_level=risk_level, mase_required=mase_required, rationale=rationale, next_steps=next_steps)
    except IntegrityError as duplicate:
        # Two people of one role saving at once: the guard saw neither view, the constraint sees both.
        raise Refused(workflow.TRANSITIONS["review"].refused) from duplicate
    reviews = list(episode.reviews.filter(round=episode.submission_round).select_related("reviewer"))
    if {r.reviewer_role for r in reviews} >= access.REVIEWERS:
        first, second = reviews[0], reviews[1]
        if (first.risk_level, first.mase_required) == (second.risk_level, second.mase_required):
            steps = "\n".join(dict.fromkeys(s for s in (first.next_steps, second.next_steps) if s))
            rationale_text = "\n\n".join(f"{Role(r.reviewer_role).label}: {r.rationale}" for r in reviews)
            _decide(actor=actor, episode=episode, level=first.risk_level, mase_required=first.mase_required,
                    escalated=False, rationale=rationale_text, next_steps=steps,
                    deciders=[r.reviewer for r in reviews], source="joint review")
        else:
            workflow.apply("escalate", actor=actor, episode=episode,
                           reason="The CSE Team Manager and the Police CSE Coordinator reached different views.")
    return review


@transaction.atomic
def escalation_decide(*, actor, episode: Episode, risk_level: str, mase_required: bool, rationale: str,
                      next_steps: str) -> Episode:
    """The escalation role decides an escalated episode alone; the table refuses any other episode."""
    episode = _locked(episode)
    _decide(actor=actor, episode=episode, level=risk_level, mase_required=mase_required, escalated=True,
            rationale=rationale, next_steps=next_steps, deciders=[actor], source="escalation decision")
    return episode


@transaction.atomic
def episode_return(*, actor, episode: Episode, reason: str) -> Episode:
    episode = _locked(episode)
    workflow.apply("return", actor=actor, episode=episode, reason=reason)  # its case note tells the practitioner
    if episode.assessment is not None:
        assessment_mark_returned(actor=actor, assessment=episode.assessment)
    return episode


@transaction.atomic
def episode_close(*, actor, episode: Episode, reason: str, detail: str = "") -> Episode:
    episode = _locked(episode)
    if reason == "other" and not detail.strip():
        raise Refused("Explain why the episode is closing.")
    if reason == ClosureReason.NO_CURRENT_RISK and not (
            episode.screening is not None and episode.screening.outcome == Outcome.NO_CURRENT_RISK
            and outcome_stands(episode.screening)):
        raise Refused("The episode can close for no current risk only once the screening's outcome is 'No current "
                      "risk' and stands: where a significant indicator was seen in the last 6 months, the Team "
                      "Manager must agree first.")
    episode.closed_at = timezone.now()
    episode.closure_reason = reason
    episode.closure_detail = detail
    workflow.apply("close", actor=actor, episode=episode, reason=detail or reason,
                   changed_fields=["closure_reason", "closed_at"])
    return episode

