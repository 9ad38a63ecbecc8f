"""The episodes' part of what is held about a child (children/records_held.py): the episode with its
conversations, advice and joint reviews, every step it took between states, and the history of its
risk level. The pathway's retention rule is registered here, for screenings and assessments too."""

from django.urls import reverse

from csepathway.accounts.roles import Role
from csepathway.children.records_held import (
    DATE_OF_BIRTH,
    ChronologyEvent,
    RecordsHeld,
    RecordType,
    Snapshot,
    lines,
    on_day,
    paragraphs,
)
from csepathway.core.formatting import govuk_date
from csepathway.core.presenters import person_name
from csepathway.screening.models import Screening

from .access import may_start_episode, visible_episodes
from .models import Conversation, Episode, ManagerAdvice, RiskLevelChange, State, Transition

PATHWAY = RecordType("pathway", "Screenings, risk assessments and CSE team decisions", (DATE_OF_BIRTH, 25))


def chronology(actor, child) -> list[ChronologyEvent]:
    """Six queries, however many episodes: the episodes the actor may see, then their steps, risk
    levels, advice, conversations and screenings. A case holder sees every screening of the child
    (an earlier one replaced by a re-screen included); anyone else the screenings of the episodes
    they see."""
    episodes = list(visible_episodes(actor).filter(child=child).select_related("practitioner"))
    ids = [e.pk for e in episodes]
    href = {e.pk: reverse("episodes:detail", args=[e.pk]) for e in episodes}
    events = [ChronologyEvent(e.created_at, "Concern recorded", f"By {person_name(e.practitioner)}", href[e.pk],
                              "episode") for e in episodes]
    for move in Transition.objects.filter(episode_id__in=ids).select_related("actor"):
        events.append(ChronologyEvent(move.at, State(move.to_state).label, f"By {person_name(move.actor)}",
                                      href[move.episode_id], "episode"))
    for change in RiskLevelChange.objects.filter(episode_id__in=ids):
        was = f" (was {change.get_previous_level_display()})" if change.previous_level else ""
        events.append(ChronologyEvent(change.at, f"Risk level {change.get_level_display()}{was}",
                                      change.source.capitalize(), href[change.episode_id], "episode"))
    for advice in ManagerAdvice.objects.filter(episode_id__in=ids).select_related("manager"):
        events.append(ChronologyEvent(on_day(advice.given_on, advice.recorded_at), "Team Manager's advice",
                                      f"From {person_name(advice.manager)}", href[advice.episode_id], "conversation",
                                      timed=False))
    for talk in Conversation.objects.filter(episode_id__in=ids).select_related("recorded_by"):
        events.append(ChronologyEvent(on_day(talk.held_on, talk.recorded_at),
                                      f"Conversation with {talk.get_held_with_display().lower()}",
                                      f"Recorded by {person_name(talk.recorded_by)}", href[talk.episode_id],
                                      "conversation", timed=False))
    return events + _screenings(actor, child, episodes)


def _screenings(actor, child, episodes) -> list[ChronologyEvent]:
    linked = {e.screening_id: e for e in episodes if e.screening_id}
    screenings = Screening.objects.filter(child=child).select_related("completed_by")
    if not may_start_episode(actor):
        screenings = screenings.filter(pk__in=list(linked))
    events = []
    for screening in screenings:
        episode = linked.get(screening.pk)
        events.append(ChronologyEvent(
            screening.completed_at, f"Screening: {screening.get_outcome_display().lower()}",
            f"By {person_name(screening.completed_by)}",
            reverse("episodes:detail", args=[episode.pk]) if episode else "", "screening"))
    return events


def _role(code: str) -> str:
    return Role(code).label if code in Role.values else code


def _episodes(child) -> list[Snapshot]:
    episodes = Episode.objects.filter(child=child).prefetch_related("conversations", "manager_advice", "reviews",
                                                                    "advice_requests")
    result = []
    for e in episodes:
        parts = [lines(("State", e.get_state_display()), ("Concern", e.concern),
                       ("Risk level", e.get_risk_level_display() if e.risk_level else ""),
                       ("Decision rationale", e.decision_rationale), ("Next steps", e.next_steps),
                       ("Closure reason", e.get_closure_reason_display() if e.closure_reason else ""),
                       ("Closure detail", e.closure_detail))]
        parts += [lines(("Conversation with", c.get_held_with_display()), ("Held on", c.held_on),
                        ("Who took part", c.people), ("Views", c.views)) for c in e.conversations.all()]
        parts += [lines(("Advice asked for on", govuk_date(q.requested_at)), ("Question", q.question))
                  for q in e.advice_requests.all()]
        parts += [lines(("Team Manager's advice given on", a.given_on), ("Advice", a.advice))
                  for a in e.manager_advice.all()]
        parts += [lines(("Joint review round", r.round), ("Reviewer", _role(r.reviewer_role)),
                        ("Risk level", r.get_risk_level_display()), ("Rationale", r.rationale),
                        ("Next steps", r.next_steps)) for r in e.reviews.all()]
        result.append(Snapshot("episode", e, f"Episode started {govuk_date(e.created_at)}", e.created_at,
                               paragraphs(*parts)))
    return result


def _steps(child) -> list[Snapshot]:
    moves = Transition.objects.filter(episode__child=child).select_related("episode", "actor")
    return [Snapshot("transition", move, f"Episode step on {govuk_date(move.at)}: {State(move.to_state).label}",
                     move.at, lines(("Part of the episode started on", govuk_date(move.episode.created_at)),
                                    ("From", State(move.from_state).label), ("To", State(move.to_state).label),
                                    ("When", move.at), ("By", person_name(move.actor)), ("Reason", move.reason)))
            for move in moves]


def _risk_levels(child) -> list[Snapshot]:
    changes = RiskLevelChange.objects.filter(episode__child=child).select_related("episode", "changed_by")
    return [Snapshot("risk_level_change", change,
                     f"Risk level set to {change.get_level_display()} on {govuk_date(change.at)}", change.at,
                     lines(("Part of the episode started on", govuk_date(change.episode.created_at)),
                           ("Risk level", change.get_level_display()),
                           ("Risk level before", change.get_previous_level_display() if change.previous_level
                            else "None set"),
                           ("When", change.at), ("Set by", person_name(change.changed_by)),
                           ("Where it was decided", change.source[:1].upper() + change.source[1:]),
                           ("Why", change.rationale)))
            for change in changes]


def snapshots(child) -> list[Snapshot]:
    return [*_episodes(child), *_steps(child), *_risk_levels(child)]


RECORDS_HELD = RecordsHeld(
    app="episodes", record_type=PATHWAY.code,
    models=("episodes.episode", "episodes.transition", "episodes.risklevelchange", "episodes.advicerequest",
            "episodes.manageradvice", "episodes.conversation", "episodes.jointreview"),
    chronology=chronology, subject_access=snapshots,
    folded={"episodes.conversation": "episodes.episode", "episodes.manageradvice": "episodes.episode",
            "episodes.advicerequest": "episodes.episode",
            "episodes.jointreview": "episodes.episode"},
)
