"""The episode's states and transitions in one table. Each transition names who may take it
(roles, and a guard on this episode from access.py), the states it leaves from, where it goes, the
audit verb, and its side effects. `apply()` is the only place an episode's state changes; it runs the
side effects in the caller's transaction, and they queue anything that leaves the system (email,
delivery to the source system) through the outbox, so work that rolls back takes them with it.

Recording one reviewer's view is in the table too, as a step that does not move the episode
(`target=None`): it has its states, roles, guard and audit verb like any rule, so who may review
and when is decided here, but the episode stays submitted and no Transition row is written (a
Transition is a move between states, and the chronology shows each one). What the second view
leads to stays with the joint review service: agreement takes a decide rule, disagreement escalate.

Deciding has two pairs of transitions, one pair per way of reaching a decision: the reviewers
agreeing on a submitted episode, or the escalation role deciding an escalated one. Neither pair can
stand in for the other, so one person cannot decide a submitted episode through the escalation page."""

import dataclasses
from collections.abc import Callable

from django.utils import timezone

from csepathway.audit.services import record
from csepathway.core.refusals import Refused
from csepathway.core.wording import say, say_lazy
from csepathway.notes.models import CaseNote
from csepathway.notes.services import case_note_add

from . import access
from .models import EDITABLE_STATES, Episode, State, Transition

DECIDED = frozenset({State.MASE_REQUIRED, State.MASE_NOT_REQUIRED})


@dataclasses.dataclass(frozen=True)
class Rule:
    name: str
    label: str
    sources: frozenset[str]
    target: str | None  # None: a step that leaves the episode where it is, with no effects (module docstring)
    roles: frozenset[str]
    verb: str
    may: Callable[[object, Episode], bool] = lambda user, episode: True
    effects: tuple[Callable, ...] = ()
    refused: str = ""  # why not, when the guard says no; otherwise the role is named as the reason


def _decision_note_body(episode: Episode, decided_by: str) -> str:
    level = episode.get_risk_level_display()
    mase = say("A MASE meeting is required." if episode.state == State.MASE_REQUIRED
               else "A MASE meeting is not required.")
    lines = [f"Decision of the CSE team and police, made by {decided_by}.", f"Agreed risk level: {level}.", mase,
             "", "Rationale:", episode.decision_rationale or "(none given)", "", "Next steps:",
             episode.next_steps or "(none given)"]
    return "\n".join(lines)


def decision_case_note(*, actor, episode: Episode, transition: Transition) -> None:
    """The decision becomes a case note on the child's record: who decided (the episode's
    `decided_by`, which the deciding service sets before the transition, named in the users' usual
    order, by surname), the agreed level, MASE or not, the rationale and the next steps. The
    practitioner is emailed a link, and the note is queued for the source system."""
    mase = say("MASE required" if episode.state == State.MASE_REQUIRED else "MASE not required")
    names = " and ".join(person.display_name for person in episode.decided_by.all())
    case_note_add(actor=actor, child=episode.child, kind=CaseNote.Kind.CSE_DECISION,
                  title=f"CSE team decision: {mase}", body=_decision_note_body(episode, names), subject=episode,
                  notify=[episode.practitioner])


def returned_case_note(*, actor, episode: Episode, transition: Transition) -> None:
    """The reason for returning becomes a case note, and the practitioner is emailed a link. It is not
    delivered to the source system: the episode is still being worked on."""
    case_note_add(actor=actor, child=episode.child, kind=CaseNote.Kind.RETURNED,
                  title="Returned by the CSE team for more information", body=transition.reason, subject=episode,
                  notify=[episode.practitioner], deliver=False)


DECISION = "episode.decided"
ANOTHER_DECIDES = ("You reviewed this episode, so someone else in the escalation role who did not review it decides "
                   "the disagreement.")

