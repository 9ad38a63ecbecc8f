"""Working days for the pathway's clocks: weekends and England and Wales bank holidays excluded."""

import datetime as dt
from functools import lru_cache

import holidays


@lru_cache(maxsize=64)
def _bank_holidays(year: int) -> frozenset[dt.date]:
    return frozenset(holidays.country_holidays("GB", subdiv="ENG", years=year).keys())


def is_working_day(day: dt.date) -> bool:
    return day.weekday() < 5 and day not in _bank_holidays(day.year)


def add_working_days(start: dt.date, days: int) -> dt.date:
    """The date `days` working days after `start` (start itself does not count)."""
    current = start
    remaining = days
    while remaining > 0:
        current += dt.timedelta(days=1)
        if is_working_day(current):
            remaining -= 1
    return current


def working_days_between(start: dt.date, end: dt.date) -> int:
    """Working days after `start` up to and including `end`; 0 when end is not after start."""
    if end <= start:
        return 0
    count = 0
    current = start
    while current < end:
        current += dt.timedelta(days=1)
        if is_working_day(current):
            count += 1
    return count


def latest_start_overdue_by(today: dt.date, days: int) -> dt.date:
    """The latest start whose clock of `days` working days has run out before `today`: every start
    on or before it is overdue, every later one is not (add_working_days never goes backwards), so a
    list can ask the database for what is overdue with one date comparison."""
    start = today - dt.timedelta(days=1)
    while add_working_days(start, days) >= today:
        start -= dt.timedelta(days=1)
    return start
