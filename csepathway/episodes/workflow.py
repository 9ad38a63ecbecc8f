"""The episode's states and transitions in one table. Each transition names who may take it
(roles, and a check on this episode), the states it leaves from, where it goes, the audit verb,
and its side effects. `apply()` is the only place an episode's state changes."""

import dataclasses
from collections.abc import Callable

from django.conf import settings
from django.utils import timezone

from csepathway.accounts.roles import Role
from csepathway.audit.services import record

from .models import Episode, State, Transition

CASE_HOLDERS = frozenset({Role.PRACTITIONER, Role.TEAM_MANAGER})
REVIEWERS = frozenset({Role.CSE_MANAGER, Role.POLICE_COORDINATOR})
CSE_TEAM = frozenset({Role.CSE_WORKER, Role.CSE_MANAGER})
DECIDED = frozenset({State.MASE_REQUIRED, State.MASE_NOT_REQUIRED})


class TransitionRefused(Exception):
    """Shown to the user as it is: a plain sentence saying why not."""


def holds_case(user, episode: Episode) -> bool:
    """The episode's practitioner, or a case holder in the episode's team."""
    return episode.practitioner_id == user.pk or (
        user.role in CASE_HOLDERS and user.team_id is not None and user.team_id == episode.team_id
    )


@dataclasses.dataclass(frozen=True)
class Rule:
    name: str
    label: str
    sources: frozenset[str]
    target: str
    roles: frozenset[str]
    verb: str
    may: Callable[[object, Episode], bool] = lambda user, episode: True
    effects: tuple[Callable, ...] = ()


def _escalation_roles() -> frozenset[str]:
    return frozenset(getattr(settings, "CSE_ESCALATION_ROLES", [Role.CSE_MANAGER]))


def _may_decide(user, episode: Episode) -> bool:
    # Agreement decides during review; once escalated, only the escalation role may decide.
    if episode.state == State.ESCALATED:
        return user.role in _escalation_roles()
    return user.role in REVIEWERS


ANY_ROLE = frozenset(Role.values)

TRANSITIONS: dict[str, Rule] = {
    rule.name: rule
    for rule in [
        Rule("submit", "Submit to the CSE team", frozenset({State.DRAFT, State.RETURNED}), State.SUBMITTED,
             CASE_HOLDERS, "episode.submitted", may=holds_case),
        Rule("return", "Return to the practitioner", frozenset({State.SUBMITTED, State.ESCALATED}), State.RETURNED,
             REVIEWERS, "episode.returned"),
        Rule("escalate", "Escalate the disagreement", frozenset({State.SUBMITTED}), State.ESCALATED,
             REVIEWERS, "episode.escalated"),
        Rule("decide_mase_required", "Decide: MASE required", frozenset({State.SUBMITTED, State.ESCALATED}),
             State.MASE_REQUIRED, ANY_ROLE, "episode.decided", may=_may_decide),
        Rule("decide_mase_not_required", "Decide: MASE not required",
             frozenset({State.SUBMITTED, State.ESCALATED}), State.MASE_NOT_REQUIRED,
             ANY_ROLE, "episode.decided", may=_may_decide),
        Rule("close", "Close the episode", frozenset({State.DRAFT, State.RETURNED, *DECIDED}), State.CLOSED,
             CASE_HOLDERS | CSE_TEAM, "episode.closed",
             may=lambda user, episode: user.role in CSE_TEAM or holds_case(user, episode)),
    ]
}


def allowed(name: str, *, user, episode: Episode) -> bool:
    rule = TRANSITIONS[name]
    return episode.state in rule.sources and user.role in rule.roles and rule.may(user, episode)


def apply(name: str, *, actor, episode: Episode, reason: str = "", changed_fields=()) -> Transition:
    """Move the episode. The caller holds the row lock (select_for_update) inside its transaction."""
    rule = TRANSITIONS[name]
    if episode.state not in rule.sources:
        raise TransitionRefused(
            f"You cannot {rule.label.lower()} because the episode is {episode.get_state_display().lower()}."
        )
    if actor.role not in rule.roles or not rule.may(actor, episode):
        raise TransitionRefused(f"You cannot {rule.label.lower()}: your role does not allow it for this episode.")
    now = timezone.now()
    previous = episode.state
    episode.state = rule.target
    episode.version += 1
    episode.save()
    transition = Transition.objects.create(episode=episode, name=name, from_state=previous, to_state=rule.target,
                                           actor=actor, reason=reason, at=now)
    record(actor=actor, verb=rule.verb, obj=episode, child_id=episode.child_id,
           changed_fields=["state", *changed_fields])
    for effect in rule.effects:
        effect(actor=actor, episode=episode, transition=transition)
    return transition
