import pytest
from django.core.management import call_command

from csepathway.accounts.models import User
from csepathway.accounts.roles import Role
from csepathway.children.models import Child, ChildAlias
from csepathway.demo import data, pathway

pytestmark = pytest.mark.django_db


def test_demo_data_has_a_user_for_every_role_and_thirty_children(capsys):
    call_command("seed_demo")
    assert {u.role for u in User.objects.all()} == set(Role.values)
    assert Child.objects.count() >= 30
    output = capsys.readouterr().out
    for username, *_ in data.USERS:
        assert username in output
    assert data.DEMO_PASSWORD in output


def test_running_the_demo_load_twice_creates_no_duplicates():
    call_command("seed_demo")
    counts = (User.objects.count(), Child.objects.count(), ChildAlias.objects.count())
    call_command("seed_demo")
    assert (User.objects.count(), Child.objects.count(), ChildAlias.objects.count()) == counts


def test_demo_people_are_obviously_synthetic():
    call_command("seed_demo")
    assert all(u.last_name.startswith("Demo-") for u in User.objects.all())
    assert all(c.last_name in data.SURNAMES for c in Child.objects.all())
    assert all("Example Street, Testshire" in c.address for c in Child.objects.all())


def test_demo_users_can_sign_in_with_the_published_password(client):
    call_command("seed_demo")
    response = client.post("/account/sign-in", {"username": "practitioner", "password": data.DEMO_PASSWORD})
    assert response.status_code == 302


def test_demo_data_has_episodes_in_every_state():
    from csepathway.episodes.models import Episode, State

    call_command("seed_demo")
    assert set(Episode.objects.values_list("state", flat=True)) == set(State.values)
    call_command("seed_demo")
    assert Episode.objects.count() == len(pathway.PLAN)


def test_demo_data_has_a_mase_meeting_in_the_calendar():
    from csepathway.meetings.models import MaseMeeting

    call_command("seed_demo")
    call_command("seed_demo")
    meeting = MaseMeeting.objects.get()
    assert meeting.state == MaseMeeting.State.SCHEDULED
    assert meeting.agenda_items.get().episode.child.lcs_reference in pathway.SCHEDULED_MASE
