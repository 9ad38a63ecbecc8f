import dataclasses
import re

import pytest
from django.db import transaction

from csepathway.audit.models import AuditEvent
from csepathway.children.tests.factories import ChildFactory
from csepathway.core.refusals import Refused
from csepathway.episodes import scenarios as builders
from csepathway.episodes import services, workflow
from csepathway.episodes.models import Episode, State, Transition
from csepathway.episodes.sign_off_services import ANSWER_SUBJECT, ASK_SUBJECT
from csepathway.notes.adapters import CASE_NOTE_DELIVERY
from csepathway.notes.models import CaseNote
from csepathway.outbox.email import EMAIL
from csepathway.outbox.models import OutboxMessage

pytestmark = pytest.mark.django_db


@pytest.fixture
def child(personas):
    return ChildFactory(allocated_team=personas.team, lcs_reference="LCS-424242")


def test_every_transition_names_its_roles_sources_target_and_audit_verb():
    assert set(workflow.TRANSITIONS) == {"submit", "review", "return", "escalate", "decide_mase_required",
                                         "decide_mase_not_required", "decide_escalated_mase_required",
                                         "decide_escalated_mase_not_required", "close"}
    for rule in workflow.TRANSITIONS.values():
        assert rule.sources and rule.roles and rule.verb.startswith("episode.")
        assert rule.target or not rule.effects, "a step that does not move the episode has no effects"
    assert [name for name, rule in workflow.TRANSITIONS.items() if rule.target is None] == ["review"]


def test_submitting_moves_draft_to_submitted_records_history_and_audits(personas, child):
    from csepathway.audit.models import AuditEvent

    episode = builders.submitted(practitioner=personas.practitioner, child=child)
    assert episode.state == State.SUBMITTED and episode.submission_round == 1
    transition = Transition.objects.get(episode=episode)
    assert (transition.from_state, transition.to_state, transition.actor) == ("draft", "submitted",
                                                                              personas.practitioner)
    assert AuditEvent.objects.filter(verb="episode.submitted", child_id=child.pk).exists()
    assert episode.assessment.status == "submitted"
    assert episode.risk_level == "medium"
    assert list(episode.risk_level_changes.values_list("level", flat=True)) == ["medium"]


def test_submitting_without_a_proposed_risk_level_is_refused_with_a_plain_message(personas, child):
    episode = builders.draft_episode(practitioner=personas.practitioner, child=child)
    with pytest.raises(Refused, match="Complete the risk assessment"):
        services.episode_submit(actor=personas.practitioner, episode=episode, source="direct", source_reference="")


def test_submitting_twice_creates_one_submission_and_the_second_is_told_it_was_already_sent(personas, child):
    episode = builders.ready_to_submit(practitioner=personas.practitioner, child=child)
    services.episode_submit(actor=personas.practitioner, episode=Episode.objects.get(pk=episode.pk),
                            source="lcs", source_reference="LCS-424242")
    with pytest.raises(services.AlreadySent, match="already sent to the CSE team on"):
        services.episode_submit(actor=personas.practitioner, episode=Episode.objects.get(pk=episode.pk),
                                source="lcs", source_reference="LCS-424242")
    episode.refresh_from_db()
    assert episode.submission_round == 1
    assert Transition.objects.filter(episode=episode, name="submit").count() == 1


def test_an_outsider_cannot_submit_someone_elses_episode(personas, child):
    episode = builders.ready_to_submit(practitioner=personas.practitioner, child=child)
    with pytest.raises(Refused, match="your role does not allow it"):
        services.episode_submit(actor=personas.outsider, episode=episode, source="direct", source_reference="")


