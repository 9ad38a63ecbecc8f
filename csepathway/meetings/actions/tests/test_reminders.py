"""The daily reminder of overdue actions: one email per owner with an account, through a real SMTP
server, with no case content; once a day; and the task's own 07:00 cycle."""

import datetime as dt
import io

import pytest
from django.core.management import call_command
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from csepathway.accounts.tests.factories import UserFactory
from csepathway.audit.models import AuditEvent
from csepathway.meetings.actions import tasks
from csepathway.meetings.actions.services import REMINDER_SUBJECT, action_reminders_send
from csepathway.meetings.conftest import CHILD_FIRST, CHILD_LAST, LONDON
from csepathway.meetings.models import Action

from .test_actions import SECRET_DESCRIPTION, add_action

pytestmark = pytest.mark.django_db

# Monday 4 January 2027, 07:00 in London.
MORNING = dt.datetime(2027, 1, 4, 7, 0, tzinfo=LONDON)
TODAY = MORNING.date()


@pytest.fixture(autouse=True)
def _base_url(settings):
    settings.SERVICE_BASE_URL = "https://cse-pathway.test.invalid"


@pytest.fixture
def meeting(schedule):
    return schedule()


@pytest.fixture
def overdue_for(personas, meeting):
    def make(owner, *, days_late=3, **extra) -> Action:
        return add_action(meeting, created_by=personas.mase_chair, owner=owner,
                          due_on=TODAY - dt.timedelta(days=days_late), **extra)

    return make


def _reminders(smtp_server):
    return [(envelope, message) for envelope, message in zip(smtp_server.envelopes, smtp_server.messages, strict=True)
            if message["Subject"] == REMINDER_SUBJECT]


def test_each_owner_gets_one_email_counting_their_overdue_actions(personas, overdue_for, meeting, smtp_server,
                                                                  time_machine, django_capture_on_commit_callbacks):
    overdue_for(personas.practitioner)
    overdue_for(personas.practitioner, days_late=10, kind=Action.Kind.DISRUPTION)
    overdue_for(personas.same_team_practitioner)
    overdue_for(personas.practitioner, status=Action.Status.DONE)  # done: not overdue
    add_action(meeting, created_by=personas.mase_chair, owner=personas.cse_worker,
               due_on=TODAY)  # due today: not overdue yet
    overdue_for(None, owner_name="Someone without an account")
    time_machine.move_to(MORNING, tick=False)

    with django_capture_on_commit_callbacks(execute=True):
        sent = action_reminders_send()

    assert sent == 2
    received = _reminders(smtp_server)
    assert sorted(envelope.rcpt_tos[0] for envelope, _ in received) == sorted(
        [personas.practitioner.email, personas.same_team_practitioner.email])
    [practitioner_mail] = [m for e, m in received if e.rcpt_tos == [personas.practitioner.email]]
    body = practitioner_mail.get_body(("plain",)).get_content()
    assert "You have 2 overdue actions from MASE meetings." in body
    assert "https://cse-pathway.test.invalid/meetings/actions?overdue=on" in body
    raw = practitioner_mail.as_string()
    for secret in (CHILD_FIRST, CHILD_LAST, SECRET_DESCRIPTION, "Testshire Health", str(meeting.pk),
                   str(meeting.agenda_items.get().episode_id)):
        assert secret not in raw
    assert set(Action.objects.filter(owner=personas.practitioner, status="not_started")
               .values_list("last_reminded_on", flat=True)) == {TODAY}
    assert AuditEvent.objects.filter(verb="actions.reminder_sent", object_id=str(personas.practitioner.pk)).exists()


def test_running_twice_the_same_day_sends_nothing_more(personas, overdue_for, smtp_server, time_machine,
                                                       django_capture_on_commit_callbacks):
    overdue_for(personas.practitioner)
    time_machine.move_to(MORNING, tick=False)
    with django_capture_on_commit_callbacks(execute=True):
        assert action_reminders_send() == 1
    time_machine.move_to(MORNING + dt.timedelta(hours=8), tick=False)
    with django_capture_on_commit_callbacks(execute=True):
        assert action_reminders_send() == 0
    assert len(_reminders(smtp_server)) == 1
    time_machine.move_to(MORNING + dt.timedelta(days=1), tick=False)
    with django_capture_on_commit_callbacks(execute=True):
        assert action_reminders_send() == 1
    assert len(_reminders(smtp_server)) == 2


def test_an_action_newly_overdue_the_same_day_does_not_bring_a_second_email(personas, overdue_for, smtp_server,
                                                                             time_machine,
                                                                             django_capture_on_commit_callbacks):
    overdue_for(personas.practitioner)
    time_machine.move_to(MORNING, tick=False)
    with django_capture_on_commit_callbacks(execute=True):
        action_reminders_send()
    overdue_for(personas.practitioner, days_late=1)
    with django_capture_on_commit_callbacks(execute=True):
        assert action_reminders_send() == 1  # this one was not reminded today
    # The owner is told the whole count once more, not just the new one; then nothing until tomorrow.
    assert "You have 2 overdue actions" in _reminders(smtp_server)[-1][1].get_body(("plain",)).get_content()
    with django_capture_on_commit_callbacks(execute=True):
        assert action_reminders_send() == 0