TRANSITIONS: dict[str, Rule] = {
    rule.name: rule
    for rule in [
        Rule("submit", "Submit to the CSE team", EDITABLE_STATES, State.SUBMITTED,
             access.CASE_HOLDERS, "episode.submitted", may=access.may_submit),
        Rule("review", "Record a review", frozenset({State.SUBMITTED}), None,
             access.REVIEWERS, "episode.reviewed", may=access.may_review,
             refused="Your role has already recorded a review for this submission."),
        Rule("return", "Return to the practitioner", frozenset({State.SUBMITTED, State.ESCALATED}), State.RETURNED,
             access.REVIEWERS, "episode.returned", effects=(returned_case_note,)),
        Rule("escalate", "Escalate the disagreement", frozenset({State.SUBMITTED}), State.ESCALATED,
             access.REVIEWERS, "episode.escalated"),
        Rule("decide_mase_required", say_lazy("Decide that a MASE meeting is required"), frozenset({State.SUBMITTED}),
             State.MASE_REQUIRED, access.REVIEWERS, DECISION, effects=(decision_case_note,)),
        Rule("decide_mase_not_required", say_lazy("Decide that a MASE meeting is not required"),
             frozenset({State.SUBMITTED}),
             State.MASE_NOT_REQUIRED, access.REVIEWERS, DECISION, effects=(decision_case_note,)),
        # The escalation roles are a setting, read when the guard runs.
        Rule("decide_escalated_mase_required", "Decide the escalated episode", frozenset({State.ESCALATED}),
             State.MASE_REQUIRED, access.ANY_ROLE, DECISION, may=access.may_decide_escalation,
             effects=(decision_case_note,), refused=ANOTHER_DECIDES),
        Rule("decide_escalated_mase_not_required", "Decide the escalated episode", frozenset({State.ESCALATED}),
             State.MASE_NOT_REQUIRED, access.ANY_ROLE, DECISION, may=access.may_decide_escalation,
             effects=(decision_case_note,), refused=ANOTHER_DECIDES),
        Rule("close", "Close the episode", EDITABLE_STATES | DECIDED, State.CLOSED,
             access.CASE_HOLDERS | access.CSE_TEAM, "episode.closed", may=access.may_close),
    ]
}


def decision(*, mase_required: bool, escalated: bool) -> str:
    """The name of the rule that records this decision, reached this way."""
    return f"decide_{'escalated_' if escalated else ''}mase_{'required' if mase_required else 'not_required'}"


def state_phrase(episode: Episode) -> str:
    """The episode's state to end a sentence with: "closed", "submitted to the CSE team"."""
    label = episode.get_state_display()
    return label[:1].lower() + label[1:]


def refusal(name: str, *, user, episode: Episode) -> str | None:
    """Why this user cannot take this rule on this episode now, in a sentence; None if they can."""
    rule = TRANSITIONS[name]
    action = rule.label[:1].lower() + rule.label[1:]
    if episode.state not in rule.sources:
        return f"You cannot {action} because the episode is {state_phrase(episode)}."
    if getattr(user, "role", None) not in rule.roles:
        return f"You cannot {action}: your role does not allow it for this episode."
    if not rule.may(user, episode):
        return rule.refused or f"You cannot {action}: your role does not allow it for this episode."
    return None


def allowed(name: str, *, user, episode: Episode) -> bool:
    return refusal(name, user=user, episode=episode) is None


def check(name: str, *, user, episode: Episode) -> None:
    """Refuse (core.refusals.Refused) before any work is done that only this rule would justify."""
    reason = refusal(name, user=user, episode=episode)
    if reason is not None:
        raise Refused(reason)


def apply(name: str, *, actor, episode: Episode, reason: str = "", changed_fields=()) -> Transition | None:
    """Take the rule: move the episode and run its effects, or for a step with no target leave it
    where it is; audit either. The caller holds the row lock (select_for_update) inside its transaction."""
    rule = TRANSITIONS[name]
    check(name, user=actor, episode=episode)
    if rule.target is None:
        record(actor=actor, verb=rule.verb, obj=episode, child_id=episode.child_id, changed_fields=changed_fields)
        return None
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
