"""An access history for people, not developers (issue 13, point 10): find a child by name, filter
by person, date and kind, role titles and plain words, repeated views collapsed, refused attempts
on the child's other records shown, and a CSV download."""

import csv
import datetime as dt
import io

import pytest
from django.http import Http404
from django.urls import reverse
from django.utils import timezone

from csepathway.audit.models import AuditEvent
from csepathway.audit.services import record
from csepathway.children import selectors as child_selectors
from csepathway.children.models import RestrictionReason
from csepathway.children.restrictions import services as restriction_services
from csepathway.children.tests.factories import ChildFactory
from csepathway.episodes import scenarios
from csepathway.episodes import selectors as episode_selectors

pytestmark = pytest.mark.django_db


@pytest.fixture
def child(personas):
    return ChildFactory(first_name="Rowan", last_name="Historychild", allocated_team=personas.team,
                        allocated_worker=personas.practitioner, lcs_reference="LCS-HIST-1")


def _history(client, child, **query):
    return client.get(reverse("oversight:child_history", args=[child.pk]), query)


def _opened(personas, child, times=1, who=None):
    for _ in range(times):
        child_selectors.child_get(actor=who or personas.practitioner, child_id=child.pk)


@pytest.mark.parametrize("role", ["auditor", "cse_manager"])
def test_a_child_is_found_by_name_and_opens_their_history(personas, client_for, child, role):
    page = client_for(getattr(personas, role)).get(reverse("oversight:access_history"), {"name": "historychild"})
    assert page.status_code == 200
    assert "Rowan Historychild" in page.text and "LCS-HIST-1" in page.text
    assert reverse("oversight:child_history", args=[child.pk]) in page.text
    assert AuditEvent.objects.filter(verb="audit.child_history_searched", actor=getattr(personas, role)).exists()


def test_a_restricted_child_is_not_found_by_name_by_someone_outside_its_allow_list(personas, client_for, child):
    restriction_services.restriction_create(actor=personas.team_manager, child=child, reason=RestrictionReason.STAFF,
                                            allowed_users=[personas.team_manager])
    page = client_for(personas.auditor).get(reverse("oversight:access_history"), {"name": "Historychild"}).text
    assert "Rowan" not in page and "data-no-children-found" in page


def test_the_cse_manager_finds_only_children_they_may_see(personas, client_for):
    ChildFactory(first_name="Far", last_name="Historychild", allocated_team=personas.outsider.team)
    page = client_for(personas.practitioner).get(reverse("oversight:access_history"), {"name": "Historychild"})
    assert page.status_code == 403


def test_roles_read_as_titles_and_repeated_views_collapse_to_one_line(personas, client_for, child):
    _opened(personas, child, times=4)
    _opened(personas, child, who=personas.team_manager)
    page = _history(client_for(personas.auditor), child).text
    assert "Practitioner" in page and "practitioner</td>" not in page
    assert "Opened the record (4 times)" in page
    assert page.count("Opened the record") == 2  # the practitioner's four, and the Team Manager's one


def test_a_refused_attempt_on_the_childs_episode_is_in_the_childs_history(personas, client_for, child):
    episode = scenarios.draft_episode(practitioner=personas.practitioner, child=child)
    with pytest.raises(Http404):
        episode_selectors.episode_get(actor=personas.outsider, episode_id=episode.pk)
    page = _history(client_for(personas.auditor), child).text
    assert "Oscar" in page and "Refused" in page


def test_filters_by_person_kind_and_date(personas, client_for, child):
    _opened(personas, child)
    with pytest.raises(Http404):
        child_selectors.child_get(actor=personas.outsider, child_id=child.pk)
    old = record(actor=personas.team_manager, verb="child.updated", object_type="children.child",
                 object_id=str(child.pk), child_id=child.pk)
    client = client_for(personas.auditor)
    by_person = _history(client, child, person="oscar").text
    assert "Oscar" in by_person and "Opened the record (" not in by_person and "Changed the record" not in by_person
    refused = _history(client, child, kind="refused").text
    assert "Refused" in refused and "Changed the record" not in refused
    changed = _history(client, child, kind="changed").text
    assert "Changed the record" in changed and "Opened the record" not in changed
    today = timezone.localdate()
    tomorrow = today + dt.timedelta(days=1)
    later = _history(client, child, since_day=tomorrow.day, since_month=tomorrow.month, since_year=tomorrow.year).text
    assert "Nothing matches these filters." in later
    assert old is not None


def test_a_wrong_period_is_a_form_error_not_a_crash(personas, client_for, child):
    response = _history(client_for(personas.auditor), child, since_day=5, since_month=5, since_year=2026,
                        until_day=1, until_month=5, until_year=2026)
    assert response.status_code == 200
    assert "must be the same as or after" in response.text


def test_the_history_downloads_as_a_spreadsheet_with_every_event_and_nothing_that_runs(personas, client_for, child):
    _opened(personas, child, times=3)
    record(actor=personas.team_manager, verb="=cmd|calc", object_type="children.child", object_id=str(child.pk),
           child_id=child.pk)
    response = client_for(personas.auditor).get(reverse("oversight:child_history_csv", args=[child.pk]))
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    assert response["Cache-Control"] == "no-store"
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0] == ["OFFICIAL-SENSITIVE"]
    assert rows[1] == ["When", "Person", "Username", "Role", "What they did", "Outcome"]
    assert sum(1 for row in rows[2:] if row[4] == "Opened the record") == 3  # not collapsed
    assert not any(cell.startswith("=") for row in rows for cell in row)
    assert AuditEvent.objects.filter(verb="audit.child_history_downloaded", actor=personas.auditor).exists()


@pytest.mark.parametrize("role", ["practitioner", "team_manager", "cse_worker", "police_coordinator", "outsider"])
def test_nobody_else_downloads_a_childs_history(personas, client_for, child, role):
    response = client_for(getattr(personas, role)).get(reverse("oversight:child_history_csv", args=[child.pk]))
    assert response.status_code == 403
