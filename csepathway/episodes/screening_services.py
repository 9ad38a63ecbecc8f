"""The screening step of an episode: record a completed screening and link the episode to it.

Screening again replaces the episode's link with the newest screening; the earlier screenings stay on
the child's record. (Kept beside services.py so the screening work stays in files of its own.)"""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from csepathway.accounts import selectors as account_selectors
from csepathway.audit.services import record
from csepathway.core.refusals import Refused
from csepathway.outbox.services import email_link
from csepathway.screening.models import Screening, ScreeningChallenge
from csepathway.screening.services import screening_complete

from . import access
from .models import Episode
from .workflow import state_phrase


def _same_answers(screening: Screening, *, actor, tool, answers: dict) -> bool:
    return (screening.completed_by_id == actor.pk and screening.tool_id == tool.pk
            and screening.reason == answers["reason"] and screening.outcome == answers["outcome"]
            and screening.significant_indicators == dict(answers["significant_indicators"])
            and screening.criminal_indicators == dict(answers.get("criminal_indicators") or {})
            and list(screening.other_indicators) == list(answers["other_indicators"])
            and list(screening.vulnerabilities) == list(answers["vulnerabilities"]))


@transaction.atomic
def episode_screening_record(*, actor, episode: Episode, tool, expected_version: int | None = None,
                             **answers) -> Screening:
    """Complete a screening for the episode's child with `tool` (the version the form was shown with)
    and make it the episode's screening. `answers` are those of screening_complete: reason,
    significant_indicators, criminal_indicators, other_indicators, vulnerabilities, outcome.

    With `expected_version` (the episode's version when the form was shown), a save made after someone
    else changed the episode is refused rather than silently replacing their screening; the same answers
    sent twice by the same person (a double click) return the screening already saved."""
    # Lock the episode row only: PostgreSQL cannot lock the nullable side of the outer join to screening.
    episode = (Episode.objects.select_for_update(of=("self",)).select_related("child", "screening")
               .get(pk=episode.pk))
    if not access.holds_case(actor, episode):
        raise PermissionDenied
    if not access.may_screen(actor, episode):
        raise Refused(f"You cannot change the screening because the episode is {state_phrase(episode)}.")
    if expected_version is not None and expected_version != episode.version:
        if episode.screening and _same_answers(episode.screening, actor=actor, tool=tool, answers=answers):
            return episode.screening
        raise Refused(
            "This episode was changed by someone else after you opened this page. Check the latest screening "
            "below; if you still want to save yours, save it again.")
    screening = screening_complete(actor=actor, child=episode.child, tool=tool, **answers)
    episode.screening = screening
    episode.version += 1
    episode.save(update_fields=["screening", "version", "updated_at"])
    record(actor=actor, verb="episode.screening_recorded", obj=episode, child_id=episode.child_id,
           changed_fields=["screening"])
    if hasattr(screening, "challenge"):
        _ask_team_managers(episode)
    return screening


CHALLENGE_SUBJECT = "CSE Pathway: a screening needs your agreement"


def _ask_team_managers(episode: Episode) -> None:
    # The email says only that something waits, never about the child (no case content in emails).
    path = reverse("episodes:screening_agreement", args=[episode.pk])
    for manager in account_selectors.team_manager_list().filter(team_id=episode.team_id):
        email_link(to_user=manager, subject=CHALLENGE_SUBJECT, path=path,
                   intro="A screening in your team needs your agreement before its outcome stands.",
                   child_id=episode.child_id)


@transaction.atomic
def screening_challenge_decide(*, actor, episode: Episode, agree: bool, comment: str = "") -> ScreeningChallenge:
    """The Team Manager agrees that there is no current risk, and the outcome stands; or does not,
    with a comment, and the practitioner screens again. Decided once: a second answer is refused."""
    episode = (Episode.objects.select_for_update(of=("self",)).select_related("child", "screening")
               .get(pk=episode.pk))
    if not access.may_agree_screening(actor, episode):
        raise PermissionDenied
    challenge = (ScreeningChallenge.objects.select_for_update().filter(screening_id=episode.screening_id)
                 .select_related("screening").first())
    if challenge is None:
        raise Refused("The episode's screening does not need your agreement.")
    if challenge.state != ScreeningChallenge.State.WAITING:
        raise Refused(f"This has already been answered: {challenge.get_state_display().lower()}.")
    if not agree and not comment.strip():
        raise Refused("Say why you do not agree, so the practitioner knows what to look at again.")
    challenge.state = ScreeningChallenge.State.AGREED if agree else ScreeningChallenge.State.NOT_AGREED
    challenge.decided_by, challenge.decided_at, challenge.comment = actor, timezone.now(), comment.strip()
    challenge.save(update_fields=["state", "decided_by", "decided_at", "comment", "updated_at"])
    record(actor=actor, verb=f"screening.challenge_{challenge.state}", obj=challenge, child_id=episode.child_id,
           changed_fields=["state", "comment"])
    email_link(to_user=episode.practitioner, subject="CSE Pathway: your Team Manager has answered",
               path=reverse("episodes:detail", args=[episode.pk]),
               intro="Your Team Manager has answered about a screening.", child_id=episode.child_id)
    return challenge
