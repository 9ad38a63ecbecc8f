"""The weekly digest (issue 12, point 2): opt-in, off by default; a count of unread notifications
from the last 7 days and a link, through a real SMTP server, with nothing of any case; once a week;
never a notification itself; and its Monday 07:30 cycle on the task worker."""

import datetime as dt
import io
import zoneinfo

import pytest
from django.core.management import call_command
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from csepathway.audit.models import AuditEvent
from csepathway.children.tests.factories import ChildFactory
from csepathway.notifications import tasks
from csepathway.notifications.digest import DIGEST_SUBJECT, weekly_digests_send
from csepathway.notifications.models import DigestPreference, Notification, WeeklyDigest
from csepathway.notifications.services import digest_preference_update
from csepathway.outbox.services import email_link

pytestmark = pytest.mark.django_db

LONDON = zoneinfo.ZoneInfo("Europe/London")
MONDAY = dt.datetime(2027, 1, 11, 7, 30, tzinfo=LONDON)
DIGEST_PAGE = reverse("notifications:digest")


@pytest.fixture(autouse=True)
def _base_url(settings):
    settings.SERVICE_BASE_URL = "https://cse-pathway.test.invalid"


def _notify(user, n=1, *, child=None):
    for _ in range(n):
        email_link(to_user=user, subject="CSE Pathway: a case note is waiting for you",
                   path=reverse("children:detail", args=[child.pk]) if child else "/", intro="Waiting (test).",
                   child_id=child.pk if child else None)


def _digests(smtp_server):
    return [(e, m) for e, m in zip(smtp_server.envelopes, smtp_server.messages, strict=True)
            if m["Subject"] == DIGEST_SUBJECT]


def _send(django_capture_on_commit_callbacks) -> int:
    with django_capture_on_commit_callbacks(execute=True):
        return weekly_digests_send()


def test_the_setting_is_off_by_default_and_each_person_switches_their_own_on(personas, client_for):
    client = client_for(personas.practitioner)
    page = client.get(DIGEST_PAGE).text
    assert 'value="no" checked' in page
    assert "You do not get a weekly summary email." in client.get(reverse("notifications:list")).text

    response = client.post(DIGEST_PAGE, {"weekly_digest": "yes"})

    assert response.status_code == 302
    assert DigestPreference.objects.get(user=personas.practitioner).weekly_digest is True
    assert not DigestPreference.objects.filter(user=personas.same_team_practitioner).exists()
    assert "You get a weekly email" in client.get(reverse("notifications:list")).text
    assert AuditEvent.objects.filter(verb="notification.digest_preference_changed",
                                     actor=personas.practitioner).count() == 1


def test_a_made_up_answer_is_a_form_error(personas, client_for):
    response = client_for(personas.practitioner).post(DIGEST_PAGE, {"weekly_digest": "sometimes"})
    assert response.status_code == 400
    assert "Select yes if you want a weekly email" in response.text
    assert not DigestPreference.objects.exists()


def test_the_digest_counts_unread_from_the_last_week_and_says_nothing_of_any_case(
        personas, smtp_server, time_machine, django_capture_on_commit_callbacks):
    child = ChildFactory(allocated_team=personas.team, first_name="Marigold", last_name="Digestsecret")
    digest_preference_update(actor=personas.practitioner, weekly_digest=True)
    time_machine.move_to(MONDAY - dt.timedelta(days=10), tick=False)
    _notify(personas.practitioner, child=child)  # older than a week: not counted
    time_machine.move_to(MONDAY - dt.timedelta(days=2), tick=False)
    _notify(personas.practitioner, 3, child=child)
    newest = Notification.objects.filter(user=personas.practitioner).order_by("-created_at").first()
    Notification.objects.filter(pk=newest.pk).update(read_at=MONDAY - dt.timedelta(days=1))  # one of them read
    time_machine.move_to(MONDAY, tick=False)
    before = Notification.objects.count()

    assert _send(django_capture_on_commit_callbacks) == 1

    [(envelope, message)] = _digests(smtp_server)
    assert envelope.rcpt_tos == [personas.practitioner.email]
    body = message.get_body(("plain",)).get_content()
    assert "You have 2 unread notifications in CSE Pathway from the last 7 days." in body
    assert "https://cse-pathway.test.invalid/notifications/" in body
    raw = message.as_string()
    for secret in ("Marigold", "Digestsecret", str(child.pk), "case note"):
        assert secret not in raw
    # The digest is about the notifications: it is not one itself.
    assert Notification.objects.count() == before
    assert AuditEvent.objects.filter(verb="notification.digest_sent").count() == 1


