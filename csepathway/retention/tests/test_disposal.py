"""Disposal leaves a certificate and nothing else of the child (issue 6, point 8)."""

import datetime as dt
import json

import pytest
from django.apps import apps
from django.db import connection
from django.utils import timezone

from csepathway.audit.models import AuditEvent
from csepathway.audit.selectors import audit_chain_verify
from csepathway.children.models import Child
from csepathway.children.tests.factories import ChildFactory
from csepathway.core.models import RecordImmutable
from csepathway.episodes import scenarios
from csepathway.episodes.models import Episode, State
from csepathway.intelligence.models import IntelligenceReport, PersonOfConcern
from csepathway.meetings.models import AgendaItem, MaseMeeting
from csepathway.meetings.services import agenda_item_add, meeting_schedule
from csepathway.notifications.models import Notification
from csepathway.outbox.email import EMAIL
from csepathway.outbox.models import OutboxMessage
from csepathway.outbox.services import email_link, outbox_enqueue
from csepathway.oversight.models import Disclosure
from csepathway.retention import disposal, schedule, services
from csepathway.retention.models import DisposalCertificate

from .builders import full_child, make_due

pytestmark = pytest.mark.django_db

KEPT = (AuditEvent, Disclosure, DisposalCertificate)


def _text(value) -> str:
    if isinstance(value, str):
        return value
    if isinstance(value, bytes | memoryview):
        return bytes(value).decode("latin-1")
    return json.dumps(value, default=str)


def leftovers(needles: set[str], *, skip=KEPT) -> list[str]:
    """Every row anywhere in the database (link tables too) with a field holding any of the needles."""
    found = []
    for model in apps.get_models(include_auto_created=True):
        if model in skip:
            continue
        for row in model._base_manager.all():
            for field in model._meta.concrete_fields:
                text = _text(field.value_from_object(row))
                hits = [needle for needle in needles if needle and needle in text]
                if hits:
                    found.append(f"{model._meta.label_lower} {row.pk} {field.name}: {hits}")
    return found


def identifying(child: Child) -> set[str]:
    return {child.first_name, child.last_name, child.lcs_reference, child.date_of_birth.isoformat(),
            f"{child.first_name}-alias"}


def dispose(personas, ivy, child) -> DisposalCertificate:
    proposal = services.disposal_propose(actor=personas.auditor, child=child)
    return services.disposal_approve(actor=ivy, proposal=proposal)


def test_disposal_leaves_a_certificate_and_nothing_else_of_the_child(personas, ivy, due_child):
    found = disposal.gather(due_child)
    ids = {str(pk) for pks in found.values() for pk in pks if len(str(pk)) == 36}
    names = identifying(due_child)
    assert len(found) >= 20, sorted(m._meta.label_lower for m in found)  # the builder really made everything
    assert leftovers(names | {str(due_child.pk)})  # and the scan would see it

    certificate = dispose(personas, ivy, due_child)

    assert not leftovers(ids | names)
    assert not Child.objects.filter(pk=due_child.pk).exists()
    assert certificate.record_id == due_child.pk
    # The certificate, the audit trail and the disclosure log keep the opaque id and nothing that names the child.
    assert not leftovers(names, skip=())
    assert audit_chain_verify() is None
    assert AuditEvent.objects.filter(child_id=due_child.pk, verb="retention.disposed").count() == 1


def test_certificate_says_what_went_and_under_which_rule_but_not_who_it_was(personas, ivy, due_child):
    certificate = dispose(personas, ivy, due_child)
    labels = {t.code: t.label for t in schedule.record_types()}
    assert set(certificate.records) >= {labels["child"], labels["pathway"], labels["mase"], labels["nrm"],
                                        labels["intelligence"], labels["subject_access"], disposal.MESSAGES_LABEL}
    assert all(count > 0 for count in certificate.records.values())
    assert certificate.rule.endswith("25 years from the child's date of birth")
    assert (certificate.proposed_by_username, certificate.disposed_by_username) == ("ava.auditor", "ivy.governance")
    assert certificate.reference == "DC-00001"


def test_a_meeting_another_child_is_on_stays_with_their_item(personas, ivy, due_child):
    other = ChildFactory(first_name="Keepa", last_name="Staytestchild", allocated_team=personas.practitioner.team)
    other_episode = scenarios.decided(practitioner=personas.practitioner, child=other, mase_required=True,
                                      police=personas.police_coordinator, cse_manager=personas.cse_manager)
    starts = timezone.now() + dt.timedelta(days=7)
    shared = meeting_schedule(actor=personas.cse_manager, episode=other_episode, kind=MaseMeeting.Kind.CONTEXTUAL,
                              starts_at=starts, ends_at=starts + dt.timedelta(hours=1), location="Room 2 (test)",
                              chair=personas.mase_chair)
    held = set(MaseMeeting.objects.filter(agenda_items__episode__child=due_child).values_list("pk", flat=True))
    ours = due_child.episodes.filter(agenda_items__isnull=False).get()
    Episode.objects.filter(pk=ours.pk).update(state=State.MASE_REQUIRED)
    agenda_item_add(actor=personas.cse_manager, meeting=shared, episode=ours)
    Episode.objects.filter(pk=ours.pk).update(state=State.CLOSED)

    dispose(personas, ivy, due_child)

    assert list(AgendaItem.objects.filter(meeting=shared).values_list("episode_id", flat=True)) == [other_episode.pk]
    assert not MaseMeeting.objects.filter(pk__in=held).exists()
    assert Child.objects.filter(pk=other.pk).exists()