def test_both_reviewers_agreeing_decides_and_writes_the_case_note(personas, child):
    from csepathway.notes.models import CaseNote
    from csepathway.outbox.models import OutboxMessage

    episode = builders.decided(practitioner=personas.practitioner, child=child, cse_manager=personas.cse_manager,
                               police=personas.police_coordinator, level="high", mase_required=True)
    assert episode.state == State.MASE_REQUIRED
    assert episode.risk_level == "high"
    assert set(episode.decided_by.all()) == {personas.cse_manager, personas.police_coordinator}
    note = CaseNote.objects.get(child=child, kind=CaseNote.Kind.CSE_DECISION)
    assert "Agreed risk level: High" in note.body
    assert "A MASE meeting is required." in note.body
    assert "CSE Team Manager: Agreed in joint review." in note.body  # each reviewer's rationale
    assert "Police CSE Coordinator: Agreed in joint review." in note.body
    assert note.body.count("Hold a multi-agency meeting.") == 1
    assert personas.cse_manager.get_full_name() in note.body
    emails = [m for m in OutboxMessage.objects.filter(kind="email")
              if m.payload["subject"] not in (ASK_SUBJECT, ANSWER_SUBJECT)]  # the sign-off before it was sent
    assert [m.payload["to"] for m in emails] == [[personas.practitioner.email]]
    assert list(episode.risk_level_changes.values_list("level", flat=True)) == ["medium", "high"]


def test_one_review_alone_decides_nothing(personas, child):
    episode = builders.submitted(practitioner=personas.practitioner, child=child)
    services.joint_review_record(actor=personas.cse_manager, episode=episode, risk_level="high", mase_required=True,
                                 rationale="Test.")
    episode.refresh_from_db()
    assert episode.state == State.SUBMITTED


def test_a_reviewer_cannot_review_twice_in_one_round(personas, child):
    episode = builders.submitted(practitioner=personas.practitioner, child=child)
    services.joint_review_record(actor=personas.cse_manager, episode=episode, risk_level="high", mase_required=True,
                                 rationale="Test.")
    with pytest.raises(Refused, match="already recorded"):
        services.joint_review_record(actor=personas.cse_manager, episode=episode, risk_level="low",
                                     mase_required=False, rationale="Changed mind.")


def test_disagreement_escalates_keeps_both_views_and_only_the_escalation_role_decides(personas, child, settings):
    settings.CSE_ESCALATION_ROLES = ["cse_manager"]
    episode = builders.submitted(practitioner=personas.practitioner, child=child)
    services.joint_review_record(actor=personas.cse_manager, episode=episode, risk_level="high", mase_required=True,
                                 rationale="Habitual exploitation (test).")
    services.joint_review_record(actor=personas.police_coordinator, episode=episode, risk_level="medium",
                                 mase_required=False, rationale="Insufficient evidence (test).")
    episode.refresh_from_db()
    assert episode.state == State.ESCALATED
    assert episode.reviews.count() == 2
    with pytest.raises(Refused):
        services.escalation_decide(actor=personas.police_coordinator, episode=episode, risk_level="medium",
                                   mase_required=False, rationale="x", next_steps="")
    services.escalation_decide(actor=personas.cse_manager, episode=episode, risk_level="high", mase_required=True,
                               rationale="Escalation decision (test).", next_steps="MASE within 10 days.")
    episode.refresh_from_db()
    assert episode.state == State.MASE_REQUIRED
    assert episode.reviews.count() == 2


def test_return_and_resubmit_starts_a_new_review_round(personas, child):
    episode = builders.submitted(practitioner=personas.practitioner, child=child)
    services.joint_review_record(actor=personas.cse_manager, episode=episode, risk_level="high", mase_required=True,
                                 rationale="Test.")
    services.episode_return(actor=personas.police_coordinator, episode=episode, reason="Need the missing dates.")
    episode.refresh_from_db()
    assert episode.state == State.RETURNED and episode.assessment.status == "returned"
    # What goes back to the CSE team is signed off again (docs/adr/0043).
    builders.signed_off(episode=episode, practitioner=personas.practitioner)
    services.episode_submit(actor=personas.practitioner, episode=episode, source="lcs", source_reference="LCS-1")
    episode.refresh_from_db()
    assert episode.state == State.SUBMITTED and episode.submission_round == 2
    services.joint_review_record(actor=personas.cse_manager, episode=episode, risk_level="high", mase_required=True,
                                 rationale="Round two (test).")
    assert episode.reviews.filter(round=2).count() == 1


def test_a_practitioner_cannot_review(personas, child):
    from django.core.exceptions import PermissionDenied

    episode = builders.submitted(practitioner=personas.practitioner, child=child)
    with pytest.raises(PermissionDenied):
        services.joint_review_record(actor=personas.practitioner, episode=episode, risk_level="low",
                                     mase_required=False, rationale="x")


