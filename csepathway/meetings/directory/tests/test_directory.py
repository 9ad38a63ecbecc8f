"""The directory of professionals (issue 13, point 5): kept by the CSE team, audited, and used on
the invite page to invite several people at once (docs/adr/0042)."""

import pytest
from django.urls import reverse

from csepathway.audit.models import AuditEvent
from csepathway.meetings.directory import services
from csepathway.meetings.models import DirectoryEntry, Invitee
from csepathway.outbox.models import OutboxMessage

pytestmark = pytest.mark.django_db

NIA = {"name": "Nia Nurse", "job_title": "School nurse", "agency": "Testshire Health",
       "email": "nia.nurse@health.test.invalid", "phone": "01632 960001"}


@pytest.fixture
def entries(personas):
    add = lambda **values: services.directory_entry_add(actor=personas.cse_manager, **values)  # noqa: E731
    return {
        "nurse": add(**NIA),
        "youth": add(name="Yusuf Youth", job_title="Youth worker", agency="Testshire Youth Service",
                     email="yusuf.youth@youth.test.invalid"),
        "school": add(name="Sara School", agency="Testshire Academy"),
    }


@pytest.fixture
def meeting(schedule):
    return schedule()


# Keeping the directory -----------------------------------------------------------------------------

@pytest.mark.parametrize("role", ["cse_worker", "cse_manager"])
def test_the_cse_team_adds_someone_to_the_directory_and_it_is_audited(personas, client_for, role):
    client = client_for(getattr(personas, role))
    assert client.get(reverse("meetings:directory_add")).status_code == 200
    response = client.post(reverse("meetings:directory_add"), NIA)
    assert response.status_code == 302
    entry = DirectoryEntry.objects.get()
    assert (entry.name, entry.agency, entry.email, entry.active) == ("Nia Nurse", "Testshire Health",
                                                                     NIA["email"], True)
    assert AuditEvent.objects.filter(verb="meeting.directory_entry_added", object_id=str(entry.pk),
                                     actor=getattr(personas, role)).exists()
    listing = client.get(reverse("meetings:directory"))
    assert "Nia Nurse, School nurse" in listing.text and "Testshire Health" in listing.text


@pytest.mark.parametrize("role", ["practitioner", "same_team_practitioner", "outsider", "police_coordinator",
                                  "mase_chair", "auditor"])
def test_only_the_cse_team_keeps_the_directory(personas, client_for, entries, role):
    client = client_for(getattr(personas, role))
    for url in (reverse("meetings:directory"), reverse("meetings:directory_add"),
                reverse("meetings:directory_edit", args=[entries["nurse"].pk])):
        assert client.get(url).status_code == 403
    assert client.post(reverse("meetings:directory_edit", args=[entries["nurse"].pk]),
                       {**NIA, "name": "Changed", "version": "1"}).status_code == 403
    entries["nurse"].refresh_from_db()
    assert entries["nurse"].name == "Nia Nurse"


def test_the_cse_team_changes_an_entry_and_marks_it_inactive(personas, client_for, entries):
    client = client_for(personas.cse_worker)
    url = reverse("meetings:directory_edit", args=[entries["nurse"].pk])
    assert 'value="Nia Nurse"' in client.get(url).text
    response = client.post(url, {**NIA, "agency": "Testshire NHS Trust", "version": "1"})  # "active" unticked
    assert response.status_code == 302
    entry = DirectoryEntry.objects.get(pk=entries["nurse"].pk)
    assert (entry.agency, entry.active, entry.version) == ("Testshire NHS Trust", False, 2)
    event = AuditEvent.objects.get(verb="meeting.directory_entry_changed", object_id=str(entry.pk))
    assert set(event.changed_fields) == {"agency", "active"}


def test_a_second_save_from_an_old_page_is_refused_and_keeps_what_was_typed(personas, client_for, entries):
    client = client_for(personas.cse_manager)
    url = reverse("meetings:directory_edit", args=[entries["nurse"].pk])
    client.post(url, {**NIA, "phone": "01632 960002", "active": "on", "version": "1"})
    response = client.post(url, {**NIA, "phone": "01632 960003", "active": "on", "version": "1"})
    assert response.status_code == 409
    assert "Someone else changed this entry" in response.text
    assert 'value="01632 960003"' in response.text
    assert DirectoryEntry.objects.get(pk=entries["nurse"].pk).phone == "01632 960002"