def test_register_entries_stay_without_their_link_to_the_child(personas, ivy, due_child):
    person = PersonOfConcern.objects.get(full_name="Darren Retentionsuspect")
    assert person.reports.exists()
    dispose(personas, ivy, due_child)
    person.refresh_from_db()
    assert not person.reports.exists() and not person.episodes.exists()


def naming(text: str) -> list[OutboxMessage]:
    return [m for m in OutboxMessage.objects.all() if text in json.dumps(m.payload)]


def test_messages_naming_the_record_go_and_others_stay(personas, ivy, due_child):
    report = IntelligenceReport.objects.get(child=due_child)
    assert naming(str(report.pk))
    unrelated = outbox_enqueue(kind=EMAIL, child_id=None, payload={"to": ["x@test.invalid"], "subject": "S",
                                                                        "path": "/", "intro": "Nothing to do with it"})
    dispose(personas, ivy, due_child)
    assert OutboxMessage.objects.filter(pk=unrelated.pk).exists()
    assert not naming(str(report.pk))


def test_notifications_about_the_record_go_with_it_and_others_stay(personas, ivy, due_child):
    email_link(to_user=personas.same_team_practitioner, subject="CSE Pathway: test", path="/", intro="(test)",
               child_id=due_child.pk)
    email_link(to_user=personas.same_team_practitioner, subject="CSE Pathway: test", path="/", intro="(test)")
    proposal = services.disposal_propose(actor=personas.auditor, child=due_child)  # which notifies ivy too
    about_the_child = Notification.objects.filter(child_id=due_child.pk).count()
    assert about_the_child >= 2

    certificate = services.disposal_approve(actor=ivy, proposal=proposal)

    assert not Notification.objects.filter(child_id=due_child.pk).exists()
    assert Notification.objects.filter(user=personas.same_team_practitioner, child_id__isnull=True).exists()
    assert certificate.records[disposal.NOTIFICATIONS_LABEL] == about_the_child


def test_a_failure_part_way_leaves_everything_in_place(personas, ivy, due_child, monkeypatch):
    proposal = services.disposal_propose(actor=personas.auditor, child=due_child)
    before = {model: model._base_manager.count() for model in apps.get_models()}
    real = disposal._delete

    def fail_at_the_child(model, ids):
        if model is Child:
            raise RuntimeError("disk full (test)")
        real(model, ids)

    monkeypatch.setattr(disposal, "_delete", fail_at_the_child)
    with pytest.raises(RuntimeError):
        services.disposal_approve(actor=ivy, proposal=proposal)
    assert {model: model._base_manager.count() for model in apps.get_models()} == before


def test_a_record_the_rules_do_not_cover_stops_the_disposal(personas, monkeypatch, due_child):
    claimed = schedule.type_of_model()
    monkeypatch.setattr(schedule, "type_of_model", lambda: {k: v for k, v in claimed.items() if k != "notes.casenote"})
    with pytest.raises(disposal.DisposalIncomplete, match="notes.casenote"):
        disposal.gather(due_child)


def test_certificates_cannot_be_changed_or_deleted(personas, ivy, due_child):
    certificate = dispose(personas, ivy, due_child)
    with pytest.raises(RecordImmutable):
        certificate.save()
    with pytest.raises(RecordImmutable):
        certificate.delete()
    with pytest.raises(RecordImmutable):
        DisposalCertificate.objects.filter(pk=certificate.pk).update(rule="changed")


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the trigger is PostgreSQL's")
def test_postgresql_refuses_to_change_a_certificate_even_in_sql(personas, ivy, due_child):
    from django.db import DatabaseError, transaction

    certificate = dispose(personas, ivy, due_child)
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("UPDATE retention_disposalcertificate SET rule = 'x' WHERE id = %s", [certificate.pk])


def test_make_due_is_past_every_default_rule(personas):
    child = full_child(personas)
    make_due(child)
    assert disposal.gather(child)


def test_a_child_with_hundreds_of_records_is_disposed_of_whole(personas, ivy):
    from csepathway.children.tests.factories import ChildFactory
    from csepathway.notes.models import CaseNote
    from csepathway.notes.services import case_note_add

    child = ChildFactory(first_name="Manya", last_name="Recordstestchild")
    for number in range(1200):
        case_note_add(actor=personas.practitioner, child=child, kind=CaseNote.Kind.GENERAL,
                      title=f"Note {number} (test)", body="Visit (test).", deliver=number % 4 == 0)
    make_due(child)
    certificate = dispose(personas, ivy, child)
    assert certificate.records[schedule.by_code()["child"].label] >= 1201
    assert certificate.records[disposal.MESSAGES_LABEL] >= 300  # and the email that the disposal waited
    assert not CaseNote.objects.filter(child_id=child.pk).exists()