def test_owners_without_an_email_or_no_longer_active_are_not_emailed(personas, overdue_for, smtp_server, time_machine,
                                                                     django_capture_on_commit_callbacks):
    no_email = UserFactory(username="nina.noemail", email="")
    gone = UserFactory(username="gary.gone", is_active=False)
    overdue_for(no_email)
    overdue_for(gone)
    time_machine.move_to(MORNING, tick=False)
    with django_capture_on_commit_callbacks(execute=True):
        assert action_reminders_send() == 0
    assert _reminders(smtp_server) == []


def test_the_task_sends_the_reminders_through_the_outbox(personas, overdue_for, smtp_server, time_machine,
                                                         django_capture_on_commit_callbacks):
    overdue_for(personas.practitioner)
    time_machine.move_to(MORNING, tick=False)
    with django_capture_on_commit_callbacks(execute=True):
        result = tasks.remind_overdue_actions.enqueue()  # the immediate backend in tests
    assert result.return_value == 1
    assert len(_reminders(smtp_server)) == 1
    # The immediate backend cannot defer: nothing is queued for tomorrow (cron runs the command instead).
    assert not DBTaskResult.objects.exists()


def test_the_command_sends_the_reminders_and_prints_only_a_count(personas, overdue_for, time_machine):
    overdue_for(personas.practitioner)
    time_machine.move_to(MORNING, tick=False)
    out = io.StringIO()
    call_command("remind_overdue_actions", stdout=out)
    assert out.getvalue().strip() == "Reminded 1 owner of overdue actions."


# The 07:00 cycle on a backend that can defer

@pytest.fixture
def database_tasks(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def _waiting():
    return list(DBTaskResult.objects.filter(status="READY", task_path=tasks.remind_overdue_actions.module_path))


def test_after_a_run_the_task_defers_itself_to_the_next_7am(personas, overdue_for, database_tasks, time_machine):
    overdue_for(personas.practitioner)
    time_machine.move_to(MORNING + dt.timedelta(minutes=1), tick=False)
    assert tasks.remind_overdue_actions.call() == 1
    [queued] = _waiting()
    assert queued.run_after == dt.datetime(2027, 1, 5, 7, 0, tzinfo=LONDON)


def test_the_schedule_command_queues_one_run_unless_one_is_waiting(database_tasks, time_machine):
    time_machine.move_to(dt.datetime(2027, 1, 4, 6, 0, tzinfo=LONDON), tick=False)
    out = io.StringIO()
    call_command("remind_overdue_actions", "--schedule", stdout=out)
    call_command("remind_overdue_actions", "--schedule", stdout=out)
    [queued] = _waiting()
    assert queued.run_after == dt.datetime(2027, 1, 4, 7, 0, tzinfo=LONDON)
    assert "already scheduled" in out.getvalue()


def test_the_schedule_command_explains_when_the_backend_cannot_defer(db):
    out = io.StringIO()
    call_command("remind_overdue_actions", "--schedule", stdout=out)
    assert "cannot run tasks later" in out.getvalue()
    assert not DBTaskResult.objects.exists()


@pytest.mark.parametrize(("now", "expected"), [
    (dt.datetime(2027, 1, 4, 6, 59, tzinfo=LONDON), dt.datetime(2027, 1, 4, 7, 0, tzinfo=LONDON)),
    (dt.datetime(2027, 1, 4, 7, 0, tzinfo=LONDON), dt.datetime(2027, 1, 5, 7, 0, tzinfo=LONDON)),
    # The clocks go forward on Sunday 28 March 2027: still 07:00 on the wall, an hour earlier in UTC.
    (dt.datetime(2027, 3, 27, 8, 0, tzinfo=LONDON), dt.datetime(2027, 3, 28, 6, 0, tzinfo=dt.UTC)),
    (dt.datetime(2027, 10, 30, 23, 30, tzinfo=dt.UTC), dt.datetime(2027, 10, 31, 7, 0, tzinfo=dt.UTC)),
])
def test_the_next_run_is_7am_london_time_across_the_clock_changes(now, expected):
    assert tasks.next_run(now) == expected
    assert timezone.localtime(tasks.next_run(now)).hour == 7


def test_actions_on_a_restricted_record_the_owner_may_not_see_are_not_counted(
        personas, overdue_for, child, smtp_server, time_machine, django_capture_on_commit_callbacks):
    from csepathway.children.restrictions.services import restriction_create

    owner = UserFactory(username="nina.nurse", email="nina.nurse@health.test.invalid")
    overdue_for(owner)
    restriction_create(actor=personas.cse_manager, child=child, reason="high_profile")
    time_machine.move_to(MORNING, tick=False)

    with django_capture_on_commit_callbacks(execute=True):
        sent = action_reminders_send()

    assert sent == 0
    assert not _reminders(smtp_server)
    assert Action.objects.get(owner=owner).last_reminded_on is None
