"""Unusual access alerts: many different children in an hour, or repeated refusals, raise one alert
per person per kind per hour, tell every active auditor (a link, no case content), and wait in a
queue for information governance to review."""

import datetime as dt
import uuid

import pytest
import time_machine
from django.db import connection
from django.http import Http404
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from csepathway.accounts.roles import Role
from csepathway.accounts.tests.factories import UserFactory
from csepathway.audit.models import AuditEvent
from csepathway.children import selectors as child_selectors
from csepathway.children.tests.factories import ChildFactory
from csepathway.core.refusals import Refused
from csepathway.outbox.email import EMAIL
from csepathway.outbox.models import OutboxMessage
from csepathway.oversight.alerts import services as alert_services
from csepathway.oversight.alerts.sweep import access_alerts_sweep
from csepathway.oversight.models import AccessAlert

pytestmark = pytest.mark.django_db


@pytest.fixture
def limits(settings):
    settings.ACCESS_ALERT_CHILDREN_PER_HOUR = 3
    settings.ACCESS_ALERT_DENIED_PER_HOUR = 2


def _open(actor, children, capture):
    for child in children:
        with capture(execute=True) as callbacks:
            child_selectors.child_get(actor=actor, child_id=child.pk)
        assert callbacks == []  # nothing waits for the read to commit: the check is the sweep's
    access_alerts_sweep()


def _refused(actor, child, capture, times):
    for _ in range(times):
        with capture(execute=True) as callbacks, pytest.raises(Http404):
            child_selectors.child_get(actor=actor, child_id=child.pk)
        assert callbacks == []
    access_alerts_sweep()


def test_opening_more_children_than_the_limit_in_an_hour_raises_one_alert(
        personas, limits, django_capture_on_commit_callbacks):
    children = ChildFactory.create_batch(5, allocated_team=personas.team)

    _open(personas.cse_worker, children[:3], django_capture_on_commit_callbacks)
    assert not AccessAlert.objects.exists()  # three is the limit, not over it
    _open(personas.cse_worker, children[3:] + children[:2], django_capture_on_commit_callbacks)

    [alert] = AccessAlert.objects.all()
    assert alert.user == personas.cse_worker
    assert alert.kind == AccessAlert.Kind.MANY_CHILDREN
    # The sweep counts every read up to its run, not only those up to the one that crossed the limit.
    assert alert.count == 5
    assert alert.window_end - alert.window_start == dt.timedelta(hours=1)
    assert AuditEvent.objects.filter(verb="access_alert.raised", object_id=str(alert.pk)).exists()


def test_opening_the_same_child_again_and_again_is_not_many_children(
        personas, limits, django_capture_on_commit_callbacks):
    child = ChildFactory(allocated_team=personas.team)
    _open(personas.cse_worker, [child] * 6, django_capture_on_commit_callbacks)
    assert not AccessAlert.objects.exists()


def test_repeated_refusals_raise_an_alert(personas, limits, django_capture_on_commit_callbacks):
    child = ChildFactory(allocated_team=personas.team)

    _refused(personas.outsider, child, django_capture_on_commit_callbacks, 1)
    assert not AccessAlert.objects.exists()
    _refused(personas.outsider, child, django_capture_on_commit_callbacks, 3)

    [alert] = AccessAlert.objects.all()
    assert (alert.user, alert.kind, alert.count) == (personas.outsider, AccessAlert.Kind.DENIED_READS, 4)


def test_a_second_alert_of_the_same_kind_waits_an_hour(personas, limits, django_capture_on_commit_callbacks):
    child = ChildFactory(allocated_team=personas.team)
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        _refused(personas.outsider, child, django_capture_on_commit_callbacks, 2)
    with time_machine.travel(start + dt.timedelta(minutes=50), tick=False):
        _refused(personas.outsider, child, django_capture_on_commit_callbacks, 2)
    assert AccessAlert.objects.count() == 1
    with time_machine.travel(start + dt.timedelta(minutes=61), tick=False):
        _refused(personas.outsider, child, django_capture_on_commit_callbacks, 1)
    assert AccessAlert.objects.count() == 2


def test_reads_older_than_an_hour_do_not_count(personas, limits, django_capture_on_commit_callbacks):
    children = ChildFactory.create_batch(4, allocated_team=personas.team)
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        _open(personas.cse_worker, children[:2], django_capture_on_commit_callbacks)
    with time_machine.travel(start + dt.timedelta(minutes=70), tick=False):
        _open(personas.cse_worker, children[2:], django_capture_on_commit_callbacks)
    assert not AccessAlert.objects.exists()


def test_the_default_limits_are_20_children_and_5_refusals(settings):
    del settings.ACCESS_ALERT_CHILDREN_PER_HOUR, settings.ACCESS_ALERT_DENIED_PER_HOUR
    assert (alert_services.children_per_hour(), alert_services.denied_per_hour()) == (20, 5)


def test_every_active_auditor_is_emailed_a_link_and_nothing_about_who_or_which_child(
        personas, limits, django_capture_on_commit_callbacks):
    UserFactory(username="ivy.retired", role=Role.AUDITOR, is_active=False)
    child = ChildFactory(first_name="Rowan", allocated_team=personas.team)
    _refused(personas.outsider, child, django_capture_on_commit_callbacks, 2)

    [alert] = AccessAlert.objects.all()
    [message] = OutboxMessage.objects.filter(kind=EMAIL)
    assert message.payload["to"] == [personas.auditor.email]
    assert message.payload["path"] == reverse("oversight:alert_detail", args=[alert.pk])
    text = str(message.payload)
    for secret in ("Rowan", str(child.pk), "oscar", "Oscar"):
        assert secret not in text


