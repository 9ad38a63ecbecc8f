"""The screening step of an episode: record a completed screening and link the episode to it.

Screening again replaces the episode's link with the newest screening; the earlier screenings stay on
the child's record. (Kept beside services.py so the screening work stays in files of its own.)"""

from django.core.exceptions import PermissionDenied
from django.db import transaction

from csepathway.audit.services import record
from csepathway.core.refusals import Refused
from csepathway.screening.models import Screening
from csepathway.screening.services import screening_complete

from . import access
from .models import Episode
from .workflow import state_phrase


def _same_answers(screening: Screening, *, actor, tool, answers: dict) -> bool:
    return (screening.completed_by_id == actor.pk and screening.tool_id == tool.pk
            and screening.reason == answers["reason"] and screening.outcome == answers["outcome"]
            and screening.significant_indicators == dict(answers["significant_indicators"])
            and list(screening.other_indicators) == list(answers["other_indicators"])
            and list(screening.vulnerabilities) == list(answers["vulnerabilities"]))


@transaction.atomic
def episode_screening_record(*, actor, episode: Episode, tool, expected_version: int | None = None,
                             **answers) -> Screening:
    """Complete a screening for the episode's child with `tool` (the version the form was shown with)
    and make it the episode's screening. `answers` are those of screening_complete: reason,
    significant_indicators, other_indicators, vulnerabilities, outcome.

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
    return screening
