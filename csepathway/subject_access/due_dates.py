"""The statutory clock for a subject access request (UK GDPR article 12(3), as the ICO reads it):
one calendar month from the day of receipt; where the next month has no such day (31 January), the
last day of that month; and where that day is a weekend or a bank holiday, the next working day."""

import calendar
import datetime as dt

from csepathway.core.working_days import is_working_day


def one_calendar_month_after(received_on: dt.date) -> dt.date:
    year, month = (received_on.year + 1, 1) if received_on.month == 12 else (received_on.year, received_on.month + 1)
    last_day = calendar.monthrange(year, month)[1]
    return dt.date(year, month, min(received_on.day, last_day))


def sar_due_on(received_on: dt.date) -> dt.date:
    due = one_calendar_month_after(received_on)
    while not is_working_day(due):
        due += dt.timedelta(days=1)
    return due
