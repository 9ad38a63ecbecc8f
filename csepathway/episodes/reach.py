"""Episodes a role reaches through a higher app's work, for the pages that gather many children at
once (the strategic MASE picture, docs/adr/0055). visible_episodes is each role's own rule; a MASE
chair has none of their own and reaches children only through the meetings they chair, which this
app cannot see. meetings registers that route here at start-up, so the dependency keeps pointing down."""

from collections.abc import Callable

from django.db.models import Q, QuerySet

from csepathway.children.access import hidden_restricted_children

from .access import episode_scope_q
from .models import Episode

# A provider answers with the ids of the episodes the user reaches (a subquery), or None.
ReachProvider = Callable[[object], QuerySet | None]
_providers: list[ReachProvider] = []


def register(provider: ReachProvider) -> None:
    if provider not in _providers:
        _providers.append(provider)


def reached_episodes(user) -> QuerySet[Episode]:
    """visible_episodes, and the episodes a registered route reaches, never a restricted record the
    user may not see. One SQL statement: the routes stay subqueries."""
    scope = episode_scope_q(user)
    widened = False
    for provider in _providers:
        ids = provider(user)
        if ids is not None:
            scope |= Q(pk__in=ids)
            widened = True
    episodes = Episode.objects.filter(scope)
    if widened:
        episodes = episodes.exclude(child_id__in=hidden_restricted_children(user))
    return episodes