def test_bad_input_is_answered_beside_the_field(personas, client_for):
    response = client_for(personas.cse_manager).post(reverse("meetings:directory_add"),
                                                     {**NIA, "agency": "", "email": "not-an-email"})
    assert response.status_code == 200
    assert "Enter their agency or organisation" in response.text
    assert "Enter an email address in the correct format" in response.text
    assert not DirectoryEntry.objects.exists()


def test_an_unknown_entry_is_404_for_the_cse_team(personas, client_for):
    url = reverse("meetings:directory_edit", args=["00000000-0000-0000-0000-000000000000"])
    assert client_for(personas.cse_manager).get(url).status_code == 404


def test_a_double_submitted_entry_is_added_once(personas, client_for):
    client = client_for(personas.cse_manager)
    client.post(reverse("meetings:directory_add"), NIA)
    client.post(reverse("meetings:directory_add"), NIA)
    assert DirectoryEntry.objects.count() == 1


# Inviting from it ----------------------------------------------------------------------------------

@pytest.mark.parametrize("role", ["practitioner", "same_team_practitioner", "cse_worker"])
def test_several_professionals_are_invited_at_once_from_the_directory(personas, client_for, meeting, entries, role,
                                                                      django_capture_on_commit_callbacks):
    client = client_for(getattr(personas, role))
    url = reverse("meetings:invitee_add", args=[meeting.pk])
    page = client.get(url).text
    assert "Professionals from the directory" in page and "Yusuf Youth" in page
    with django_capture_on_commit_callbacks(execute=False):
        response = client.post(url, {"form": "directory",
                                     "directory-entries": [str(entries["nurse"].pk), str(entries["school"].pk)]})
    assert response.status_code == 302
    invited = {i.name: i for i in meeting.invitees.filter(added_automatically=False)}
    assert set(invited) == {"Nia Nurse", "Sara School"}
    nurse = invited["Nia Nurse"]
    assert nurse.relationship == "School nurse" and nurse.kind == Invitee.Kind.PROFESSIONAL
    # Each with an email gets their own invite with their own answer links.
    assert OutboxMessage.objects.filter(payload__to=[NIA["email"]], payload__ics_method="REQUEST").count() == 1
    assert AuditEvent.objects.filter(verb="meeting.invitee_added", object_id=str(invited["Sara School"].pk)).exists()


def test_an_outsider_gets_404_on_the_invite_page_and_invites_nobody(personas, client_for, meeting, entries):
    url = reverse("meetings:invitee_add", args=[meeting.pk])
    client = client_for(personas.outsider)
    assert client.get(url).status_code == 404
    assert client.post(url, {"form": "directory", "directory-entries": [str(entries["nurse"].pk)]}).status_code == 404
    assert not meeting.invitees.filter(added_automatically=False).exists()


def test_inactive_people_are_not_offered_and_a_forged_choice_is_answered_with_an_error(personas, client_for,
                                                                                       meeting, entries):
    services.directory_entry_update(actor=personas.cse_manager, entry=entries["youth"], version=1, active=False)
    client = client_for(personas.practitioner)
    url = reverse("meetings:invitee_add", args=[meeting.pk])
    assert "Yusuf Youth" not in client.get(url).text
    response = client.post(url, {"form": "directory", "directory-entries": [str(entries["youth"].pk)]})
    assert response.status_code == 200
    assert "Select people from the list" in response.text
    response = client.post(url, {"form": "directory"})
    assert "Select at least one person to invite" in response.text
    assert not meeting.invitees.filter(added_automatically=False).exists()


def test_choosing_someone_already_invited_invites_them_once(personas, client_for, meeting, entries):
    client = client_for(personas.practitioner)
    url = reverse("meetings:invitee_add", args=[meeting.pk])
    for _ in range(2):
        client.post(url, {"form": "directory", "directory-entries": [str(entries["nurse"].pk)]})
    assert meeting.invitees.filter(name="Nia Nurse").count() == 1
