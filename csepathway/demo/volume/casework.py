"""Rows for the pathway itself: children, aliases and restrictions; each episode's screening,
assessment, transitions, risk-level history, joint reviews, the Team Manager's advice and the
conversations with the child and family. All consistent with the episode's planned state."""

import random

from csepathway.accounts.roles import Role
from csepathway.core.configuration import configuration_current
from csepathway.episodes.clocks import (
    decision_due_on,
    decision_working_days,
    initial_mase_due_on,
    initial_mase_working_days,
)

from . import names
from .ids import derived
from .plan import DAY

HOUR = DAY / 24
DECIDED = {"mase_required", "mase_not_required"}


def _team_manager(child):
    return child.authority.team_managers[child.team.id]


def reviewers(episode) -> tuple:
    staff = episode.child.authority.staff
    police = staff[Role.POLICE_COORDINATOR]
    return staff[Role.CSE_MANAGER][0], police[episode.id.int % len(police)]


def child_plan(child) -> str:
    """The plan (CIN, CP, LAC...) the child's work sits in, fixed by their id: the plan entries need it too."""
    return names.PLANS[child.id.int % len(names.PLANS)]


def children(plans, rng: random.Random):
    for child in plans:
        plan = child_plan(child)
        early_help = child.team.name.endswith("Early Help Team")
        number = rng.randint(1, 250)
        yield {
            "id": child.id, "first_name": child.first_name, "last_name": child.last_name,
            "date_of_birth": child.date_of_birth, "gender": rng.choice(names.GENDERS),
            "ethnicity": "Not recorded (synthetic)", "first_language": "English" if rng.random() < 0.9 else "Polish",
            "has_learning_disability": rng.random() < 0.08, "has_send": rng.random() < 0.2,
            "address": f"{number} {rng.choice(names.STREETS)}, {child.authority.name} TE{child.authority.number} 9ZZ",
            "address_protected": rng.random() < 0.03, "school": rng.choice(names.SCHOOLS), "plan": plan,
            "lac_legal_status": rng.choice(names.LAC_STATUS) if plan == "lac" else "",
            "lcs_reference": f"LCS-S{child.authority.number}{str(child.id.int)[:7]}",
            "ehm_reference": f"EHM-S{child.authority.number}{str(child.id.int)[:7]}" if early_help else "",
            "allocated_worker_id": child.worker.id, "allocated_team_id": child.team.id,
            "created_at": child.created_at, "updated_at": child.episodes[-1].started_at,
        }


def aliases(plans, rng: random.Random):
    for child in plans:
        if rng.random() < 0.25:
            for name in rng.sample(names.NICKNAMES, rng.choice([1, 1, 2])):
                yield {"child_id": child.id, "name": name}


def restrictions(plans):
    for child in plans:
        if child.restricted:
            yield {"id": derived(child.id, "restriction"), "child_id": child.id, "reason": "staff",
                   "reason_detail": "A relative works for the council (synthetic).",
                   "review_due": (child.episodes[-1].started_at + 90 * DAY).date(),
                   "created_by_id": _team_manager(child).id, "created_at": child.created_at + HOUR}


def restriction_users(plans):
    for child in plans:
        if child.restricted:
            yield {"childrestriction_id": derived(child.id, "restriction"), "user_id": child.worker.id}


def restriction_teams(plans):
    for child in plans:
        if child.restricted:
            yield {"childrestriction_id": derived(child.id, "restriction"), "team_id": child.team.id}


def episodes_of(plans):
    for child in plans:
        yield from child.episodes


