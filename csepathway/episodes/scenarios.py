"""Build episodes at each stage of the pathway through the services: used by the demo data and the tests."""

from django.utils import timezone

from csepathway.accounts.models import User
from csepathway.accounts.roles import Role
from csepathway.assessments.services import assessment_section_save, assessment_start
from csepathway.core.configuration import configuration_current
from csepathway.screening.models import Outcome, Screening

from . import services
from .models import Episode
from .screening_services import episode_screening_record
from .sign_off_services import assessment_sign_off_decide, assessment_sign_off_request


def draft_episode(*, practitioner, child, concern: str = "Seen getting into cars with unknown adults.") -> Episode:
    return services.episode_start(actor=practitioner, child=child, concern=concern)


def screened(*, practitioner, child) -> Episode:
    """An episode whose screening found the child at risk, its assessment not started yet."""
    episode = draft_episode(practitioner=practitioner, child=child)
    episode_screening_record(actor=practitioner, episode=episode, tool=configuration_current("screening_tool"),
                             reason="Concern from school", significant_indicators={"cars": "recent"},
                             other_indicators=[], vulnerabilities=["low_self_esteem"], outcome=Outcome.AT_RISK)
    episode.refresh_from_db()
    return episode


def team_manager_for(practitioner) -> User:
    """A Team Manager of the practitioner's team to sign off: the first there is, or a synthetic one."""
    manager = (User.objects.filter(role=Role.TEAM_MANAGER, team=practitioner.team, is_active=True)
               .exclude(pk=practitioner.pk).order_by("username").first())
    if manager is None:
        manager = User.objects.create(username=f"synthetic-tm-{practitioner.team_id.hex[:12]}", first_name="Synthetic",
                                      last_name="Team Manager", role=Role.TEAM_MANAGER, team=practitioner.team)
    return manager


def signed_off(*, episode: Episode, practitioner, manager=None) -> Episode:
    """The practitioner asks for sign-off and a Team Manager of the team agrees."""
    assessment_sign_off_request(actor=practitioner, episode=episode)
    assessment_sign_off_decide(actor=manager or team_manager_for(practitioner), episode=episode, agree=True)
    episode.refresh_from_db()
    return episode


def ready_to_submit(*, practitioner, child, level: str = "medium", sign_off: bool = True) -> Episode:
    """An episode with an at-risk screening and an assessment proposing `level`, signed off by a Team
    Manager of the team unless `sign_off` is False."""
    episode = draft_episode(practitioner=practitioner, child=child)
    screening = Screening.objects.create(
        child=child, tool=configuration_current("screening_tool"), completed_by=practitioner,
        reason="Concern from school", significant_indicators={"cars": "recent"}, other_indicators=[],
        vulnerabilities=["low_self_esteem"], outcome=Outcome.AT_RISK, completed_at=timezone.now(),
    )
    assessment = assessment_start(actor=practitioner, child=child, screening=screening)
    assessment = assessment_section_save(
        actor=practitioner, assessment=assessment, section="risk_level", expected_version=assessment.version,
        answers={"proposed_risk_level": level, "risk_rationale": "Indicators in the last 6 months."},
        complete=True)
    Episode.objects.filter(pk=episode.pk).update(screening=screening, assessment=assessment)
    episode.refresh_from_db()
    return signed_off(episode=episode, practitioner=practitioner) if sign_off else episode


def submitted(*, practitioner, child, level: str = "medium") -> Episode:
    episode = ready_to_submit(practitioner=practitioner, child=child, level=level)
    return services.episode_submit(actor=practitioner, episode=episode, source="lcs",
                                   source_reference=child.lcs_reference or "LCS-TEST")


def decided(*, practitioner, child, cse_manager, police, level: str = "high", mase_required: bool = True) -> Episode:
    episode = submitted(practitioner=practitioner, child=child)
    for reviewer in (cse_manager, police):
        services.joint_review_record(actor=reviewer, episode=episode, risk_level=level, mase_required=mase_required,
                                     rationale="Agreed in joint review.", next_steps="Hold a multi-agency meeting.")
    episode.refresh_from_db()
    return episode


def returned(*, practitioner, child, police) -> Episode:
    episode = submitted(practitioner=practitioner, child=child)
    return services.episode_return(actor=police, episode=episode,
                                   reason="Please add the dates of the missing episodes and the return interviews.")


def escalated(*, practitioner, child, cse_manager, police) -> Episode:
    episode = submitted(practitioner=practitioner, child=child)
    services.joint_review_record(actor=cse_manager, episode=episode, risk_level="high", mase_required=True,
                                 rationale="Exploitation appears habitual.")
    services.joint_review_record(actor=police, episode=episode, risk_level="medium", mase_required=False,
                                 rationale="No evidence yet of offences; keep under review.")
    episode.refresh_from_db()
    return episode


def closed(*, practitioner, child, cse_manager, police) -> Episode:
    episode = decided(practitioner=practitioner, child=child, cse_manager=cse_manager, police=police, level="low",
                      mase_required=False)
    return services.episode_close(actor=practitioner, episode=episode, reason="risk_reduced")