def test_closing_needs_a_reason_and_other_needs_words(personas, child):
    episode = builders.decided(practitioner=personas.practitioner, child=child, cse_manager=personas.cse_manager,
                               police=personas.police_coordinator)
    with pytest.raises(Refused, match="Explain why"):
        services.episode_close(actor=personas.practitioner, episode=episode, reason="other", detail=" ")
    services.episode_close(actor=personas.practitioner, episode=episode, reason="risk_reduced")
    episode.refresh_from_db()
    assert episode.state == State.CLOSED and episode.closure_reason == "risk_reduced"


def test_a_closed_episode_cannot_be_submitted(personas, child):
    episode = builders.ready_to_submit(practitioner=personas.practitioner, child=child)
    services.episode_close(actor=personas.practitioner, episode=episode, reason="moved_area")
    with pytest.raises(Refused, match="closed"):
        services.episode_submit(actor=personas.practitioner, episode=Episode.objects.get(pk=episode.pk),
                                source="direct", source_reference="")


def test_submission_checks_the_guardrails_again_against_the_childs_record_now(personas, child):
    episode = builders.ready_to_submit(practitioner=personas.practitioner, child=child, level="low")
    child.has_learning_disability = True
    child.save()
    with pytest.raises(Refused, match="learning disability"):
        services.episode_submit(actor=personas.practitioner, episode=Episode.objects.get(pk=episode.pk),
                                source="lcs", source_reference="LCS-424242")
    assert Episode.objects.get(pk=episode.pk).state == State.DRAFT


def test_both_reviewers_agreeing_mase_is_not_needed_decides_mase_not_required(personas, child):
    episode = builders.submitted(practitioner=personas.practitioner, child=child)
    services.joint_review_record(actor=personas.cse_manager, episode=episode, risk_level="low", mase_required=False,
                                 rationale="Risk reduced since school moved her (test).",
                                 next_steps="Review in 3 months.")
    services.joint_review_record(actor=personas.police_coordinator, episode=episode, risk_level="low",
                                 mase_required=False, rationale="No current intelligence of offences (test).")
    episode.refresh_from_db()
    assert episode.state == State.MASE_NOT_REQUIRED
    assert episode.risk_level == "low"
    note = CaseNote.objects.get(child=child, kind=CaseNote.Kind.CSE_DECISION)
    assert note.title == "CSE team decision: MASE not required"
    assert "A MASE meeting is not required." in note.body
    assert "A MASE meeting is required." not in note.body
    assert "Agreed risk level: Low" in note.body
    assert "CSE Team Manager: Risk reduced since school moved her (test)." in note.body
    assert "Police CSE Coordinator: No current intelligence of offences (test)." in note.body
    assert "Review in 3 months." in note.body


# Episodes in each state, built through the services as the pathway would reach them.
EPISODE_IN = {
    State.DRAFT: lambda p, child: builders.ready_to_submit(practitioner=p.practitioner, child=child),
    State.SUBMITTED: lambda p, child: builders.submitted(practitioner=p.practitioner, child=child),
    State.RETURNED: lambda p, child: builders.returned(practitioner=p.practitioner, child=child,
                                                       police=p.police_coordinator),
    State.ESCALATED: lambda p, child: builders.escalated(practitioner=p.practitioner, child=child,
                                                         cse_manager=p.cse_manager, police=p.police_coordinator),
    State.MASE_REQUIRED: lambda p, child: builders.decided(practitioner=p.practitioner, child=child,
                                                           cse_manager=p.cse_manager, police=p.police_coordinator),
    State.MASE_NOT_REQUIRED: lambda p, child: builders.decided(
        practitioner=p.practitioner, child=child, cse_manager=p.cse_manager, police=p.police_coordinator,
        level="low", mase_required=False),
}
# What each transition writes on the child's record through its effects, beyond its audit event.
CASE_NOTE_OF = {"return": CaseNote.Kind.RETURNED, "decide_mase_required": CaseNote.Kind.CSE_DECISION,
                "decide_mase_not_required": CaseNote.Kind.CSE_DECISION,
                "decide_escalated_mase_required": CaseNote.Kind.CSE_DECISION,
                "decide_escalated_mase_not_required": CaseNote.Kind.CSE_DECISION}


