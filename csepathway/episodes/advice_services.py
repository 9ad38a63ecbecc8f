"""Asking the Team Manager for advice (issue 12, point 1): the practitioner asks, every Team Manager
of the team is emailed a link and finds it on their home page, and the next advice recorded on the
episode answers it. Emails say only that something waits."""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from csepathway.accounts import selectors as account_selectors
from csepathway.audit.services import record
from csepathway.core.refusals import Refused
from csepathway.outbox.services import email_link

from . import access
from .models import AdviceRequest, Episode, ManagerAdvice, State

ASK_SUBJECT = "CSE Pathway: a practitioner has asked for your advice"


@transaction.atomic
def advice_request(*, actor, episode: Episode, question: str) -> AdviceRequest:
    """Ask the team's Team Managers. A second question while one waits is added to the queue too:
    each is a thing the practitioner needs answered."""
    episode = Episode.objects.select_for_update(of=("self",)).get(pk=episode.pk)
    if not access.holds_case(actor, episode):
        raise PermissionDenied
    if episode.state == State.CLOSED:
        raise Refused("The episode is closed, so advice on it cannot be asked for here.")
    asked = AdviceRequest.objects.create(episode=episode, requested_by=actor, question=question,
                                         requested_at=timezone.now())
    record(actor=actor, verb="episode.advice_requested", obj=episode, child_id=episode.child_id)
    path = reverse("episodes:manager_advice", args=[episode.pk])
    for manager in account_selectors.team_manager_list().filter(team_id=episode.team_id).exclude(pk=actor.pk):
        email_link(to_user=manager, subject=ASK_SUBJECT, path=path,
                   intro="A practitioner in your team has asked for your advice.", child_id=episode.child_id)
    return asked


def advice_requests_answer(*, episode: Episode, advice: ManagerAdvice) -> int:
    """Called inside manager_advice_record: the advice answers every question waiting on the episode."""
    return AdviceRequest.objects.filter(episode=episode, answered_at__isnull=True).update(
        answer=advice, answered_at=timezone.now())
