import pytest
from django.urls import reverse

from csepathway.audit.models import AuditEvent
from csepathway.children import services
from csepathway.children.models import Child
from csepathway.core.services import StaleEdit

from .factories import ChildFactory

pytestmark = pytest.mark.django_db

NEW_CHILD = {
    "first_name": "Frankie", "last_name": "Testchild", "aliases": "Frank\nFX",
    "date_of_birth_day": "3", "date_of_birth_month": "6", "date_of_birth_year": "2012",
    "gender": "boy", "plan": "cin", "lcs_reference": "LCS-777001", "school": "Example High School",
}


@pytest.fixture
def child(personas):
    return ChildFactory(first_name="Jordan", last_name="Testchild", allocated_team=personas.team,
                        school="Testshire Academy (demo)")


def _edit_post(child, **changes):
    data = {"first_name": child.first_name, "last_name": child.last_name, "gender": child.gender,
            "plan": child.plan, "date_of_birth_day": str(child.date_of_birth.day),
            "date_of_birth_month": str(child.date_of_birth.month),
            "date_of_birth_year": str(child.date_of_birth.year), "school": child.school,
            "lcs_reference": child.lcs_reference, "allocated_team": str(child.allocated_team_id or ""),
            "version": str(child.version)}
    data.update(changes)
    return data


def test_practitioner_creates_a_child_who_is_allocated_to_them_and_their_team(personas, client_for):
    response = client_for(personas.practitioner).post(reverse("children:create"), NEW_CHILD)
    child = Child.objects.get(lcs_reference="LCS-777001")
    assert response.status_code == 302 and response.url == reverse("children:detail", args=[child.pk])
    assert child.allocated_worker == personas.practitioner
    assert child.allocated_team == personas.team
    assert sorted(a.name for a in child.aliases.all()) == ["FX", "Frank"]
    assert AuditEvent.objects.filter(verb="child.created", child_id=child.pk).exists()


def test_creating_a_child_with_missing_and_bad_answers_shows_errors_and_keeps_what_was_typed(personas, client_for):
    data = {**NEW_CHILD, "first_name": "", "date_of_birth_month": "13"}
    response = client_for(personas.practitioner).post(reverse("children:create"), data)
    assert response.status_code == 200
    content = response.content.decode()
    assert "There is a problem" in content
    assert "Enter the child&#39;s first name" in content
    assert "must be a real date" in content
    assert 'value="LCS-777001"' in content
    assert not Child.objects.filter(lcs_reference="LCS-777001").exists()


def test_a_date_of_birth_in_the_future_is_refused(personas, client_for):
    data = {**NEW_CHILD, "date_of_birth_year": "2999"}
    response = client_for(personas.practitioner).post(reverse("children:create"), data)
    assert "must be today or in the past" in response.content.decode()


def test_looked_after_child_needs_a_legal_status(personas, client_for):
    response = client_for(personas.practitioner).post(reverse("children:create"), {**NEW_CHILD, "plan": "lac"})
    assert "Select the legal status" in response.content.decode()


@pytest.mark.parametrize("role", ["police_coordinator", "mase_chair", "auditor", "system_admin"])
def test_roles_that_do_not_hold_cases_cannot_add_a_child(personas, client_for, role):
    response = client_for(getattr(personas, role)).post(reverse("children:create"), NEW_CHILD)
    assert response.status_code == 403
    assert not Child.objects.filter(lcs_reference="LCS-777001").exists()


def test_allocated_teams_practitioner_edits_a_child_and_the_change_is_audited_by_field_name(
        personas, client_for, child):
    response = client_for(personas.same_team_practitioner).post(
        reverse("children:edit", args=[child.pk]), _edit_post(child, school="Sample Street Pupil Referral Unit"))
    assert response.status_code == 302
    child.refresh_from_db()
    assert child.school == "Sample Street Pupil Referral Unit"
    assert child.version == 2
    event = AuditEvent.objects.get(verb="child.updated")
    assert event.changed_fields == ["school"]
    assert "Pupil Referral" not in event.canonical()


def test_outsider_cannot_open_or_save_the_edit_form(personas, client_for, child):
    client = client_for(personas.outsider)
    assert client.get(reverse("children:edit", args=[child.pk])).status_code == 404
    response = client.post(reverse("children:edit", args=[child.pk]), _edit_post(child, school="Hacked School"))
    assert response.status_code == 404
    child.refresh_from_db()
    assert child.school == "Testshire Academy (demo)"


def test_a_stale_edit_is_refused_and_both_versions_are_shown(personas, client_for, child):
    opened_version = child.version
    services.child_update(actor=personas.team_manager, child=Child.objects.get(pk=child.pk),
                          expected_version=opened_version, data={"school": "Example High School"})
    response = client_for(personas.practitioner).post(
        reverse("children:edit", args=[child.pk]),
        _edit_post(child, school="Testshire College (demo)", version=str(opened_version)))
    assert response.status_code == 409
    content = response.content.decode()
    assert "Someone else changed" in content
    assert "Testshire College (demo)" in content and "Example High School" in content
    child.refresh_from_db()
    assert child.school == "Example High School"


def test_the_editor_can_then_choose_to_save_their_version_against_the_current_one(personas, client_for, child):
    services.child_update(actor=personas.team_manager, child=Child.objects.get(pk=child.pk),
                          expected_version=1, data={"school": "Example High School"})
    response = client_for(personas.practitioner).post(
        reverse("children:edit", args=[child.pk]), _edit_post(child, school="Testshire College (demo)", version="2"))
    assert response.status_code == 302
    child.refresh_from_db()
    assert child.school == "Testshire College (demo)" and child.version == 3


def test_two_saves_from_the_same_version_cannot_both_win(personas, child):
    first = Child.objects.get(pk=child.pk)
    second = Child.objects.get(pk=child.pk)
    services.child_update(actor=personas.practitioner, child=first, expected_version=1, data={"school": "A School"})
    with pytest.raises(StaleEdit) as refused:
        services.child_update(actor=personas.team_manager, child=second, expected_version=1,
                              data={"school": "B School"})
    assert refused.value.current.school == "A School"
    child.refresh_from_db()
    assert child.school == "A School"


def test_protected_address_shows_to_the_allocated_team_only(personas, client_for, child):
    services.child_update(actor=personas.practitioner, child=Child.objects.get(pk=child.pk), expected_version=1,
                          data={"address": "1 Refuge Road (demo)", "address_protected": True})
    team_view = client_for(personas.same_team_practitioner).get(reverse("children:detail", args=[child.pk]))
    assert b"Refuge Road" in team_view.content
    cse_view = client_for(personas.cse_worker).get(reverse("children:detail", args=[child.pk]))
    assert cse_view.status_code == 200
    assert b"Refuge Road" not in cse_view.content
    assert b"Protected address" in cse_view.content


def test_an_edit_without_its_version_is_refused_like_a_stale_one(personas, client_for, child):
    services.child_update(actor=personas.team_manager, child=Child.objects.get(pk=child.pk),
                          expected_version=child.version, data={"school": "Example High School"})
    data = _edit_post(child, school="Testshire College (demo)")
    del data["version"]
    response = client_for(personas.practitioner).post(reverse("children:edit", args=[child.pk]), data)
    assert response.status_code == 409
    assert "Someone else changed" in response.text
    child.refresh_from_db()
    assert child.school == "Example High School"