def test_every_state_a_transition_leaves_from_can_be_built():
    assert {source for rule in workflow.TRANSITIONS.values() for source in rule.sources} <= set(EPISODE_IN)


@pytest.mark.parametrize(("name", "source"), [(rule.name, source) for rule in workflow.TRANSITIONS.values()
                                              for source in sorted(rule.sources)])
def test_applying_any_rule_writes_its_audit_event_its_transition_and_its_case_note(personas, child, name, source):
    rule = workflow.TRANSITIONS[name]
    episode = EPISODE_IN[source](personas, child)
    assert episode.state == source
    actor = next(person for person in dataclasses.astuple(personas)
                 if workflow.allowed(name, user=person, episode=episode))
    audit_before = AuditEvent.objects.filter(verb=rule.verb, object_id=str(episode.pk)).count()
    notes_before = CaseNote.objects.filter(child=child).count()

    with transaction.atomic():
        transition = workflow.apply(name, actor=actor, episode=Episode.objects.select_for_update().get(pk=episode.pk),
                                    reason="Reason for this transition (test).")

    events = AuditEvent.objects.filter(verb=rule.verb, object_id=str(episode.pk))
    assert events.count() == audit_before + 1
    event = events.order_by("-sequence").first()
    assert (event.actor, event.child_id, event.outcome) == (actor, child.pk, AuditEvent.Outcome.ALLOWED)
    if rule.target is None:  # a step that leaves the episode where it is: no move, so no Transition
        assert transition is None and Episode.objects.get(pk=episode.pk).state == source
        assert "state" not in event.changed_fields
        return
    assert Episode.objects.get(pk=episode.pk).state == rule.target
    assert Transition.objects.filter(pk=transition.pk, episode=episode, name=name, from_state=source,
                                     to_state=rule.target, actor=actor).exists()
    assert "state" in event.changed_fields
    new_notes = CaseNote.objects.filter(child=child).count() - notes_before
    if name in CASE_NOTE_OF:  # the table's effects write it, whoever applies the rule
        assert new_notes == 1
        assert CaseNote.objects.filter(child=child).order_by("-created_at").first().kind == CASE_NOTE_OF[name]
    else:
        assert new_notes == 0


class Rollback(Exception):
    pass


def _decide(personas, episode):
    services.joint_review_record(actor=personas.cse_manager, episode=episode, risk_level="high", mase_required=True,
                                 rationale="Agreed (test).")
    services.joint_review_record(actor=personas.police_coordinator, episode=episode, risk_level="high",
                                 mase_required=True, rationale="Agreed (test).")


def _escalation_decide(personas, episode):
    services.escalation_decide(actor=personas.cse_manager, episode=episode, risk_level="medium",
                               mase_required=False, rationale="Decided on escalation (test).", next_steps="")


def _return(personas, episode):
    services.episode_return(actor=personas.cse_manager, episode=episode, reason="Add the missing dates (test).")


@pytest.mark.parametrize(("act", "kind", "delivered", "start"), [
    (_decide, CaseNote.Kind.CSE_DECISION, True, State.SUBMITTED),
    (_escalation_decide, CaseNote.Kind.CSE_DECISION, True, State.ESCALATED),
    (_return, CaseNote.Kind.RETURNED, False, State.SUBMITTED),
], ids=["joint-decision", "escalation-decision", "return"])
def test_decide_and_return_queue_the_case_note_and_the_email_in_the_same_transaction(
        personas, child, act, kind, delivered, start):
    episode = EPISODE_IN[start](personas, child)
    notes_before = set(CaseNote.objects.values_list("pk", flat=True))
    outbox_before = set(OutboxMessage.objects.values_list("pk", flat=True))

    def written():
        notes = CaseNote.objects.exclude(pk__in=notes_before)
        messages = OutboxMessage.objects.exclude(pk__in=outbox_before)
        return list(notes), list(messages)

    with pytest.raises(Rollback), transaction.atomic():
        act(personas, episode)
        notes, messages = written()
        assert [note.kind for note in notes] == [kind]
        emails = [m for m in messages if m.kind == EMAIL]
        assert [m.payload["to"] for m in emails] == [[personas.practitioner.email]]
        assert notes[0].title not in str(emails[0].payload)  # a link, no case content
        assert str(notes[0].pk) in emails[0].payload["path"]
        deliveries = [m for m in messages if m.kind == CASE_NOTE_DELIVERY]
        assert [m.payload["note_id"] for m in deliveries] == ([str(notes[0].pk)] if delivered else [])
        raise Rollback  # the work around the transition fails after it

    assert written() == ([], [])
    assert Episode.objects.get(pk=episode.pk).state == start


