"""A child with something of every kind held about them, made past its retention date."""

import datetime as dt
import types

from django.utils import timezone

from csepathway.accounts.roles import Role
from csepathway.accounts.tests.factories import UserFactory
from csepathway.children.models import BreakGlassGrant, Child, ChildAlias
from csepathway.children.restrictions.services import (
    restriction_create,
    restriction_lift_decline,
    restriction_lift_request,
    restriction_review,
)
from csepathway.children.tests.factories import ChildFactory
from csepathway.core.configuration import configuration_current
from csepathway.demo import pathway
from csepathway.episodes import scenarios
from csepathway.episodes import services as services_episodes
from csepathway.episodes.advice_services import advice_request
from csepathway.episodes.models import Episode, State
from csepathway.intelligence import services as intelligence_services
from csepathway.missing import services as missing_services
from csepathway.notes.models import CaseNote
from csepathway.notes.services import case_note_add, case_note_amend
from csepathway.nrm import services as nrm_services
from csepathway.nrm.tests.builders import episode_with_types
from csepathway.retention import services
from csepathway.screening.services import screening_complete
from csepathway.subject_access import services as sar_services
from csepathway.subject_access.models import SubjectAccessRequest

POLICE_MAILBOX = "intelligence@police.test.invalid"
PIECES = {
    "person": {"full_name": "Darren Retentionsuspect", "date_of_birth": None, "aliases": "", "description": ""},
    "vehicle": {"registration": "RT12TST", "make": "Testmake", "model": "", "colour": "Blue"},
    "phone": {"number": "07700900123", "whose": "Darren (test)"},
    "username": {"platform": "Testgram", "handle": "retention_test_handle"},
    "place": {"address": "Test Street car park (test)", "description": ""},
    "money": {"amount": None, "description": "Cash for a phone (test)"},
    "description": {"text": "Tall, with a scar (test)"},
}


def second_auditor():
    return UserFactory(username="ivy.governance", role=Role.AUDITOR, email="ivy.governance@council.test.invalid")


def make_due(child: Child, *, years_ago_closed: int = 12) -> None:
    """Thirty years old, and every episode closed long ago: past every default rule."""
    closed = timezone.now() - dt.timedelta(days=365 * years_ago_closed)
    Episode.objects.filter(child=child).update(state=State.CLOSED, closed_at=closed)
    SubjectAccessRequest.objects.filter(child=child, released_at__isnull=False).update(released_at=closed)
    Child.objects.filter(pk=child.pk).update(date_of_birth=timezone.localdate() - dt.timedelta(days=365 * 30 + 8),
                                             updated_at=closed)


def _missing_episode(practitioner, child, first_name) -> None:
    """A missing episode with the return and the interview held (csepathway/missing)."""
    now = timezone.now()
    episode = missing_services.missing_episode_record(actor=practitioner, child=child, data={
        "missing_from": "care", "started_at": now - dt.timedelta(days=3), "reported_by": "Home manager (test)",
        "police_reference": f"PR-{first_name}", "returned_at": now - dt.timedelta(days=2),
        "where_found": f"Found with {first_name}'s cousin (test)"})
    missing_services.return_interview_record(actor=practitioner, episode=episode, data={
        "offered_on": timezone.localdate() - dt.timedelta(days=2), "outcome": "completed",
        "outcome_at": now - dt.timedelta(days=1), "findings": f"{first_name} went to a party (test).",
        "finding_flags": ["disclosed_exploitation"]})


