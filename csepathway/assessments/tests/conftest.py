"""Episodes with an at-risk screening, ready for the risk assessment, built through the services."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from csepathway.children.tests.factories import ChildFactory
from csepathway.core.configuration import configuration_current
from csepathway.episodes import services as episode_services
from csepathway.episodes.models import Episode
from csepathway.screening.models import Outcome, Screening


def at_risk_episode(practitioner, child, *, significant=None, other=(), vulnerabilities=("low_self_esteem",),
                    outcome=Outcome.AT_RISK) -> Episode:
    """A draft episode whose screening found the child at risk (the screening row is made directly)."""
    episode = episode_services.episode_start(actor=practitioner, child=child,
                                             concern="Seen getting into cars with unknown adults (test).")
    screening = Screening.objects.create(
        child=child, tool=configuration_current("screening_tool"), completed_by=practitioner,
        reason="Concern from school about cars and older adults (test).",
        significant_indicators={"cars": "recent"} if significant is None else significant,
        other_indicators=list(other), vulnerabilities=list(vulnerabilities), outcome=outcome,
        completed_at=timezone.now(),
    )
    Episode.objects.filter(pk=episode.pk).update(screening=screening)
    episode.refresh_from_db()
    return episode


def years_ago(years: int) -> dt.date:
    today = timezone.localdate()
    return today.replace(year=today.year - years) - dt.timedelta(days=30)


@pytest.fixture
def child(personas):
    return ChildFactory(first_name="Jordan", last_name="Testchild", allocated_team=personas.team,
                        date_of_birth=years_ago(15))


@pytest.fixture
def episode(personas, child):
    return at_risk_episode(personas.practitioner, child)


def assessment_url(episode) -> str:
    return reverse("episodes:assessment", args=[episode.pk])


def section_url(episode, code: str) -> str:
    return reverse("episodes:assessment_section", args=[episode.pk, code.replace("_", "-")])


def date_parts(prefix: str, value: dt.date) -> dict:
    return {f"{prefix}_day": str(value.day), f"{prefix}_month": str(value.month), f"{prefix}_year": str(value.year)}


LAST_WEEK = timezone.localdate() - dt.timedelta(days=7)

# A complete, valid answer for every section (for the episode fixture's screening: "cars", recent).
COMPLETE_ANSWERS = {
    "child_details": {"agencies_involved": "School designated safeguarding lead; school nurse (test)."},
    "reason": {"reason": "The screening found Jordan at risk (test)."},
    "child_voice": {"views": "“I just go for drives with my mates” (test).", "how_gathered": "At school (test)."},
    "parents_views": {"views": "Mum is worried about the late nights (test)."},
    "vulnerabilities": {"vulnerabilities": ["low_self_esteem", "isolated"], "details": "Few friends (test)."},
    "indicators": {"cars-evidence": "Seen by school staff twice (test).", "cars-window": "recent",
                   "cars-basis": "evidence"},
    "missing_episodes": {"any_missing": "yes", "entry_count": "1", **date_parts("entries-0-went_missing", LAST_WEEK),
                         "entries-0-return_interview": "yes", "entries-0-notes": "Found in town (test)."},
    "associates": {"any_known": "yes", "entry_count": "1", "entries-0-name": "Adult Testperson",
                   "entries-0-nickname": "Tee", "entries-0-description": "Older adult with a car (test).",
                   "entries-0-phone": "07700 900000", "entries-0-vehicle": "Blue hatchback (test)",
                   "entries-0-online_handle": "@tee_test"},
    "places": {"any_known": "yes", "entry_count": "1", "entries-0-place": "Testtown retail park",
               "entries-0-description": "Cars collect young people there (test)."},
    "exploitation": {"types": ["sexual"], "models": ["boyfriend"], "details": "(test)"},
    "strengths": {"strengths": ["trusted_adult"], "details": "Close to her aunt (test)."},
    "analysis": {"analysis": "Jordan is being targeted by an older adult (test)."},
    "risk_level": {"proposed_risk_level": "medium", "risk_rationale": "Evidence of exchange for lifts (test)."},
    "completion": {"completed_with_child": "yes", "completed_with_parents": "no", "details": "Mum was away."},
    "sign_off": {"practitioner_name": "Pat Practitioner", **date_parts("practitioner_date", LAST_WEEK)},
}


def post_section(client, episode, code: str, answers: dict, *, action: str = "continue", completed: str = "yes",
                 version: int | None = None, htmx: bool = False, **extra):
    episode.refresh_from_db()
    data = {**answers, "action": action, "completed": completed,
            "version": episode.assessment.version if version is None else version, **extra}
    headers = {"HX-Request": "true"} if htmx else {}
    return client.post(section_url(episode, code), data, headers=headers)
