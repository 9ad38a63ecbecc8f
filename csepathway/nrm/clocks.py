"""The NRM's clocks and rules (shared/domain/REFERENCE.md): when the prompt shows, who decides, when
the reasonable-grounds decision is expected, and when a conclusive-grounds decision can be made."""

import datetime as dt

from django.conf import settings
from django.core import checks

from csepathway.core.formatting import govuk_date
from csepathway.core.working_days import add_working_days
from csepathway.episodes import exploitation

from .models import DecisionMaker, Outcome

REASONABLE_GROUNDS_WORKING_DAYS = 5
# The recovery period: at least 30 calendar days after a positive reasonable-grounds decision.
RECOVERY_DAYS = 30
SETTING = "NRM_DECISION_MAKER"


def decision_maker() -> str:
    """Who decides referrals in this deployment: the Single Competent Authority, or a local
    multi-agency panel where the area runs the devolved decision-making pilot."""
    return getattr(settings, SETTING, DecisionMaker.SCA)


def check_decision_maker_setting(app_configs=None, **kwargs) -> list[checks.CheckMessage]:
    value = decision_maker()
    if value in DecisionMaker.values:
        return []
    return [checks.Error(f"{SETTING} is {value!r}; it must be one of {', '.join(DecisionMaker.values)}.",
                         id="nrm.E001")]


def prompt_applies(episode) -> bool:
    """The episode's assessment records an exploitation type that its configuration version lists
    for an NRM prompt (trafficking and criminal exploitation, by default), or its screening records a
    criminal-exploitation indicator: criminal exploitation is trafficking (docs/adr/0063). A draft
    answer counts: the sooner the practitioner thinks about the NRM, the better."""
    if exploitation.criminal_exploitation_recorded(episode):
        return True
    types = exploitation.assessment_types(episode)
    return bool(types and types & set(episode.assessment.configuration.data.get("nrm_prompt_types", [])))


def reasonable_grounds_expected_on(referral) -> dt.date | None:
    if referral.referred_on is None:
        return None
    return add_working_days(referral.referred_on, REASONABLE_GROUNDS_WORKING_DAYS)


def reasonable_grounds_late(referral, today: dt.date) -> bool:
    """Still waiting for the decision after the day it was expected."""
    expected = reasonable_grounds_expected_on(referral)
    return expected is not None and not referral.reasonable_grounds and today > expected


def reasonable_grounds_came_late(referral) -> bool:
    expected = reasonable_grounds_expected_on(referral)
    return bool(expected and referral.reasonable_grounds_on and referral.reasonable_grounds_on > expected)


def conclusive_grounds_earliest(referral) -> dt.date | None:
    if referral.reasonable_grounds != Outcome.POSITIVE or referral.reasonable_grounds_on is None:
        return None
    return referral.reasonable_grounds_on + dt.timedelta(days=RECOVERY_DAYS)


def conclusive_grounds_refusal(referral, decided_on: dt.date | None = None) -> str | None:
    """Why a conclusive-grounds decision cannot be recorded (on `decided_on`), or None."""
    if referral.referred_on is None:
        return "Record the day the referral was made before you record a decision."
    if not referral.reasonable_grounds:
        return "Record the reasonable-grounds decision first: the conclusive-grounds decision follows it."
    if referral.reasonable_grounds == Outcome.NEGATIVE:
        return (f"The reasonable-grounds decision on {govuk_date(referral.reasonable_grounds_on)} was negative, "
                "so there is no conclusive-grounds decision to record.")
    earliest = conclusive_grounds_earliest(referral)
    if decided_on is not None and decided_on < earliest:
        return (f"A conclusive-grounds decision is made at least {RECOVERY_DAYS} days after a positive "
                f"reasonable-grounds decision. The reasonable-grounds decision was on "
                f"{govuk_date(referral.reasonable_grounds_on)}, so a conclusive-grounds decision can be recorded "
                f"from {govuk_date(earliest)}.")
    return None
