"""The CSE team's decision clock: a decision is due a number of working days after submission
(weekends and England and Wales bank holidays excluded), 3 by default, or what the published
"timescales" configuration says."""

import datetime as dt

from django.utils import timezone

from csepathway.core.configuration import configuration_current
from csepathway.core.working_days import add_working_days

DECISION_WORKING_DAYS_DEFAULT = 3


def decision_working_days() -> int:
    try:
        return int(configuration_current("timescales").data["cse_decision_working_days"])
    except (IndexError, KeyError):
        return DECISION_WORKING_DAYS_DEFAULT


def decision_due_on(submitted_at: dt.datetime, *, limit: int | None = None) -> dt.date:
    limit = decision_working_days() if limit is None else limit
    return add_working_days(timezone.localtime(submitted_at).date(), limit)
