"""The clocks an episode carries: the CSE team's decision, due a number of working days after
submission (weekends and England and Wales bank holidays excluded), 3 by default; and, once the
decision is "MASE required", the initial MASE, due 10 working days after the decision. Both numbers
are what the published "timescales" configuration says, else these defaults. Both due dates are
stored on the episode when the clock starts, so lists find what is overdue in SQL."""

import datetime as dt

from django.utils import timezone

from csepathway.core.configuration import configuration_current
from csepathway.core.working_days import add_working_days

DECISION_WORKING_DAYS_DEFAULT = 3
INITIAL_MASE_WORKING_DAYS_DEFAULT = 10


def configured_working_days(key: str, default: int) -> int:
    try:
        return int(configuration_current("timescales").data[key])
    except (IndexError, KeyError, TypeError, ValueError):
        return default


def decision_working_days() -> int:
    return configured_working_days("cse_decision_working_days", DECISION_WORKING_DAYS_DEFAULT)


def initial_mase_working_days() -> int:
    return configured_working_days("initial_mase_working_days", INITIAL_MASE_WORKING_DAYS_DEFAULT)


def decision_due_on(submitted_at: dt.datetime, *, limit: int | None = None) -> dt.date:
    limit = decision_working_days() if limit is None else limit
    return add_working_days(timezone.localtime(submitted_at).date(), limit)


def initial_mase_due_on(decided_at: dt.datetime, *, limit: int | None = None) -> dt.date:
    limit = initial_mase_working_days() if limit is None else limit
    return add_working_days(timezone.localtime(decided_at).date(), limit)
