"""The period the strategic picture covers, and the months in it (docs/adr/0055)."""

import dataclasses
import datetime as dt

from django.utils import timezone

MAX_MONTHS = 24


@dataclasses.dataclass(frozen=True)
class Period:
    since: dt.date
    until: dt.date

    @property
    def start(self) -> dt.datetime:
        return timezone.make_aware(dt.datetime.combine(self.since, dt.time.min))

    @property
    def end(self) -> dt.datetime:
        """The first moment after the period (its last day included)."""
        return timezone.make_aware(dt.datetime.combine(self.until + dt.timedelta(days=1), dt.time.min))

    @property
    def months(self) -> list[dt.date]:
        first, months = self.since.replace(day=1), []
        while first <= self.until:
            months.append(first)
            first = (first + dt.timedelta(days=32)).replace(day=1)
        return months

    def previous(self) -> "Period":
        """The same number of days just before, for the change column."""
        days = (self.until - self.since).days + 1
        return Period(self.since - dt.timedelta(days=days), self.since - dt.timedelta(days=1))

    @property
    def words(self) -> str:
        return f"{self.since:%-d %B %Y} to {self.until:%-d %B %Y}"


def default_period(today: dt.date | None = None) -> Period:
    """The last twelve months, whole months from the first of the month eleven months ago to today:
    a strategic MASE looks at the year's trend."""
    today = today or timezone.localdate()
    first = today.replace(day=1)
    for _ in range(11):
        first = (first - dt.timedelta(days=1)).replace(day=1)
    return Period(first, today)
