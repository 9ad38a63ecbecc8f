"""Reads of missing episodes, always through the child's scope (children.access): an episode of a
child the actor may not see is 404, with the refusal on the trail."""

import dataclasses
import datetime as dt
import uuid

from django.db.models import Exists, OuterRef
from django.utils import timezone

from csepathway.audit.scope import get_in_scope_or_404
from csepathway.audit.services import record
from csepathway.screening.models import Screening

from . import prompt
from .access import visible_missing_episodes
from .models import MissingEpisode

PANEL_LIMIT = 20


def missing_episode_get(*, actor, episode_id: uuid.UUID | str, purpose: str = "viewed",
                        for_change: bool = False) -> MissingEpisode:
    """One episode with its child and interview, if the actor may see the child; else 404 (audited).
    `for_change` refuses (404, audited) anyone who may see but not record."""
    from .access import may_record_for

    scope = visible_missing_episodes(actor).select_related("child", "interview", "recorded_by")
    return get_in_scope_or_404(scope, actor=actor, pk=episode_id, verb=f"missing.{purpose}",
                               may=(lambda user, episode: may_record_for(user, episode.child)) if for_change else None)


@dataclasses.dataclass
class ChildMissing:
    episodes: list[MissingEpisode]
    count: int
    prompt: bool  # the repeated-missing banner stands on the child's record


def missing_for_child(*, actor, child, now: dt.datetime | None = None) -> ChildMissing:
    """The child's missing episodes, newest first (the latest PANEL_LIMIT), and whether the
    screening prompt stands. The child's page has audited the read of the record; this records which
    list was shown. Three queries however many episodes."""
    now = now or timezone.now()
    episodes = visible_missing_episodes(actor).filter(child=child)
    count = episodes.count()
    shown = list(episodes.select_related("interview").order_by("-started_at", "pk")[:PANEL_LIMIT]) if count else []
    standing = _prompt_stands(child, now) if count else False
    if count:
        record(actor=actor, verb="missing.listed", object_type="missing.missingepisode", object_id=str(len(shown)),
               child_id=child.pk)
    return ChildMissing(episodes=shown, count=count, prompt=standing)


def _prompt_stands(child, now: dt.datetime) -> bool:
    """The banner stands while the prompt was raised within the window and no screening of the child
    has been completed since: a screening is the answer it asks for."""
    rule = prompt.prompt_rule()
    if not rule.enabled:
        return False
    screened_since = Screening.objects.filter(child_id=child.pk, completed_at__gte=OuterRef("screening_prompted_at"))
    return (MissingEpisode.objects.filter(child_id=child.pk,
                                          screening_prompted_at__gte=now - dt.timedelta(days=rule.days))
            .exclude(Exists(screened_since)).exists())
