"""The Team Manager's sign-off of the assessment, taken in the service (issue 13, point 2; docs/adr/0043).

The practitioner asks when the assessment is complete; every Team Manager of the episode's team is
emailed a link. One of them agrees, and the assessment may go to the CSE team, or returns it with
comments for the practitioner. Each step is audited. Emails say only that something waits."""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from csepathway.accounts import selectors as account_selectors
from csepathway.assessments.models import Assessment, ManagerSignOff
from csepathway.assessments.services import assessment_submission_problem
from csepathway.assessments.sign_off import SignOff, sign_off_state
from csepathway.audit.services import record
from csepathway.core.refusals import Refused
from csepathway.outbox.services import email_link

from . import access
from .models import Episode
from .workflow import state_phrase

ASK_SUBJECT = "CSE Pathway: an assessment needs your sign-off"
ANSWER_SUBJECT = "CSE Pathway: your Team Manager has answered"


def _locked(episode: Episode) -> tuple[Episode, Assessment]:
    episode = Episode.objects.select_for_update(of=("self",)).select_related("child").get(pk=episode.pk)
    assessment = Assessment.objects.select_for_update().filter(pk=episode.assessment_id).first()
    if assessment is None:
        raise Refused("Start the risk assessment first.")
    return episode, assessment


@transaction.atomic
def assessment_sign_off_request(*, actor, episode: Episode) -> ManagerSignOff:
    """Ask the team's Team Managers to sign off the assessment as it is now. Asking again while a
    request waits returns that request (a double click, a second tab) and sends nothing more."""
    episode, assessment = _locked(episode)
    if not access.holds_case(actor, episode):
        raise PermissionDenied
    if not access.may_edit_assessment(actor, episode):
        raise Refused(f"You cannot ask for sign-off because the episode is {state_phrase(episode)}.")
    problem = assessment_submission_problem(assessment)
    if problem:
        raise Refused(problem.replace("before you submit", "before you ask for sign-off"))
    latest = assessment.sign_offs.first()
    state = sign_off_state(assessment, latest)
    if state == SignOff.WAITING:
        return latest
    if state == SignOff.SIGNED_OFF:
        raise Refused("Your Team Manager has already signed off this assessment. You can send it to the CSE team.")
    sign_off = ManagerSignOff.objects.create(assessment=assessment, requested_by=actor,
                                             assessment_version=assessment.version)
    record(actor=actor, verb="assessment.sign_off_requested", obj=sign_off, child_id=episode.child_id,
           changed_fields=["state"])
    path = reverse("episodes:sign_off", args=[episode.pk])
    for manager in account_selectors.team_manager_list().filter(team_id=episode.team_id).exclude(pk=actor.pk):
        email_link(to_user=manager, subject=ASK_SUBJECT, path=path,
                   intro="An assessment in your team is waiting for your sign-off.", child_id=episode.child_id)
    return sign_off


@transaction.atomic
def assessment_sign_off_decide(*, actor, episode: Episode, agree: bool, comment: str = "") -> ManagerSignOff:
    """Agree (the assessment as it is now may go to the CSE team) or return it with comments.
    Answered once: a second answer, from this Team Manager or another, is refused."""
    episode, assessment = _locked(episode)
    if not access.may_sign_off(actor, episode):
        raise PermissionDenied
    sign_off = assessment.sign_offs.select_for_update().first()
    if sign_off is None or sign_off.state != ManagerSignOff.State.WAITING:
        answered = f": {sign_off.get_state_display().lower()}" if sign_off is not None else ""
        raise Refused(f"This assessment is not waiting for sign-off{answered}.")
    if not agree and not comment.strip():
        raise Refused("Say what the practitioner should change before you can sign it off.")
    sign_off.state = ManagerSignOff.State.AGREED if agree else ManagerSignOff.State.RETURNED
    # The agreement is for what the Team Manager read: the assessment now, not when it was asked.
    sign_off.assessment_version = assessment.version
    sign_off.decided_by, sign_off.decided_at, sign_off.comment = actor, timezone.now(), comment.strip()
    sign_off.save(update_fields=["state", "assessment_version", "decided_by", "decided_at", "comment",
                                 "updated_at"])
    record(actor=actor, verb=f"assessment.sign_off_{sign_off.state}", obj=sign_off, child_id=episode.child_id,
           changed_fields=["state", "comment"])
    email_link(to_user=episode.practitioner, subject=ANSWER_SUBJECT, path=reverse("episodes:detail", args=[episode.pk]),
               intro="Your Team Manager has answered your request for sign-off.", child_id=episode.child_id)
    return sign_off


def sign_off_problem(episode: Episode) -> str | None:
    """Why the assessment cannot go to the CSE team for want of sign-off, or None."""
    if not access.sign_off_needed(episode):
        return None
    state = sign_off_state(episode.assessment)
    if state == SignOff.SIGNED_OFF:
        return None
    return {
        SignOff.WAITING: "Your Team Manager has not signed off the assessment yet.",
        SignOff.RETURNED: "Your Team Manager returned the assessment with comments. Make the changes and ask "
                          "for sign-off again.",
        SignOff.CHANGED: "The assessment has changed since your Team Manager signed it off. Ask for sign-off again.",
    }.get(state, "Ask your Team Manager to sign off the assessment before you send it.")
