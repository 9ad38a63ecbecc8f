"""Writes on missing episodes and return home interviews. Each runs in one transaction: the check
that the actor may record for the child, the change (version-checked for edits), the audit event
naming the child, and, when recording an episode takes the child over the repeated-missing
threshold, the screening prompt's email through the outbox."""

import datetime as dt

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from csepathway.accounts import selectors as account_selectors
from csepathway.audit.services import record
from csepathway.children.models import Child
from csepathway.core.refusals import Refused
from csepathway.core.services import model_update, versioned_save
from csepathway.outbox.services import email_link

from . import clocks, prompt
from .access import may_record_for
from .models import MissingEpisode, ReturnHomeInterview

EPISODE_FIELDS = ["missing_from", "started_at", "reported_by", "police_reference"]
RETURN_FIELDS = ["returned_at", "where_found"]
INTERVIEW_FIELDS = ["offered_on", "outcome", "outcome_at", "interviewer", "findings", "finding_flags"]
PROMPT_SUBJECT = "CSE Pathway: a child's record needs your attention"
PROMPT_INTRO = ("A child you work with has been reported missing several times recently. "
                "Open their record to consider a screening.")


def _check_times(*, started_at, returned_at, now: dt.datetime) -> None:
    if started_at > now:
        raise Refused("The time the child went missing must be now or in the past.", field="started_date")
    if returned_at is not None:
        if returned_at < started_at:
            raise Refused("The return must be after the child went missing.", field="returned_date")
        if returned_at > now:
            raise Refused("The time the child returned must be now or in the past.", field="returned_date")


def _locked_child(actor, child: Child) -> Child:
    # The child's row is the lock: two episodes recorded at once for one child are counted in turn,
    # so the prompt is raised once, by whichever is second to count.
    child = Child.objects.select_for_update(of=("self",)).get(pk=child.pk)
    if not may_record_for(actor, child):
        raise PermissionDenied
    return child


def _locked_episode(actor, episode: MissingEpisode) -> MissingEpisode:
    _locked_child(actor, episode.child)
    return MissingEpisode.objects.select_related("child").get(pk=episode.pk)


def _prompt_if_threshold_crossed(*, actor, episode: MissingEpisode, now: dt.datetime) -> bool:
    rule = prompt.prompt_rule()
    if not rule.enabled:
        return False
    earliest, latest = prompt.near(episode.started_at, rule)
    others = list(MissingEpisode.objects.filter(child_id=episode.child_id, started_at__gte=earliest,
                                                started_at__lte=latest).exclude(pk=episode.pk)
                  .values_list("started_at", "screening_prompted_at"))
    if any(prompted is not None for _, prompted in others):
        return False  # this run of episodes has prompted already
    if not prompt.run_reaches_threshold([start for start, _ in others], episode.started_at, rule):
        return False
    episode.screening_prompted_at = now
    MissingEpisode.objects.filter(pk=episode.pk).update(screening_prompted_at=now)
    record(actor=actor, verb="missing.screening_prompted", obj=episode, child_id=episode.child_id)
    _tell_case_holders(episode.child)
    return True


def _tell_case_holders(child: Child) -> None:
    """The allocated worker; with nobody allocated, the allocated team's managers. The email names
    no child and says nothing of the case: only that a record needs attention, with its link."""
    path = reverse("children:detail", args=[child.pk])
    if child.allocated_worker is not None and child.allocated_worker.is_active:
        recipients = [child.allocated_worker]
    elif child.allocated_team_id:
        recipients = list(account_selectors.team_manager_list().filter(team_id=child.allocated_team_id))
    else:
        recipients = []
    for user in recipients:
        email_link(to_user=user, subject=PROMPT_SUBJECT, path=path, intro=PROMPT_INTRO, child_id=child.pk)


def _set_return(episode: MissingEpisode) -> None:
    episode.interview_due_at = clocks.interview_due_at(episode.returned_at) if episode.returned_at else None


