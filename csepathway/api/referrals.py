"""An inbound referral from LCS or EHM (ADR 0059): the child found or recorded by the source
system's reference, the episode started, screened, assessed, signed off and submitted to the CSE
team through the episodes' own services, in the name of the practitioner the referral names, so
the clocks, the audit trail and the outbox all behave as if they had sent it from the pages."""

import dataclasses
import datetime as dt

from django.db import IntegrityError, transaction
from django.db.models import Q

from csepathway.accounts.models import User
from csepathway.accounts.roles import Role
from csepathway.assessments.services import assessment_section_save
from csepathway.audit.services import record
from csepathway.children.access import visible_children
from csepathway.children.models import Child
from csepathway.children.services import child_create
from csepathway.core.configuration import configuration_current
from csepathway.core.refusals import Refused
from csepathway.episodes.assessment_services import episode_assessment_start
from csepathway.episodes.models import Episode
from csepathway.episodes.screening_services import episode_screening_record
from csepathway.episodes.services import episode_start, episode_submit
from csepathway.episodes.sign_off_services import assessment_sign_off_decide, assessment_sign_off_request
from csepathway.screening.models import Outcome
from csepathway.screening.services import ScreeningInvalid

from .models import InboundReferral, SystemClient

REFERENCE_FIELD = {"lcs": "lcs_reference", "ehm": "ehm_reference"}
SIGNED_OFF_COMMENT = "Signed off in the source system before it was sent."


@dataclasses.dataclass(frozen=True)
class Referral:
    referral_id: str
    source: str  # "lcs" or "ehm"
    child_reference: str
    first_name: str
    last_name: str
    date_of_birth: dt.date
    gender: str
    practitioner_email: str
    team_manager_email: str
    concern: str
    screening_reason: str
    significant_indicators: dict
    other_indicators: list
    vulnerabilities: list
    proposed_risk_level: str
    risk_rationale: str


def _account(email: str, role: str, field: str, *, team_id=None) -> User:
    people = User.objects.filter(email__iexact=email.strip(), role=role, is_active=True, team__isnull=False)
    if team_id is not None:
        people = people.filter(team_id=team_id)
    person = people.order_by("pk").first()
    if person is None or not person.team or person.team.is_cse_team:
        label = "practitioner" if role == Role.PRACTITIONER else "Team Manager of the practitioner's team"
        raise Refused(f"No active {label} in a locality team has this email address in CSE Pathway.", field=field)
    return person


def _child(*, referral: Referral, practitioner: User) -> Child:
    """The child with this reference in the source system, if the practitioner may work on them;
    otherwise a new record, held by the practitioner and their team."""
    field = REFERENCE_FIELD[referral.source]
    match = Q(**{f"{field}__iexact": referral.child_reference})
    child = visible_children(practitioner).filter(match).order_by("created_at").first()
    if child is not None:
        return child
    if Child.objects.filter(match).exists():
        # Said without naming whose the record is: the practitioner may not see it.
        raise Refused("A child with this reference is held by another team in CSE Pathway: ask the CSE team.",
                      field="child.reference")
    return child_create(actor=practitioner, data={
        "first_name": referral.first_name, "last_name": referral.last_name, "date_of_birth": referral.date_of_birth,
        "gender": referral.gender, field: referral.child_reference,
        "allocated_worker": practitioner, "allocated_team": practitioner.team})


def _existing(system: SystemClient, referral_id: str) -> Episode | None:
    known = InboundReferral.objects.filter(system=system, referral_id=referral_id).first()
    return None if known is None else Episode.objects.filter(pk=known.episode_id).first()


def referral_receive(*, actor, system: SystemClient, referral: Referral) -> tuple[Episode, bool]:
    """Returns (episode, created). The same referral id again returns its episode, created False,
    and changes nothing. A referral the pathway would refuse (a guardrail, an unknown practitioner)
    raises Refused and leaves nothing behind."""
    episode = _existing(system, referral.referral_id)
    if episode is not None:
        record(actor=actor, verb="api.referral_repeated", obj=episode, child_id=episode.child_id)
        return episode, False
    try:
        with transaction.atomic():
            return _receive(actor=actor, system=system, referral=referral), True
    except IntegrityError:
        # The same referral posted twice at once: the unique constraint let one in.
        episode = _existing(system, referral.referral_id)
        if episode is None:
            raise
        return episode, False


def _receive(*, actor, system: SystemClient, referral: Referral) -> Episode:
    practitioner = _account(referral.practitioner_email, Role.PRACTITIONER, "practitioner_email")
    manager = _account(referral.team_manager_email, Role.TEAM_MANAGER, "team_manager_email",
                       team_id=practitioner.team_id)
    child = _child(referral=referral, practitioner=practitioner)
    episode = episode_start(actor=practitioner, child=child, concern=referral.concern)
    try:
        episode_screening_record(
            actor=practitioner, episode=episode, tool=configuration_current("screening_tool"),
            reason=referral.screening_reason, significant_indicators=referral.significant_indicators,
            other_indicators=referral.other_indicators, vulnerabilities=referral.vulnerabilities,
            outcome=Outcome.AT_RISK)
    except ScreeningInvalid as invalid:
        raise Refused(str(invalid), field="screening") from invalid
    assessment = episode_assessment_start(actor=practitioner, episode=episode)
    assessment_section_save(actor=practitioner, assessment=assessment, section="risk_level",
                            expected_version=assessment.version, complete=True,
                            answers={"proposed_risk_level": referral.proposed_risk_level,
                                     "risk_rationale": referral.risk_rationale})
    assessment_sign_off_request(actor=practitioner, episode=episode)
    assessment_sign_off_decide(actor=manager, episode=episode, agree=True, comment=SIGNED_OFF_COMMENT)
    episode = episode_submit(actor=practitioner, episode=Episode.objects.get(pk=episode.pk), source=referral.source,
                             source_reference=referral.child_reference)
    # Last, so that a second request with the same id made at the same moment fails here on the
    # unique constraint, and everything it did rolls back with it.
    InboundReferral.objects.create(system=system, referral_id=referral.referral_id, episode_id=episode.pk,
                                   child_id=child.pk)
    record(actor=actor, verb="api.referral_received", obj=episode, child_id=child.pk)
    return episode
