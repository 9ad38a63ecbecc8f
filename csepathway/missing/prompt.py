"""Repeated missing episodes prompt a screening: by default three or more episodes starting within
90 days (a local rule, switchable; docs/adr/0064). The numbers are settings:
MISSING_PROMPT_ENABLED, MISSING_PROMPT_EPISODES and MISSING_PROMPT_DAYS.

Days are counted between the local dates the episodes started, so "within 90 days" does not move by
an hour across a clock change: episodes started on 1 January and 1 April (90 days later) are
within 90 days; on 1 January and 2 April they are not."""

import dataclasses
import datetime as dt

from django.conf import settings
from django.utils import timezone


@dataclasses.dataclass(frozen=True)
class PromptRule:
    enabled: bool
    episodes: int
    days: int


def prompt_rule() -> PromptRule:
    return PromptRule(enabled=bool(settings.MISSING_PROMPT_ENABLED),
                      episodes=max(int(settings.MISSING_PROMPT_EPISODES), 1),
                      days=max(int(settings.MISSING_PROMPT_DAYS), 0))


def _day(at: dt.datetime) -> dt.date:
    return timezone.localtime(at).date()


def run_reaches_threshold(starts: list[dt.datetime], new_start: dt.datetime, rule: PromptRule) -> bool:
    """Whether some window of `rule.days` days that holds `new_start` holds `rule.episodes` episodes
    or more, counting `new_start` and the others' `starts`. The episode may have been recorded late,
    so the window is looked for on both sides of it."""
    new_day = _day(new_start)
    days = sorted([_day(start) for start in starts] + [new_day])
    for first in days:
        if first > new_day or (new_day - first).days > rule.days:
            continue
        in_window = [day for day in days if first <= day and (day - first).days <= rule.days]
        if len(in_window) >= rule.episodes:
            return True
    return False


def near(start: dt.datetime, rule: PromptRule) -> tuple[dt.datetime, dt.datetime]:
    """The instants around `start` that any window holding it can reach: `rule.days` days either side,
    with a day to spare for the clock change. Used to read only the episodes that matter."""
    spare = dt.timedelta(days=rule.days + 1)
    return start - spare, start + spare
