"""Flags that higher apps add to the rows of the CSE workspace (meetings: invitations overdue,
initial MASE overdue, review due), registered at start-up so episodes needs no knowledge of them.

A provider takes the whole list of episodes at once and returns {episode id: [Flag, ...]}. It must
run a fixed number of queries however long the list is: the workspace is tested for that.

The flags are worked out for the rows on the page; the workspace's count of breaches covers every
page, so each app that flags breaches also registers them as a filter (a Q on Episode) that the
database applies to the whole queue."""

import dataclasses
import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Iterable
from functools import reduce
from operator import or_

from django.db.models import Q


@dataclasses.dataclass(frozen=True)
class Flag:
    text: str
    # A breach of a timescale counts towards the workspace's warning; a reminder (a review due) does not.
    breach: bool = True
    colour: str = "red"  # a GOV.UK tag colour (core.presenters.tag)


FlagProvider = Callable[[list, dt.date], dict[object, list[Flag]]]
_providers: list[tuple[int, FlagProvider]] = []
BreachFilter = Callable[[dt.date], Q]
_breach_filters: list[BreachFilter] = []


def register(provider: FlagProvider, *, order: int = 100) -> None:
    if all(existing is not provider for _, existing in _providers):
        _providers.append((order, provider))
        _providers.sort(key=lambda item: item[0])


def register_breaches(breach_filter: BreachFilter) -> None:
    if all(existing is not breach_filter for existing in _breach_filters):
        _breach_filters.append(breach_filter)


def breaches_q(today: dt.date) -> Q | None:
    """Episodes with a breach some app flags, or None when no app flags any."""
    if not _breach_filters:
        return None
    return reduce(or_, (breach_filter(today) for breach_filter in _breach_filters))


def flags_for(episodes: Iterable, today: dt.date) -> dict[object, list[Flag]]:
    episodes = list(episodes)
    flags: dict[object, list[Flag]] = defaultdict(list)
    if not episodes:
        return flags
    for _, provider in _providers:
        for episode_id, found in provider(episodes, today).items():
            flags[episode_id].extend(found)
    return flags