def test_a_second_run_the_same_week_sends_nothing_more(personas, smtp_server, time_machine,
                                                       django_capture_on_commit_callbacks):
    digest_preference_update(actor=personas.practitioner, weekly_digest=True)
    time_machine.move_to(MONDAY - dt.timedelta(days=1), tick=False)
    _notify(personas.practitioner)
    time_machine.move_to(MONDAY, tick=False)
    assert _send(django_capture_on_commit_callbacks) == 1
    time_machine.move_to(MONDAY + dt.timedelta(days=3), tick=False)  # Thursday, more unread
    _notify(personas.practitioner)

    assert _send(django_capture_on_commit_callbacks) == 0
    assert len(_digests(smtp_server)) == 1

    time_machine.move_to(MONDAY + dt.timedelta(days=7), tick=False)  # the next week
    assert _send(django_capture_on_commit_callbacks) == 1
    assert len(_digests(smtp_server)) == 2
    assert WeeklyDigest.objects.filter(user=personas.practitioner).count() == 2


def test_nobody_who_did_not_ask_or_switched_it_off_or_has_nothing_unread_is_emailed(
        personas, smtp_server, time_machine, django_capture_on_commit_callbacks):
    time_machine.move_to(MONDAY - dt.timedelta(days=1), tick=False)
    digest_preference_update(actor=personas.outsider, weekly_digest=True)
    digest_preference_update(actor=personas.outsider, weekly_digest=False)
    digest_preference_update(actor=personas.team_manager, weekly_digest=True)  # nothing unread
    for person in (personas.practitioner, personas.outsider):  # never asked; switched off
        _notify(person)
    time_machine.move_to(MONDAY, tick=False)

    assert _send(django_capture_on_commit_callbacks) == 0
    assert _digests(smtp_server) == []
    assert not WeeklyDigest.objects.exists()


def test_the_command_sends_and_prints_only_a_count(personas, time_machine):
    digest_preference_update(actor=personas.practitioner, weekly_digest=True)
    _notify(personas.practitioner)
    out = io.StringIO()
    call_command("send_weekly_digests", stdout=out)
    assert out.getvalue().strip() == "Sent 1 weekly digest."


@pytest.fixture
def database_tasks(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def _waiting():
    return list(DBTaskResult.objects.filter(status="READY", task_path=tasks.send_weekly_digests.module_path))


def test_after_a_run_the_task_defers_itself_to_next_monday(personas, database_tasks, time_machine):
    time_machine.move_to(MONDAY + dt.timedelta(minutes=1), tick=False)
    assert tasks.send_weekly_digests.call() == 0
    [queued] = _waiting()
    assert queued.run_after == MONDAY + dt.timedelta(days=7)


def test_the_schedule_command_queues_one_run_unless_one_is_waiting(database_tasks, time_machine):
    time_machine.move_to(dt.datetime(2027, 1, 13, 12, 0, tzinfo=LONDON), tick=False)  # a Wednesday
    out = io.StringIO()
    call_command("send_weekly_digests", "--schedule", stdout=out)
    call_command("send_weekly_digests", "--schedule", stdout=out)
    [queued] = _waiting()
    assert queued.run_after == dt.datetime(2027, 1, 18, 7, 30, tzinfo=LONDON)
    assert "already scheduled" in out.getvalue()


@pytest.mark.parametrize(("now", "expected"), [
    (dt.datetime(2027, 1, 11, 7, 29, tzinfo=LONDON), dt.datetime(2027, 1, 11, 7, 30, tzinfo=LONDON)),
    (dt.datetime(2027, 1, 11, 7, 30, tzinfo=LONDON), dt.datetime(2027, 1, 18, 7, 30, tzinfo=LONDON)),
    # Over the night the clocks go forward:
    (dt.datetime(2027, 3, 27, 9, 0, tzinfo=LONDON), dt.datetime(2027, 3, 29, 7, 30, tzinfo=LONDON)),
])
def test_the_next_run_is_monday_0730_london_time(now, expected):
    assert tasks.next_run(now) == expected