def test_a_failing_check_never_breaks_the_read(personas, limits, monkeypatch, django_capture_on_commit_callbacks):
    def boom(*args, **kwargs):
        raise RuntimeError("database gone")

    monkeypatch.setattr(alert_services, "_counts", boom)
    child = ChildFactory(allocated_team=personas.team)

    with django_capture_on_commit_callbacks(execute=True):
        assert child_selectors.child_get(actor=personas.cse_worker, child_id=child.pk) == child
    assert access_alerts_sweep() == []  # logged, not raised
    assert AuditEvent.objects.filter(verb="child.viewed", child_id=child.pk).exists()


def test_the_check_adds_no_work_to_the_read_itself(personas, limits, django_capture_on_commit_callbacks):
    children = ChildFactory.create_batch(5, allocated_team=personas.team)
    with CaptureQueriesContext(connection) as captured, django_capture_on_commit_callbacks() as callbacks:
        for child in children:
            child_selectors.child_get(actor=personas.cse_worker, child_id=child.pk)
    # No callback queued for after commit, no query about alerts or counts: the read, its audit
    # event (the lane's head, the INSERT, the head moved on) and nothing else.
    assert callbacks == []
    assert not [q for q in captured if "COUNT(" in q["sql"] or "oversight_" in q["sql"]]
    assert not AccessAlert.objects.exists()
    # The sweep on the worker raises what the reads call for.
    [alert] = access_alerts_sweep()
    assert (alert.user, alert.kind, alert.count) == (personas.cse_worker, AccessAlert.Kind.MANY_CHILDREN, 5)


@pytest.fixture
def alert(personas):
    now = timezone.now()
    return AccessAlert.objects.create(user=personas.cse_worker, kind=AccessAlert.Kind.MANY_CHILDREN, count=25,
                                      window_start=now - dt.timedelta(hours=1), window_end=now, raised_at=now)


def test_an_auditor_sees_the_queue_and_reviews_an_alert(personas, client_for, alert):
    client = client_for(personas.auditor)

    queue = client.get(reverse("oversight:alerts"))
    detail = client.get(reverse("oversight:alert_detail", args=[alert.pk]))
    empty = client.post(reverse("oversight:alert_detail", args=[alert.pk]), {"note": " "})
    done = client.post(reverse("oversight:alert_detail", args=[alert.pk]), {"note": "Checked with the manager (test)."})

    assert queue.status_code == 200 and "To review" in queue.content.decode()
    assert detail.status_code == 200 and "Cass" in detail.content.decode()
    assert empty.status_code == 400 and "Enter what you found and did" in empty.content.decode()
    assert done.status_code == 302
    alert.refresh_from_db()
    assert alert.reviewed_by == personas.auditor and alert.reviewed_at and alert.note.startswith("Checked")
    assert AuditEvent.objects.filter(verb="access_alert.reviewed", object_id=str(alert.pk)).exists()
    assert "Reviewed" in client.get(reverse("oversight:alerts")).content.decode()


def test_a_reviewed_alert_cannot_be_reviewed_again_by_someone_else(personas, alert):
    other = UserFactory(username="ian.governance", role=Role.AUDITOR)
    alert_services.access_alert_review(actor=personas.auditor, alert=alert, note="Fine (test).")

    alert_services.access_alert_review(actor=personas.auditor, alert=alert, note="Again")  # a double click
    with pytest.raises(Refused):
        alert_services.access_alert_review(actor=other, alert=alert, note="Mine")
    alert.refresh_from_db()
    assert (alert.reviewed_by, alert.note) == (personas.auditor, "Fine (test).")


@pytest.mark.parametrize("role", ["cse_manager", "cse_worker", "practitioner", "team_manager", "system_admin",
                                  "outsider"])
def test_only_auditors_reach_the_alerts(personas, client_for, alert, role):
    client = client_for(getattr(personas, role))
    assert client.get(reverse("oversight:alerts")).status_code == 403
    assert client.get(reverse("oversight:alert_detail", args=[alert.pk])).status_code == 403
    assert client.post(reverse("oversight:alert_detail", args=[alert.pk]), {"note": "x"}).status_code == 403


def test_an_unknown_alert_is_404(personas, client_for):
    assert client_for(personas.auditor).get(reverse("oversight:alert_detail", args=[uuid.uuid4()])).status_code == 404


def test_the_queue_takes_the_same_queries_for_5_and_50_alerts(personas, client_for):
    def make(n):
        now = timezone.now()
        for _ in range(n):
            AccessAlert.objects.create(user=UserFactory(), kind=AccessAlert.Kind.DENIED_READS, count=5,
                                       window_start=now, window_end=now, raised_at=now)

    client = client_for(personas.auditor)

    def queries():
        with CaptureQueriesContext(connection) as captured:
            assert client.get(reverse("oversight:alerts")).status_code == 200
        return len(captured)

    make(5)
    few = queries()
    make(45)
    assert queries() == few
