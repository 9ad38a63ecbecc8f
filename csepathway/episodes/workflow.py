"""The episode's states and transitions in one table. Each transition names who may take it
(roles, and a check on this episode), the states it leaves from, where it goes, the audit verb,
and its side effects. `apply()` is the only place an episode's state changes; it runs the side
effects in the caller's transaction, and they queue anything that leaves the system (email, delivery
to the source system) through the outbox, so work that rolls back takes them with it."""

import dataclasses
from collections.abc import Callable

from django.conf import settings
from django.utils import timezone

from csepathway.accounts.roles import Role
from csepathway.audit.services import record
from csepathway.notes.models import CaseNote
from csepathway.notes.services import case_note_add

from .access import CASE_HOLDERS, CSE_TEAM, REVIEWERS, holds_case
from .models import Episode, State, Transition

DECIDED = frozenset({State.MASE_REQUIRED, State.MASE_NOT_REQUIRED})


class TransitionRefused(Exception):
    """Shown to the user as it is: a plain sentence saying why not."""


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


def _decision_note_body(episode: Episode, decided_by: str) -> str:
    level = episode.get_risk_level_display()
    mase = "A MASE meeting is required." if episode.state == State.MASE_REQUIRED else "A MASE meeting is not required."
    lines = [f"Decision of the CSE team and police, made by {decided_by}.", f"Agreed risk level: {level}.", mase,
             "", "Rationale:", episode.decision_rationale or "(none given)", "", "Next steps:",
             episode.next_steps or "(none given)"]
    return "\n".join(lines)


def decision_case_note(*, actor, episode: Episode, transition: Transition) -> None:
    """The decision becomes a case note on the child's record: who decided (the episode's
    `decided_by`, which the deciding service sets before the transition, named in the users' usual
    order, by surname), the agreed level, MASE or not, the rationale and the next steps. The
    practitioner is emailed a link, and the note is queued for the source system."""
    mase = "MASE required" if episode.state == State.MASE_REQUIRED else "MASE not required"
    names = " and ".join(person.get_full_name() or person.username for person in episode.decided_by.all())
    case_note_add(actor=actor, child=episode.child, kind=CaseNote.Kind.CSE_DECISION,
                  title=f"CSE team decision: {mase}", body=_decision_note_body(episode, names), subject=episode,
                  notify=[episode.practitioner])


def returned_case_note(*, actor, episode: Episode, transition: Transition) -> None:
    """The reason for returning becomes a case note, and the practitioner is emailed a link. It is not
    delivered to the source system: the episode is still being worked on."""
    case_note_add(actor=actor, child=episode.child, kind=CaseNote.Kind.RETURNED,
                  title="Returned by the CSE team for more information", body=transition.reason, subject=episode,
                  notify=[episode.practitioner], deliver=False)


ANY_ROLE = frozenset(Role.values)

TRANSITIONS: dict[str, Rule] = {
    rule.name: rule
    for rule in [
        Rule("submit", "Submit to the CSE team", frozenset({State.DRAFT, State.RETURNED}), State.SUBMITTED,
             CASE_HOLDERS, "episode.submitted", may=holds_case),
        Rule("return", "Return to the practitioner", frozenset({State.SUBMITTED, State.ESCALATED}), State.RETURNED,
             REVIEWERS, "episode.returned", effects=(returned_case_note,)),
        Rule("escalate", "Escalate the disagreement", frozenset({State.SUBMITTED}), State.ESCALATED,
             REVIEWERS, "episode.escalated"),
        Rule("decide_mase_required", "Decide: MASE required", frozenset({State.SUBMITTED, State.ESCALATED}),
             State.MASE_REQUIRED, ANY_ROLE, "episode.decided", may=_may_decide, effects=(decision_case_note,)),
        Rule("decide_mase_not_required", "Decide: MASE not required",
             frozenset({State.SUBMITTED, State.ESCALATED}), State.MASE_NOT_REQUIRED,
             ANY_ROLE, "episode.decided", may=_may_decide, effects=(decision_case_note,)),
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
