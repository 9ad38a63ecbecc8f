"""Reads for the API, always as the system's service account and through the scopes the pages use
(episodes, meetings, children access modules): nothing here decides who sees what. Every read is on
the audit trail under an `api.` verb, a refusal as a refusal."""

import uuid

from django.db.models import Prefetch, Q, QuerySet

from csepathway.audit.scope import get_in_scope_or_404
from csepathway.audit.services import record
from csepathway.children.access import visible_children
from csepathway.children.models import Child
from csepathway.core.paging import window_page
from csepathway.episodes.access import visible_episodes
from csepathway.episodes.models import Episode, Transition
from csepathway.meetings.access import visible_meetings
from csepathway.meetings.models import MaseMeeting
from csepathway.meetings.selectors import agenda_items_for, meeting_child_id
from csepathway.notes.models import CaseNote

PAGE_SIZE = 50
REFERENCE_LIMIT = 50


def _episodes(actor) -> QuerySet[Episode]:
    # The decision's transition, for the outcome, in one more query for a whole page.
    decisions = Transition.objects.filter(name__startswith="decide").order_by("-at")
    return visible_episodes(actor).prefetch_related(Prefetch("transitions", queryset=decisions, to_attr="decisions"))


def episode_list(*, actor, page: int = 1, child_id: uuid.UUID | None = None):
    """A page of the episodes the actor may see, newest first (a window: no count of all rows)."""
    episodes = _episodes(actor).order_by("-created_at", "pk")
    if child_id is not None:
        episodes = episodes.filter(child_id=child_id)
    found = window_page(episodes, page, PAGE_SIZE)
    record(actor=actor, verb="api.episodes_listed", object_type="episodes.episode",
           object_id=str(len(found.object_list)))
    return found


def episode_get(*, actor, episode_id, verb: str = "api.episode_read") -> Episode:
    return get_in_scope_or_404(_episodes(actor), actor=actor, pk=episode_id, verb=verb)


def _meetings(actor) -> QuerySet[MaseMeeting]:
    # Each meeting with the agenda items this reader may see (a restricted child's are marked withheld).
    items = Prefetch("agenda_items", queryset=agenda_items_for(actor), to_attr="items_for_reader")
    return visible_meetings(actor).prefetch_related(items)


def meeting_list(*, actor, page: int = 1):
    found = window_page(_meetings(actor).order_by("-starts_at", "pk"), page, PAGE_SIZE)
    record(actor=actor, verb="api.meetings_listed", object_type="meetings.masemeeting",
           object_id=str(len(found.object_list)))
    return found


def meeting_get(*, actor, meeting_id) -> MaseMeeting:
    return get_in_scope_or_404(_meetings(actor), actor=actor, pk=meeting_id, verb="api.meeting_read",
                               child_id_of=meeting_child_id)


def children_by_reference(*, actor, reference: str) -> list[Child]:
    """Children the actor may see whose LCS or EHM reference is `reference` (any case)."""
    reference = reference.strip()
    found = list(visible_children(actor).filter(Q(lcs_reference__iexact=reference) | Q(ehm_reference__iexact=reference))
                 .order_by("pk")[:REFERENCE_LIMIT]) if reference else []
    # The reference identifies a child, so it is not kept on the trail; what was found is.
    record(actor=actor, verb="api.children_searched", object_type="children.child",
           object_id=str(found[0].pk) if len(found) == 1 else str(len(found)),
           child_id=found[0].pk if len(found) == 1 else None)
    return found


def case_note_for_acknowledgement(*, actor, note_id) -> CaseNote:
    """A case note on a child the actor may see, as the notes' own pages decide (visible_children)."""
    scope = CaseNote.objects.filter(child__in=visible_children(actor))
    return get_in_scope_or_404(scope, actor=actor, pk=note_id, verb="api.case_note_acknowledgement")
