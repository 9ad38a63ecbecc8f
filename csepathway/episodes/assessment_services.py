"""The risk assessment as a step of the episode: starting it from the at-risk screening (linking it
to the episode in the same transaction), and saving its sections while the episode is with the
practitioner. Who may read and change it is in access.py. The assessment's own rules (drafts,
version check, guardrails) stay in csepathway.assessments.services; this module adds the episode's."""

from django.core.exceptions import PermissionDenied
from django.db import transaction

from csepathway.assessments import services as assessment_services
from csepathway.assessments.models import Assessment
from csepathway.audit.services import record
from csepathway.core.refusals import Refused
from csepathway.screening.models import Outcome

from . import access
from .models import Episode

NOT_EDITABLE = "The assessment has been sent to the CSE team, so it cannot be changed unless they return it."
SCREEN_FIRST = "Complete the screening first: the assessment follows an ‘at risk’ outcome."


def assessment_can_start(episode: Episode) -> bool:
    """The assessment follows an 'at risk' screening."""
    return episode.screening is not None and episode.screening.outcome == Outcome.AT_RISK


def _locked(episode: Episode) -> Episode:
    return (Episode.objects.select_for_update(of=("self",)).select_related("child", "screening", "assessment")
            .get(pk=episode.pk))


@transaction.atomic
def episode_assessment_start(*, actor, episode: Episode) -> Assessment:
    """Start the episode's assessment, or return it if it has one (two tabs, a double click)."""
    episode = _locked(episode)
    if not access.holds_case(actor, episode):
        raise PermissionDenied
    if episode.assessment is not None:
        return episode.assessment
    if not access.may_edit_assessment(actor, episode):
        raise Refused(NOT_EDITABLE)
    if not assessment_can_start(episode):
        raise Refused(SCREEN_FIRST)
    assessment = assessment_services.assessment_start(actor=actor, child=episode.child, screening=episode.screening)
    episode.assessment = assessment
    episode.version += 1
    episode.save(update_fields=["assessment", "version", "updated_at"])
    record(actor=actor, verb="episode.assessment_started", obj=episode, child_id=episode.child_id,
           changed_fields=["assessment"])
    return assessment


@transaction.atomic
def episode_assessment_section_save(*, actor, episode: Episode, section: str, answers: dict, expected_version: int,
                                    complete: bool) -> Assessment:
    """Save a section of the episode's assessment. Holds the episode's row lock, so a save and the
    submission cannot interleave: once submitted, a late save (an autosave in flight) is refused."""
    episode = _locked(episode)
    if not access.holds_case(actor, episode):
        raise PermissionDenied
    assessment = episode.assessment
    if assessment is None:
        raise Refused("Start the assessment first.")
    if not access.may_edit_assessment(actor, episode):
        raise Refused(NOT_EDITABLE)
    return assessment_services.assessment_section_save(actor=actor, assessment=assessment, section=section,
                                                       answers=answers, expected_version=expected_version,
                                                       complete=complete)