def full_child(personas, *, first_name="Retentia", last_name="Disposaltestchild", lcs="LCS-RET-001") -> Child:
    """Everything the service can hold about one child, a row of every model that can hold it:
    details and an alias, a decided episode with a conversation and the Team Manager's advice, a held
    MASE meeting with minutes, actions, invitees and plan entries, an intelligence report with a piece
    of every kind sent to the police, an NRM referral, an amended case note, a missing episode with its
    return home interview, a reviewed restriction
    with a declined request to lift it, an emergency access grant, a released subject access
    request, a released legal hold and a declined disposal proposal."""
    practitioner, auditor = personas.practitioner, personas.auditor
    child = ChildFactory(first_name=first_name, last_name=last_name, lcs_reference=lcs,
                         allocated_team=practitioner.team, allocated_worker=practitioner)
    ChildAlias.objects.create(child=child, name=f"{first_name}-alias")
    episode = scenarios.decided(practitioner=practitioner, child=child, cse_manager=personas.cse_manager,
                                police=personas.police_coordinator, mase_required=True)
    services_episodes.conversation_record(actor=practitioner, episode=episode, held_with="child",
                                          held_on=timezone.localdate(), people=f"{first_name} (test)",
                                          views="Wants to stay at her school (test).")
    advice_request(actor=practitioner, episode=episode, question="Screen now or wait? (test)")
    services_episodes.manager_advice_record(actor=practitioner, episode=episode, manager=personas.team_manager,
                                            given_on=timezone.localdate(), advice="Screen now (test).")
    pathway._hold_demo_meeting(episode=episode, users={"mase.chair": personas.mase_chair,
                                                       "cse.manager": personas.cse_manager})
    # A screening that contradicted itself, with the practitioner's reason (a challenge, ADR 0045).
    screening_complete(actor=practitioner, child=child, tool=configuration_current("screening_tool"),
                       reason="Seen in a car (test).", significant_indicators={"cars": "recent"}, other_indicators=[],
                       vulnerabilities=[], outcome="no_current_risk", no_risk_reason="The driver was family (test).")
    report = intelligence_services.report_create(actor=practitioner, episode=episode, data={
        "subject": f"Seen with {first_name} (test)", "information": f"{first_name} seen outside the school (test).",
        "how_learned": "told_by_child", "happened_on": None, "learned_on": None})
    for kind, data in PIECES.items():
        intelligence_services.piece_add(actor=practitioner, report=report, kind=kind,
                                        data={**data, "how_learned": "told_by_child"})
    report.refresh_from_db()
    intelligence_services.report_send(actor=practitioner, report=report, expected_version=report.version)
    nrm_episode = episode_with_types(types.SimpleNamespace(practitioner=practitioner), child, ["trafficking"])
    nrm_services.referral_start(actor=practitioner, episode=nrm_episode)
    note = case_note_add(actor=practitioner, child=child, kind=CaseNote.Kind.GENERAL, title="Visit (test)",
                         body=f"Visited {first_name} at home (test).")
    case_note_amend(actor=practitioner, note=note, body=f"Visited {first_name} at school (test).")
    _missing_episode(practitioner, child, first_name)
    restriction = restriction_create(actor=personas.cse_manager, child=child, reason="high_profile")
    restriction_review(actor=personas.cse_manager, restriction=restriction, note="Still needed (test).",
                       next_review_due=timezone.localdate() + dt.timedelta(days=90))
    restriction_lift_request(actor=personas.team_manager, child=child, reason="No longer high profile (test).")
    restriction_lift_decline(actor=personas.cse_manager, child=child, reason="Still in the news (test).")
    now = timezone.now()
    BreakGlassGrant.objects.create(user=personas.team_manager, child=child, reason="Out of hours (test)",
                                   confirmed_with="password", granted_at=now - dt.timedelta(days=3),
                                   expires_at=now - dt.timedelta(days=3) + dt.timedelta(hours=4))
    sar = sar_services.sar_start(actor=auditor, child=child, requester="The child (test)",
                                 received_on=timezone.localdate())
    sar = sar_services.sar_gather(actor=auditor, sar=sar, expected_version=sar.version)
    for item in sar.items.all():
        sar_services.bundle_item_review(actor=auditor, item=item, expected_version=item.version, decision="release")
    sar.refresh_from_db()
    sar_services.sar_release(actor=auditor, sar=sar, expected_version=sar.version)
    hold = services.legal_hold_place(actor=auditor, child=child, reason="Claim against the council (test)")
    services.legal_hold_release(actor=auditor, hold=hold, reason="Claim settled (test)")
    make_due(child)
    proposal = services.disposal_propose(actor=auditor, child=child)
    services.disposal_decline(actor=second_auditor(), proposal=proposal, reason="A sibling's case needs it (test)")
    child.refresh_from_db()
    return child
