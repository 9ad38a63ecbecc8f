"""The due date: one calendar month from receipt, the month's last day where the day does not exist,
then the next working day after weekends and bank holidays."""

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from csepathway.core.working_days import is_working_day
from csepathway.subject_access.due_dates import one_calendar_month_after, sar_due_on


@pytest.mark.parametrize(("received", "due"), [
    (dt.date(2027, 1, 31), dt.date(2027, 3, 1)),    # 28 February 2027 is a Sunday
    (dt.date(2028, 1, 31), dt.date(2028, 2, 29)),   # leap year: the 29th exists and is a Tuesday
    (dt.date(2026, 11, 30), dt.date(2026, 12, 30)),
    # 25 December 2026 (Friday), Boxing Day (Saturday), Sunday, Boxing Day observed (Monday 28th).
    (dt.date(2026, 11, 25), dt.date(2026, 12, 29)),
    (dt.date(2026, 11, 26), dt.date(2026, 12, 29)),
    (dt.date(2027, 2, 28), dt.date(2027, 3, 30)),   # 28 March 2027 is Easter Sunday, the 29th Easter Monday
    (dt.date(2026, 3, 6), dt.date(2026, 4, 7)),     # 6 April 2026 is Easter Monday
    (dt.date(2026, 12, 31), dt.date(2027, 2, 1)),   # into the next year; 31 January 2027 is a Sunday
    (dt.date(2026, 4, 15), dt.date(2026, 5, 15)),   # an ordinary Friday stays put
])
def test_due_date_at_month_ends_weekends_and_bank_holidays(received, due):
    assert sar_due_on(received) == due


def test_one_calendar_month_keeps_the_day_or_takes_the_months_last_day():
    assert one_calendar_month_after(dt.date(2027, 1, 31)) == dt.date(2027, 2, 28)
    assert one_calendar_month_after(dt.date(2028, 1, 31)) == dt.date(2028, 2, 29)
    assert one_calendar_month_after(dt.date(2026, 3, 31)) == dt.date(2026, 4, 30)
    assert one_calendar_month_after(dt.date(2026, 12, 15)) == dt.date(2027, 1, 15)


receipts = st.dates(min_value=dt.date(2020, 1, 1), max_value=dt.date(2035, 12, 31))


@given(receipts)
def test_the_due_date_is_never_before_receipt_and_always_a_working_day(received):
    due = sar_due_on(received)
    assert due > received
    assert is_working_day(due)


@given(receipts)
def test_the_due_date_is_at_most_a_month_and_a_few_days_later(received):
    due = sar_due_on(received)
    month = one_calendar_month_after(received)
    assert month <= due <= month + dt.timedelta(days=5)  # the longest run: Christmas, Boxing Day and a weekend
    assert (due - received).days <= 31 + 5


@given(receipts)
def test_a_later_receipt_is_never_due_sooner(received):
    assert sar_due_on(received + dt.timedelta(days=1)) >= sar_due_on(received)