# The joint review through the table ----------------------------------------------------------------

@pytest.mark.parametrize("state", sorted(EPISODE_IN))
@pytest.mark.parametrize("reviewer", ["cse_manager", "police_coordinator"])
def test_a_review_is_accepted_exactly_when_the_table_allows_it(personas, child, state, reviewer):
    episode = EPISODE_IN[state](personas, child)
    actor = getattr(personas, reviewer)
    allowed = workflow.allowed("review", user=actor, episode=episode)

    if allowed:
        services.joint_review_record(actor=actor, episode=episode, risk_level="high", mase_required=True,
                                     rationale="Seen in the table (test).")
        assert Episode.objects.get(pk=episode.pk).state == state  # one view alone moves nothing
    else:
        with pytest.raises(Refused, match=re.escape(workflow.refusal("review", user=actor,
                                                                               episode=episode))):
            services.joint_review_record(actor=actor, episode=episode, risk_level="high", mase_required=True,
                                         rationale="Refused by the table (test).")
    assert allowed == (state == State.SUBMITTED)


def test_one_review_is_audited_by_the_table_and_leaves_no_move_on_the_record(personas, child):
    episode = builders.submitted(practitioner=personas.practitioner, child=child)
    moves = Transition.objects.filter(episode=episode).count()

    services.joint_review_record(actor=personas.police_coordinator, episode=episode, risk_level="high",
                                 mase_required=True, rationale="Test.")

    event = AuditEvent.objects.filter(verb=workflow.TRANSITIONS["review"].verb, object_id=str(episode.pk)).get()
    assert (event.actor, event.child_id) == (personas.police_coordinator, child.pk)
    assert Transition.objects.filter(episode=episode).count() == moves
    assert not workflow.allowed("review", user=personas.police_coordinator, episode=episode)
    assert workflow.allowed("review", user=personas.cse_manager, episode=episode)


def test_one_reviewer_cannot_decide_a_submitted_episode_as_if_it_were_escalated(personas, child):
    episode = builders.submitted(practitioner=personas.practitioner, child=child)

    with pytest.raises(Refused, match="because the episode is submitted to the CSE team"):
        services.escalation_decide(actor=personas.cse_manager, episode=episode, risk_level="low",
                                   mase_required=False, rationale="Alone (test).", next_steps="")

    episode.refresh_from_db()
    assert episode.state == State.SUBMITTED and episode.decided_at is None
    assert not episode.risk_level_changes.filter(source="escalation decision").exists()


# The states in which the practitioner works on the episode, declared once ---------------------------

@pytest.mark.parametrize("state", list(State))
def test_screening_the_assessment_the_step_links_and_submission_all_open_in_the_editable_states(
        personas, child, state):
    from csepathway.episodes import access, presenters
    from csepathway.episodes.models import EDITABLE_STATES

    episode = builders.ready_to_submit(practitioner=personas.practitioner, child=child)
    episode.state = state  # only in memory: what each rule answers for an episode in this state
    holder = personas.practitioner
    editable = state in EDITABLE_STATES

    assert access.may_screen(holder, episode) == editable
    assert access.may_edit_assessment(holder, episode) == editable
    assert (state in workflow.TRANSITIONS["submit"].sources) == editable
    page = presenters.episode_page(episode, holder)
    advice = next(task for task in page["tasks"] if task["title"]["text"] == "Team Manager's advice")
    assert ("href" in advice) == editable
