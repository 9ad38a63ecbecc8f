"""GOV.UK style for dates and times: '3 June 2026', '2:30pm', always in local time."""

import datetime as dt

from django.utils import timezone
from markupsafe import Markup


def govuk_date(value: dt.date | dt.datetime | None) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        value = timezone.localtime(value).date()
    return f"{value.day} {value:%B %Y}"


def govuk_time(value: dt.datetime | dt.time | None) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        value = timezone.localtime(value).time()
    if value.hour == 12 and value.minute == 0:
        return "midday"
    if value.hour == 0 and value.minute == 0:
        return "midnight"
    hour = value.hour % 12 or 12
    minutes = "" if value.minute == 0 else f":{value.minute:02d}"
    return f"{hour}{minutes}{'am' if value.hour < 12 else 'pm'}"


def govuk_datetime(value: dt.datetime | None) -> str:
    if value is None:
        return ""
    return f"{govuk_date(value)} at {govuk_time(value)}"


def preserve_lines(text: str) -> Markup:
    """Typed text with its line breaks kept, safe to put in a GOV.UK macro's `html` parameter.
    The span matters: the macros start their cells with a newline that pre-line would show."""
    return Markup('<span class="app-preserve-lines">{}</span>').format(text)
