import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from csepathway.core.working_days import add_working_days, is_working_day, working_days_between


def test_weekends_and_bank_holidays_are_not_working_days():
    assert not is_working_day(dt.date(2026, 11, 28))  # Saturday
    assert not is_working_day(dt.date(2026, 12, 25))  # Christmas Day
    assert not is_working_day(dt.date(2026, 12, 28))  # Boxing Day substitute (26th is a Saturday)
    assert not is_working_day(dt.date(2027, 3, 29))  # Easter Monday
    assert is_working_day(dt.date(2026, 11, 30))


def test_three_working_days_after_a_christmas_eve_submission_skip_the_holidays():
    # Thu 24 Dec 2026 -> Fri 25 (holiday), Mon 28 (substitute Boxing Day) -> Tue 29, Wed 30, Thu 31
    assert add_working_days(dt.date(2026, 12, 24), 3) == dt.date(2026, 12, 31)


def test_working_days_between_counts_only_working_days():
    assert working_days_between(dt.date(2026, 12, 24), dt.date(2026, 12, 31)) == 3
    assert working_days_between(dt.date(2026, 11, 27), dt.date(2026, 11, 30)) == 1  # Fri -> Mon
    assert working_days_between(dt.date(2026, 11, 30), dt.date(2026, 11, 30)) == 0


@given(st.dates(min_value=dt.date(2020, 1, 1), max_value=dt.date(2035, 1, 1)), st.integers(0, 40))
def test_adding_then_counting_working_days_round_trips(start, days):
    assert working_days_between(start, add_working_days(start, days)) == days