@transaction.atomic
def missing_episode_record(*, actor, child: Child, data: dict, now: dt.datetime | None = None) -> MissingEpisode:
    """Record that the child went missing (and, if known already, when they returned)."""
    now = now or timezone.now()
    child = _locked_child(actor, child)
    _check_times(started_at=data["started_at"], returned_at=data.get("returned_at"), now=now)
    same = MissingEpisode.objects.filter(child=child, started_at=data["started_at"]).first()
    if same is not None:
        return same  # a second click, or the same report typed twice: one episode
    episode = MissingEpisode(child=child, recorded_by=actor,
                             **{name: data[name] for name in EPISODE_FIELDS + RETURN_FIELDS if name in data})
    _set_return(episode)
    episode.save()
    record(actor=actor, verb="missing.recorded", obj=episode, child_id=child.pk)
    _prompt_if_threshold_crossed(actor=actor, episode=episode, now=now)
    return episode


@transaction.atomic
def missing_episode_update(*, actor, episode: MissingEpisode, expected_version: int, data: dict,
                           now: dt.datetime | None = None) -> list[str]:
    """Correct an episode's details (and its return, when recorded). Raises StaleEdit when someone
    else saved first. A changed return time moves the interview's due time with it."""
    now = now or timezone.now()
    episode = _locked_episode(actor, episode)
    fields = EPISODE_FIELDS + (RETURN_FIELDS if episode.returned_at is not None else [])
    changed = model_update(instance=episode, fields=fields, data=data)
    _check_times(started_at=episode.started_at, returned_at=episode.returned_at, now=now)
    if "returned_at" in changed:
        _set_return(episode)
        changed.append("interview_due_at")
    versioned_save(instance=episode, expected_version=expected_version, changed=changed)
    record(actor=actor, verb="missing.updated", obj=episode, child_id=episode.child_id, changed_fields=changed)
    if "started_at" in changed:
        _prompt_if_threshold_crossed(actor=actor, episode=episode, now=now)
    return changed


@transaction.atomic
def missing_episode_return(*, actor, episode: MissingEpisode, expected_version: int, returned_at: dt.datetime,
                           where_found: str, now: dt.datetime | None = None) -> MissingEpisode:
    """Record the child's return: the return home interview's 72-hour clock starts now."""
    now = now or timezone.now()
    episode = _locked_episode(actor, episode)
    if episode.returned_at is not None:
        raise Refused("The child's return has already been recorded. Change the episode to correct it.")
    _check_times(started_at=episode.started_at, returned_at=returned_at, now=now)
    episode.returned_at, episode.where_found = returned_at, where_found
    _set_return(episode)
    versioned_save(instance=episode, expected_version=expected_version,
                   changed=["returned_at", "where_found", "interview_due_at"])
    record(actor=actor, verb="missing.returned", obj=episode, child_id=episode.child_id,
           changed_fields=["returned_at", "where_found"])
    return episode


@transaction.atomic
def return_interview_record(*, actor, episode: MissingEpisode, data: dict,
                            expected_version: int | None = None,
                            now: dt.datetime | None = None) -> ReturnHomeInterview:
    """Record the interview: offered (on a day), then completed or declined (at a time), with what it
    found. The first save creates it; later saves change it, version-checked."""
    now = now or timezone.now()
    episode = _locked_episode(actor, episode)
    if episode.returned_at is None:
        raise Refused("Record the child's return first: the interview follows the return.")
    outcome, outcome_at = data.get("outcome", ""), data.get("outcome_at")
    if outcome and outcome_at is None:
        raise Refused("Enter when the interview was held or declined.", field="outcome_date")
    if outcome_at is not None and (outcome_at < episode.returned_at or outcome_at > now):
        raise Refused("The interview must be held or declined after the return, and not in the future.",
                      field="outcome_date")
    if not outcome:
        data = {**data, "outcome_at": None}
    flags = sorted(set(data.get("finding_flags") or []))
    data = {**data, "finding_flags": flags}
    interview = ReturnHomeInterview.objects.filter(episode=episode).first()
    if interview is not None and expected_version is None:
        # A second click on the first save: the interview is recorded already, once.
        return interview
    if interview is None:
        interview = ReturnHomeInterview.objects.create(
            episode=episode, recorded_by=actor, **{name: data.get(name, "") for name in INTERVIEW_FIELDS
                                                   if name in data})
        record(actor=actor, verb="missing.interview_recorded", obj=interview, child_id=episode.child_id)
        return interview
    changed = model_update(instance=interview, fields=INTERVIEW_FIELDS, data=data)
    versioned_save(instance=interview, expected_version=expected_version, changed=changed)
    record(actor=actor, verb="missing.interview_updated", obj=interview, child_id=episode.child_id,
           changed_fields=changed)
    return interview
