"""The register of concern: entries made from a sent report, de-duplicated (one registration is one
vehicle; one normalised name and date of birth one person), near matches offered and merged only when
a CSE role or the police coordinator confirm, each entry listing only the children the viewer may see."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from csepathway.assessments.services import assessment_section_save
from csepathway.audit.models import AuditEvent
from csepathway.children.tests.factories import ChildFactory
from csepathway.core.refusals import Refused
from csepathway.episodes import scenarios
from csepathway.intelligence import services
from csepathway.intelligence.conftest import REPORT_DATA
from csepathway.intelligence.models import PersonOfConcern, PlaceOfConcern, RegisterMerge, VehicleOfConcern
from csepathway.intelligence.register import selectors as register_selectors
from csepathway.intelligence.register import services as register_services

pytestmark = pytest.mark.django_db

# Session, user and navigation, the audit event, and two per kind (entries; their visible episodes
# with children): the same for any number of entries and links.


def _report_on(personas, episode, *, person=None, vehicle=None, place=None):
    report = services.report_create(actor=personas.practitioner, episode=episode, data=REPORT_DATA)
    if person:
        services.piece_add(actor=personas.practitioner, report=report, kind="person",
                           data={"how_learned": "seen", "aliases": "", "description": "", **person})
    if vehicle:
        services.piece_add(actor=personas.practitioner, report=report, kind="vehicle",
                           data={"how_learned": "seen", "make": "", "model": "", "colour": "", **vehicle})
    if place:
        services.piece_add(actor=personas.practitioner, report=report, kind="place",
                           data={"how_learned": "seen", "description": "", **place})
    report.refresh_from_db()
    return services.report_send(actor=personas.practitioner, report=report, expected_version=report.version)


def test_sending_fills_the_register_linked_to_the_report_and_episode(personas, sent, episode):
    report = sent()
    person = PersonOfConcern.objects.get()
    vehicle = VehicleOfConcern.objects.get()
    assert person.full_name == "Darren Testperson" and person.date_of_birth == dt.date(1990, 4, 2)
    assert person.aliases == "Daz"
    assert vehicle.registration == "AB12CDE" and vehicle.make == "Ford"
    assert list(person.reports.all()) == [report] and list(person.episodes.all()) == [episode]


def test_the_same_registration_and_the_same_name_and_birth_date_are_one_entry(personas, child, sent):
    first = sent()
    other = scenarios.submitted(practitioner=personas.practitioner, child=ChildFactory(allocated_team=personas.team))
    second = _report_on(personas, other, person={"full_name": "darren  TESTPERSON", "aliases": "D-Man",
                                                 "date_of_birth": dt.date(1990, 4, 2)},
                        vehicle={"registration": "ab12 cde", "colour": "Silver"})
    person, vehicle = PersonOfConcern.objects.get(), VehicleOfConcern.objects.get()
    assert set(person.reports.all()) == {first, second}
    assert set(vehicle.episodes.all()) == {first.episode, other}
    assert person.aliases == "Daz, D-Man"


def test_places_are_one_entry_per_address(personas, episode):
    _report_on(personas, episode, place={"address": "12 High Street, Testtown"})
    _report_on(personas, episode, place={"address": "12 high street,  Testtown"})
    assert PlaceOfConcern.objects.count() == 1


def test_near_matches_are_offered_not_merged(personas, episode):
    _report_on(personas, episode, person={"full_name": "Darren Testperson", "date_of_birth": dt.date(1990, 4, 2)})
    _report_on(personas, episode, person={"full_name": "Daren Testperson", "date_of_birth": dt.date(1990, 4, 2)})
    _report_on(personas, episode, person={"full_name": "Darren Testperson", "date_of_birth": None})
    _report_on(personas, episode, person={"full_name": "Someone Elsewise", "date_of_birth": dt.date(1990, 4, 2)})
    assert PersonOfConcern.objects.count() == 4
    pairs = register_selectors.person_near_matches(actor=personas.cse_manager)
    described = {frozenset((a.full_name, str(a.date_of_birth), b.full_name, str(b.date_of_birth))): reason
                 for a, b, reason in pairs}
    assert len(pairs) == 2
    assert described[frozenset(("Darren Testperson", "1990-04-02", "Daren Testperson", "1990-04-02"))] == \
        "The same date of birth and a similar name"
    assert described[frozenset(("Darren Testperson", "1990-04-02", "Darren Testperson", "None"))] == \
        "The same name, and a date of birth missing"


def test_a_cse_role_confirms_a_merge_which_moves_the_links_and_leaves_no_duplicate(personas, client_for, episode):
    born = dt.date(1990, 4, 2)
    first = _report_on(personas, episode, person={"full_name": "Darren Testperson", "date_of_birth": born})
    other = scenarios.submitted(practitioner=personas.practitioner, child=ChildFactory(allocated_team=personas.team))
    second = _report_on(personas, other, person={"full_name": "Daren Testperson", "date_of_birth": born})
    keep = PersonOfConcern.objects.get(full_name="Darren Testperson")
    duplicate = PersonOfConcern.objects.get(full_name="Daren Testperson")
    client = client_for(personas.police_coordinator)
    page = client.get(reverse("intelligence:near_matches"))
    merge_url = reverse("intelligence:merge", args=[keep.pk, duplicate.pk])
    assert merge_url in page.text
    assert client.get(merge_url).status_code == 200

    response = client.post(merge_url, {"keep": str(keep.pk)})

    assert response.status_code == 302
    assert list(PersonOfConcern.objects.all()) == [keep]
    keep.refresh_from_db()
    assert set(keep.reports.all()) == {first, second} and set(keep.episodes.all()) == {episode, other}
    assert "Daren Testperson" in keep.aliases
    trail = RegisterMerge.objects.get()
    assert (trail.kept_id, trail.merged_id, trail.merged_by) == (keep.pk, duplicate.pk, personas.police_coordinator)
    assert AuditEvent.objects.filter(verb="register.merged", object_id=str(keep.pk)).exists()
    assert register_selectors.person_near_matches(actor=personas.cse_manager) == []


def test_people_with_different_birth_dates_are_never_merged(personas, episode):
    _report_on(personas, episode, person={"full_name": "Darren Testperson", "date_of_birth": dt.date(1990, 4, 2)})
    _report_on(personas, episode, person={"full_name": "Darren Testperson", "date_of_birth": dt.date(1991, 4, 2)})
    keep, other = PersonOfConcern.objects.order_by("date_of_birth")
    with pytest.raises(Refused, match="different dates of birth"):
        register_services.person_merge(actor=personas.cse_manager, keep=keep, duplicate=other)
    assert PersonOfConcern.objects.count() == 2


@pytest.mark.parametrize(("role", "status"), [
    ("cse_worker", 200), ("cse_manager", 200), ("police_coordinator", 200), ("practitioner", 403),
    ("same_team_practitioner", 403), ("outsider", 403), ("team_manager", 403), ("auditor", 403),
])
def test_only_cse_roles_and_the_police_coordinator_see_the_register(personas, client_for, sent, role, status):
    sent()
    person, vehicle = PersonOfConcern.objects.get(), VehicleOfConcern.objects.get()
    client = client_for(getattr(personas, role))
    nav = client.get("/").text
    assert (f'href="{reverse("intelligence:register")}"' in nav) is (status == 200)
    for url in (reverse("intelligence:register"), reverse("intelligence:near_matches"),
                reverse("intelligence:register_entry", args=["person", person.pk]),
                reverse("intelligence:register_entry", args=["vehicle", vehicle.pk])):
        response = client.get(url)
        assert response.status_code == status
        if status == 200:
            assert "Register of concern" in response.text


def test_an_unknown_entry_is_404(personas, client_for):
    import uuid

    client = client_for(personas.cse_manager)
    assert client.get(reverse("intelligence:register_entry", args=["person", uuid.uuid4()])).status_code == 404
    assert client.get(reverse("intelligence:register_entry", args=["unicorn", uuid.uuid4()])).status_code == 404


def test_each_entry_lists_only_the_children_the_viewer_may_see(personas, client_for, child, sent):
    sent()
    # A second child whose episode has not reached the CSE team: the police coordinator cannot see it.
    hidden = ChildFactory(first_name="Hidden", last_name="Testchild", allocated_team=personas.team)
    draft_episode = scenarios.draft_episode(practitioner=personas.practitioner, child=hidden)
    VehicleOfConcern.objects.get().episodes.add(draft_episode)
    police = client_for(personas.police_coordinator).get(reverse("intelligence:register")).text
    assert child.full_name in police and "Hidden Testchild" not in police
    cse = client_for(personas.cse_manager).get(reverse("intelligence:register")).text
    assert child.full_name in cse and "Hidden Testchild" not in cse  # a draft episode is not the CSE team's


def _register_queries(personas, client_for, links: int) -> int:
    people = [PersonOfConcern.objects.create(full_name=f"Person{n} Testperson", name_key=f"person{n} testperson")
              for n in range(3)]
    vehicle, _ = VehicleOfConcern.objects.get_or_create(registration="AB12CDE")
    place, _ = PlaceOfConcern.objects.get_or_create(address="A park (test)", address_key="a park test")
    for _ in range(links):
        episode = scenarios.submitted(practitioner=personas.practitioner,
                                      child=ChildFactory(allocated_team=personas.team))
        for entry in (*people, vehicle, place):
            entry.episodes.add(episode)
    client = client_for(personas.cse_manager)
    client.get(reverse("intelligence:register"))  # sessions and the like warm up
    with CaptureQueriesContext(connection) as captured:
        response = client.get(reverse("intelligence:register"))
    assert response.status_code == 200
    assert response.text.count("Testchild") >= links
    return len(captured)


def test_the_register_costs_the_same_queries_for_5_or_30_links(personas, client_for):
    # Compared, not counted: the audit chain's lock is one query more on PostgreSQL than on SQLite.
    five = _register_queries(personas, client_for, 5)
    PersonOfConcern.objects.all().delete()
    assert _register_queries(personas, client_for, 30) == five


def test_the_assessments_associates_and_places_reach_the_register(personas, client_for, child):
    episode = scenarios.ready_to_submit(practitioner=personas.practitioner, child=child, sign_off=False)
    assessment = episode.assessment
    assessment = assessment_section_save(
        actor=personas.practitioner, assessment=assessment, section="associates", expected_version=assessment.version,
        answers={"any_known": "yes", "entries": [
            {"name": "Darren Testperson", "nickname": "Daz", "description": "Older male (test)",
             "date_of_birth": {"day": "2", "month": "4", "year": "1990"}},
            {"name": "J T", "nickname": "", "description": "Only initials known (test)"}]}, complete=True)
    assessment_section_save(
        actor=personas.practitioner, assessment=assessment, section="places", expected_version=assessment.version,
        answers={"any_known": "yes", "entries": [{"place": "Testtown bus station", "description": "Pick-ups"}]},
        complete=True)
    episode = scenarios.signed_off(episode=episode, practitioner=personas.practitioner)
    episode = scenarios.services.episode_submit(actor=personas.practitioner, episode=episode, source="lcs",
                                                source_reference="LCS-1")
    url = reverse("intelligence:register_from_assessment", args=[episode.pk])
    client = client_for(personas.cse_worker)
    assert url in client.get(reverse("episodes:detail", args=[episode.pk])).text
    page = client.get(url)
    assert "Darren Testperson" in page.text and "J T: the register needs a full name" in page.text
    response = client.post(url, {"entries": ["person-1", "place-1"]})
    assert response.status_code == 302
    person = PersonOfConcern.objects.get()
    assert person.date_of_birth == dt.date(1990, 4, 2) and list(person.episodes.all()) == [episode]
    assert PlaceOfConcern.objects.get().address == "Testtown bus station"
    for role in ("practitioner", "same_team_practitioner", "outsider"):
        assert client_for(getattr(personas, role)).get(url).status_code == 403


def test_the_register_shows_one_kind_at_a_time_fifty_a_page(personas, client_for):
    for n in range(51):
        PersonOfConcern.objects.create(full_name=f"Pagey{n:02d} Testperson", name_key=f"pagey{n:02d} testperson")
    VehicleOfConcern.objects.create(registration="PG51TST")
    client = client_for(personas.cse_manager)

    people = client.get(reverse("intelligence:register")).text
    second = client.get(reverse("intelligence:register"), {"page": 2}).text
    vehicles = client.get(reverse("intelligence:register"), {"kind": "vehicle"}).text

    assert "People (51)" in people and "Pagey00" in people and "Pagey50" not in people
    assert "Pagey50" in second and "Pagey00" not in second
    assert "PG51 TST" in vehicles and "Pagey" not in vehicles
    assert "kind=person" in people and "page=2" in people
    assert client.get(reverse("intelligence:register"), {"kind": "nonsense"}).status_code == 200