def screenings(plans, rng: random.Random):
    tool = configuration_current("screening_tool").pk
    for episode in episodes_of(plans):
        if not episode.screened:
            continue
        at_risk = episode.submitted or episode.state == "draft"
        when = episode.when("screened")
        yield {"id": derived(episode.id, "screening"), "child_id": episode.child.id, "tool_id": tool,
               "completed_by_id": episode.child.worker.id, "reason": "Concern from school (synthetic)",
               "significant_indicators": ({code: rng.choice(["recent", "earlier"])
                                           for code in rng.sample(names.SIGNIFICANT, rng.randint(1, 3))}
                                          if at_risk else {}),
               "other_indicators": rng.sample(names.OTHER, rng.randint(0, 3)),
               "vulnerabilities": rng.sample(names.VULNERABILITIES, rng.randint(1, 3)),
               "outcome": "at_risk" if at_risk else "no_current_risk", "completed_at": when,
               "created_at": when, "updated_at": when}


def assessments(plans, rng: random.Random):
    configuration, levels = configuration_current("assessment").pk, configuration_current("risk_levels").pk
    for episode in episodes_of(plans):
        if not episode.submitted:
            continue
        rationale = f"Indicators in the last 6 months; {episode.proposed_level} risk (synthetic)."
        yield {"id": derived(episode.id, "assessment"), "child_id": episode.child.id,
               "screening_id": derived(episode.id, "screening"), "configuration_id": configuration,
               "risk_levels_id": levels, "created_by_id": episode.child.worker.id,
               "status": "returned" if episode.state == "returned" else "submitted",
               "sections": {"risk_level": {"proposed_risk_level": episode.proposed_level, "risk_rationale": rationale}},
               "completed_sections": ["risk_level"], "proposed_risk_level": episode.proposed_level,
               "risk_rationale": rationale, "completed_with_child": rng.random() < 0.7,
               "completed_with_parents": rng.random() < 0.5,
               "created_at": episode.when("screened") + HOUR, "updated_at": episode.when("submitted")}


def episodes(plans, rng: random.Random):
    # Read once: the clocks' own defaults or configuration.
    limit, initial_limit = decision_working_days(), initial_mase_working_days()
    for episode in episodes_of(plans):
        child = episode.child
        submitted_at = episode.when("resubmitted") or episode.when("submitted")
        decided_at = episode.when("decided")
        closed = episode.state == "closed"
        source = "ehm" if child.team.name.endswith("Early Help Team") else "lcs"
        yield {
            "id": episode.id, "child_id": child.id, "state": episode.state, "practitioner_id": child.worker.id,
            "team_id": child.team.id, "concern": rng.choice(names.CONCERNS),
            "screening_id": derived(episode.id, "screening") if episode.screened else None,
            "assessment_id": derived(episode.id, "assessment") if episode.submitted else None,
            "source": source if episode.submitted else "",
            "source_reference": f"{source.upper()}-S{str(child.id.int)[:7]}" if episode.submitted else "",
            "submission_round": episode.submission_round, "submitted_at": submitted_at,
            # As episode_submit stamps it: working days from the latest submission.
            "decision_due_on": decision_due_on(submitted_at, limit=limit) if submitted_at else None,
            "risk_level": episode.risk_level or (episode.proposed_level if episode.submitted else ""),
            "decided_at": decided_at,
            "initial_mase_due_on": (initial_mase_due_on(decided_at, limit=initial_limit)
                                    if decided_at and episode.mase_required else None),
            "decision_rationale": "Agreed in joint review (synthetic)." if decided_at else "",
            "next_steps": ("Hold a MASE (synthetic)." if episode.mase_required else
                           "Single-agency support (synthetic).") if decided_at else "",
            "closed_at": episode.when("closed") if closed else None,
            "closure_reason": episode.closure_reason if closed else "",
            "closure_detail": "Family moved abroad (synthetic)." if episode.closure_reason == "other" else "",
            "created_at": episode.started_at,
            "updated_at": episode.when("closed") or decided_at or submitted_at or episode.started_at,
        }


def decided_by(plans):
    for episode in episodes_of(plans):
        if episode.when("decided"):
            manager, police = reviewers(episode)
            for user in [manager] if episode.escalated else [manager, police]:
                yield {"episode_id": episode.id, "user_id": user.id}


