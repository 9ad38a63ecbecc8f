"""The unusual-access sweep on the worker: it reads back over late commits, catches up after a gap,
raises an alert once however often it runs, and keeps its own one-minute cycle."""

import datetime as dt
import io

import pytest
import time_machine
from django.core.management import call_command
from django.utils import timezone

from csepathway.audit.services import record
from csepathway.children.selectors import CHILD_TYPE
from csepathway.children.tests.factories import ChildFactory
from csepathway.oversight.alerts import tasks
from csepathway.oversight.alerts.sweep import access_alerts_sweep
from csepathway.oversight.models import AccessAlert, AccessSweep

pytestmark = pytest.mark.django_db


@pytest.fixture
def limits(settings):
    settings.ACCESS_ALERT_CHILDREN_PER_HOUR = 3
    settings.ACCESS_ALERT_DENIED_PER_HOUR = 2


def _read(user, n, at):
    with time_machine.travel(at, tick=False):
        for child in ChildFactory.create_batch(n):
            record(actor=user, verb="child.viewed", obj=child, child_id=child.pk)


def test_a_read_stamped_before_the_last_sweep_but_committed_after_is_still_checked(personas, limits):
    now = timezone.now()
    AccessSweep.objects.create(swept_to=now)
    # Stamped two minutes before the sweep mark, as a read whose transaction committed late would be.
    _read(personas.cse_worker, 4, now - dt.timedelta(minutes=2))
    with time_machine.travel(now + dt.timedelta(minutes=1), tick=False):
        [alert] = access_alerts_sweep()
    assert alert.user == personas.cse_worker
    assert AccessSweep.objects.get().swept_to == now + dt.timedelta(minutes=1)


def test_sweeping_again_raises_nothing_twice(personas, limits):
    now = timezone.now()
    _read(personas.cse_worker, 4, now)
    with time_machine.travel(now + dt.timedelta(seconds=30), tick=False):
        assert len(access_alerts_sweep()) == 1
        assert access_alerts_sweep() == []
    assert AccessAlert.objects.count() == 1


def test_a_burst_during_a_long_gap_is_still_found(personas, limits):
    start = timezone.now() - dt.timedelta(hours=6)
    AccessSweep.objects.create(swept_to=start)
    _read(personas.cse_worker, 4, start + dt.timedelta(hours=2))
    _read(personas.cse_worker, 1, start + dt.timedelta(hours=5))
    [alert] = access_alerts_sweep()
    assert alert.count == 4
    assert alert.window_end == start + dt.timedelta(hours=2)


def test_reads_of_other_things_and_reads_by_no_one_are_not_swept(personas, limits):
    now = timezone.now()
    with time_machine.travel(now, tick=False):
        for child in ChildFactory.create_batch(4):
            record(actor=None, verb="child.viewed", obj=child, child_id=child.pk)
            record(actor=personas.cse_worker, verb="child.updated", object_type=CHILD_TYPE, child_id=child.pk)
    assert access_alerts_sweep() == []


def test_the_command_sweeps_and_the_task_queues_the_next_minute(personas, limits, monkeypatch):
    _read(personas.cse_worker, 4, timezone.now())
    out = io.StringIO()
    call_command("sweep_access_alerts", stdout=out)
    assert out.getvalue().strip() == "Raised 1 unusual access alert."
    queued = []
    monkeypatch.setattr(tasks.cycles, "schedule", lambda task, when: queued.append((task, when)) or when)
    assert tasks.sweep_access_alerts.call() == 0
    [(task, when)] = queued
    assert task is tasks.sweep_access_alerts
    assert dt.timedelta(seconds=50) < when - timezone.now() <= dt.timedelta(minutes=1)


def test_schedule_says_when_the_backend_cannot_defer():
    out = io.StringIO()
    call_command("sweep_access_alerts", "--schedule", stdout=out)  # the test backend runs tasks at once
    assert "cannot run tasks later" in out.getvalue()
