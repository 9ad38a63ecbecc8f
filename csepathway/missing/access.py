"""Who may see and record a child's missing episodes (docs/adr/0030).

Seeing follows the child's record: whoever may open the record sees its missing episodes (the police
coordinator too, for the children whose episodes reached the CSE team). Recording follows changing
the record: the case holders and the CSE team, never through emergency access (docs/adr/0021)."""

from django.db.models import QuerySet

from csepathway.children.access import RECORD_EDITORS, RECORD_READERS, editable_children, visible_children

from .models import MissingEpisode

READERS = RECORD_READERS
RECORDERS = RECORD_EDITORS


def visible_missing_episodes(user) -> QuerySet[MissingEpisode]:
    return MissingEpisode.objects.filter(child__in=visible_children(user))


def may_record_for(user, child) -> bool:
    """May this user record or change missing episodes for this child (one query)?"""
    return editable_children(user).filter(pk=child.pk).exists()