def _moves(episode):
    """(name, from, to, actor, at) for each move the episode has made, in order."""
    practitioner = episode.child.worker
    manager, police = reviewers(episode)
    state = "draft"
    steps = [("submit", "submitted", practitioner, "submitted"), ("return", "returned", police, "returned"),
             ("submit", "submitted", practitioner, "resubmitted"), ("escalate", "escalated", police, "escalated")]
    for name, target, actor, step in steps:
        if episode.when(step):
            yield name, state, target, actor, episode.when(step)
            state = target
    if episode.when("decided"):
        target = "mase_required" if episode.mase_required else "mase_not_required"
        name = f"decide_{'escalated_' if episode.escalated else ''}{target}"
        yield name, state, target, manager if episode.escalated else police, episode.when("decided")
        state = target
    if episode.state == "closed":
        yield "close", state, "closed", practitioner, episode.when("closed")


def transitions(plans):
    for episode in episodes_of(plans):
        for name, source, target, actor, at in _moves(episode):
            yield {"episode_id": episode.id, "name": name, "from_state": source, "to_state": target,
                   "actor_id": actor.id, "reason": "" if name != "return" else "Please add the missing dates.",
                   "at": at}


def risk_level_changes(plans):
    for episode in episodes_of(plans):
        if not episode.submitted:
            continue
        yield {"episode_id": episode.id, "previous_level": "", "level": episode.proposed_level,
               "changed_by_id": episode.child.worker.id, "source": "proposed in the risk assessment",
               "rationale": "", "at": episode.when("submitted")}
        if episode.risk_level and episode.risk_level != episode.proposed_level:
            manager, police = reviewers(episode)
            yield {"episode_id": episode.id, "previous_level": episode.proposed_level, "level": episode.risk_level,
                   "changed_by_id": police.id, "source": "joint review", "rationale": "Agreed in joint review.",
                   "at": episode.when("decided")}


def joint_reviews(plans):
    for episode in episodes_of(plans):
        decided, escalated = episode.when("decided"), episode.when("escalated")
        if not (decided or escalated):
            continue
        manager, police = reviewers(episode)
        at = escalated or decided
        police_level = episode.risk_level or episode.proposed_level
        if escalated:  # they disagreed: the police saw less risk than the CSE team did
            police_level = "low" if police_level != "low" else "medium"
        views = [(manager, episode.risk_level or episode.proposed_level, 2), (police, police_level, 1)]
        for user, level, offset in views:
            yield {"episode_id": episode.id, "round": episode.submission_round, "reviewer_id": user.id,
                   "reviewer_role": user.role, "risk_level": level,
                   "mase_required": episode.mase_required and not (escalated and user is police),
                   "rationale": "View recorded in joint review (synthetic).", "next_steps": "",
                   "created_at": at - offset * HOUR}


def manager_advice(plans):
    for episode in episodes_of(plans):
        if episode.screened:
            manager = _team_manager(episode.child)
            yield {"episode_id": episode.id, "manager_id": manager.id, "given_on": episode.when("screened").date(),
                   "advice": "Complete the screening and talk to the CSE team (synthetic).",
                   "recorded_by_id": episode.child.worker.id, "recorded_at": episode.when("screened")}


def conversations(plans, rng: random.Random):
    for episode in episodes_of(plans):
        if not episode.submitted:
            continue
        when = episode.when("screened")
        talks = [("child", "The young person")] + ([("parents", "Mother (synthetic)")] if rng.random() < 0.6 else [])
        for held_with, people in talks:
            yield {"episode_id": episode.id, "held_with": held_with, "held_on": when.date(), "people": people,
                   "views": "Says they are fine and the adults are friends (synthetic).",
                   "recorded_by_id": episode.child.worker.id, "recorded_at": when + HOUR}
