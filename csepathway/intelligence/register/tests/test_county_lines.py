"""County lines on the register: a phone marked as a line with its name, the places linked to it,
shown on the register's list and on the line's page; only the register's users may add them, and a
line lists only the children the viewer may see (docs/adr/0063)."""

import pytest
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from csepathway.audit.models import AuditEvent
from csepathway.children.tests.factories import ChildFactory
from csepathway.core.refusals import Refused
from csepathway.episodes import scenarios
from csepathway.intelligence import services
from csepathway.intelligence.conftest import REPORT_DATA
from csepathway.intelligence.models import PhoneOfConcern, PlaceOfConcern
from csepathway.intelligence.register.lines import line_place_link, line_record

pytestmark = pytest.mark.django_db

LINE_NUMBER = "07700 900 461"


@pytest.fixture
def line(personas):
    return line_record(actor=personas.cse_worker, number=LINE_NUMBER, line_name="the Testline",
                       description="Runs between Testtown and Sampleton (test).")


def test_a_line_with_its_places_shows_on_the_register_and_on_its_page(personas, client_for, line):
    line_place_link(actor=personas.cse_worker, line=line, address="14 Mill Street, Testtown TE1 2AB",
                    description="Used to sell from (test).")
    line_place_link(actor=personas.police_coordinator, line=line, address="Sampleton bus station")
    client = client_for(personas.cse_manager)

    listing = client.get(reverse("intelligence:register") + "?kind=phone").text
    assert "the Testline (07700 900461)" in listing and "County line" in listing
    assert "14 Mill Street, Testtown TE1 2AB" in listing and "Sampleton bus station" in listing

    page = client.get(reverse("intelligence:register_entry", args=["phone", line.pk])).text
    assert "the Testline" in page and "Runs between Testtown and Sampleton (test)." in page
    place = PlaceOfConcern.objects.get(address="14 Mill Street, Testtown TE1 2AB")
    assert reverse("intelligence:register_entry", args=["place", place.pk]) in page
    assert reverse("intelligence:line_place_add", args=[line.pk]) in page

    place_page = client.get(reverse("intelligence:register_entry", args=["place", place.pk])).text
    assert "County lines linked" in place_page and "the Testline (07700 900461)" in place_page


def test_the_forms_add_a_line_and_link_a_place(personas, client_for):
    client = client_for(personas.police_coordinator)
    response = client.post(reverse("intelligence:line_new"), {"number": "07700900462", "line_name": "the Sample line",
                                                              "description": ""})
    line = PhoneOfConcern.objects.get(number="07700900462")
    assert response.status_code == 302 and line.is_line and line.line_name == "the Sample line"
    response = client.post(reverse("intelligence:line_place_add", args=[line.pk]),
                           {"address": "Flat 3, 9 Quay Road, Sampleton SA1 1AA", "description": ""})
    assert response.status_code == 302
    assert list(line.places.values_list("address", flat=True)) == ["Flat 3, 9 Quay Road, Sampleton SA1 1AA"]
    assert AuditEvent.objects.filter(verb="register.line_recorded").exists()
    assert AuditEvent.objects.filter(verb="register.line_place_linked").exists()


def test_bad_numbers_and_blank_places_get_errors_beside_the_fields(personas, client_for, line):
    client = client_for(personas.cse_worker)
    response = client.post(reverse("intelligence:line_new"), {"number": "12345", "line_name": "Kept (test)"})
    assert response.status_code == 200 and "Enter a UK phone number" in response.text
    assert "Kept (test)" in response.text
    response = client.post(reverse("intelligence:line_place_add", args=[line.pk]), {"address": ""})
    assert response.status_code == 200 and "Enter the address or place" in response.text


def test_the_same_number_is_one_phone_and_a_place_is_linked_once(personas, line):
    again = line_record(actor=personas.cse_manager, number="07700900461", line_name="")
    assert again.pk == line.pk and again.line_name == "the Testline"
    line_place_link(actor=personas.cse_worker, line=line, address="Sampleton bus station")
    with pytest.raises(Refused):
        line_place_link(actor=personas.cse_worker, line=line, address="sampleton  bus station")


def test_a_phone_from_a_sent_report_reaches_the_register_and_can_be_marked_a_line(personas, child):
    episode = scenarios.submitted(practitioner=personas.practitioner, child=child)
    report = services.report_create(actor=personas.practitioner, episode=episode, data=REPORT_DATA)
    services.piece_add(actor=personas.practitioner, report=report, kind="phone",
                       data={"number": "07700900463", "whose": "Unknown (test)", "how_learned": "told_by_child"})
    report.refresh_from_db()
    services.report_send(actor=personas.practitioner, report=report, expected_version=report.version)
    phone = PhoneOfConcern.objects.get(number="07700900463")
    assert not phone.is_line and list(phone.episodes.all()) == [episode]
    assert line_record(actor=personas.cse_worker, number="07700900463", line_name="the Report line").pk == phone.pk


def test_only_the_registers_users_reach_the_line_pages(personas, client_for, line):
    for user in (personas.practitioner, personas.team_manager, personas.mase_chair):
        client = client_for(user)
        assert client.get(reverse("intelligence:line_new")).status_code == 403
        assert client.get(reverse("intelligence:line_place_add", args=[line.pk])).status_code == 403
    with pytest.raises(PermissionDenied):
        line_record(actor=personas.practitioner, number="07700900464", line_name="")


def test_a_phone_that_is_not_a_line_has_no_places_page(personas, client_for):
    phone = PhoneOfConcern.objects.create(number="07700900465")
    response = client_for(personas.cse_worker).get(reverse("intelligence:line_place_add", args=[phone.pk]))
    assert response.status_code == 404


def test_a_line_lists_only_the_children_the_viewer_may_see(personas, client_for, line):
    theirs = ChildFactory(first_name="Quill", last_name="Otherteamchild", allocated_team=personas.outsider.team)
    episode = scenarios.submitted(practitioner=personas.outsider, child=theirs)
    line.episodes.add(episode)
    page = client_for(personas.police_coordinator).get(reverse("intelligence:register_entry", args=["phone", line.pk]))
    assert "Otherteamchild" in page.text  # the police coordinator sees submitted episodes
    missing = client_for(personas.cse_worker).get(reverse("intelligence:register_entry",
                                                          args=["phone", "00000000-0000-0000-0000-000000000000"]))
    assert missing.status_code == 404


def _list_queries(client) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(reverse("intelligence:register") + "?kind=phone").status_code == 200
    return len(captured)


def test_the_lines_list_costs_the_same_queries_for_2_or_12_lines(personas, client_for):
    client = client_for(personas.cse_worker)
    for n in range(2):
        made = line_record(actor=personas.cse_worker, number=f"0770090050{n}", line_name=f"Line {n} (test)")
        line_place_link(actor=personas.cse_worker, line=made, address=f"{n} Test Street, Testtown")
    client.get(reverse("intelligence:register") + "?kind=phone")
    two = _list_queries(client)
    for n in range(2, 12):
        made = line_record(actor=personas.cse_worker, number=f"077009005{n:02d}", line_name=f"Line {n} (test)")
        line_place_link(actor=personas.cse_worker, line=made, address=f"{n} Test Street, Testtown")
        line_place_link(actor=personas.cse_worker, line=made, address=f"{n} Sample Road, Sampleton")
    assert _list_queries(client) == two
