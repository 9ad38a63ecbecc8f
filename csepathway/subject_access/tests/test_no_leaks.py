"""Subject access without leaks (issue 13, point 11): the identifiers of a withheld item are found
wherever else they appear in the bundle and offered for redaction before release; "release the rest
in full" in one step; and the bundle reads in labels, not codes."""

import pytest
from django.urls import reverse

from csepathway.audit.models import AuditEvent
from csepathway.children.tests.factories import ChildFactory
from csepathway.episodes import scenarios
from csepathway.notes.models import CaseNote
from csepathway.notes.services import case_note_add
from csepathway.subject_access.identifiers import identifiers_in, offered_redactions
from csepathway.subject_access.models import BundleItem, SubjectAccessRequest

from .test_requests import _gathered, _review, _start

pytestmark = pytest.mark.django_db

UNCLE = "Ray Testuncle"
WITHHELD = f"{UNCLE} phoned from 07700 900982 about the flat at 3 Hollow Row, TE1 2ST. His car is AB12 CDE, @ray_test."
ELSEWHERE = f"Morgan said {UNCLE} gives lifts in AB12CDE and texts from 07700 900982 (test)."


@pytest.fixture
def child(personas):
    child = ChildFactory(first_name="Morgan", last_name="Testchild", allocated_team=personas.team,
                         lcs_reference="LCS-777001")
    scenarios.decided(practitioner=personas.practitioner, child=child, cse_manager=personas.cse_manager,
                      police=personas.police_coordinator)
    case_note_add(actor=personas.practitioner, child=child, kind=CaseNote.Kind.GENERAL, title="Call from uncle",
                  body=WITHHELD, deliver=False)
    case_note_add(actor=personas.practitioner, child=child, kind=CaseNote.Kind.GENERAL, title="Home visit",
                  body=ELSEWHERE, deliver=False)
    return child


def _item(title):
    return BundleItem.objects.get(title__contains=title)


def test_identifiers_are_found_by_their_shape():
    found = identifiers_in(WITHHELD + "\nName: Daz\nVehicle: blue van")
    for expected in (UNCLE, "07700 900982", "TE1 2ST", "AB12CDE", "AB12 CDE", "@ray_test", "Daz", "blue van"):
        assert expected in found, expected


def test_withholding_an_item_offers_its_identifiers_where_they_appear_elsewhere(personas, client_for, child):
    client = client_for(personas.auditor)
    _start(client)
    sar = _gathered(client)
    _review(client, _item("Call from uncle"), decision="withhold", exemption="third_party")
    offers = offered_redactions(list(sar.items.order_by("position")))
    visit = next(offer for offer in offers if offer["item"].title.startswith("Case note: Home visit")
                 or "Home visit" in offer["item"].title)
    assert {UNCLE, "07700 900982", "AB12CDE"} <= set(visit["phrases"])
    page = client.get(reverse("subject_access:detail", args=[sar.pk])).text
    assert "Names and details from withheld items appear elsewhere" in page and UNCLE in page


def test_the_ticked_identifiers_are_redacted_and_nothing_else(personas, client_for, child):
    client = client_for(personas.auditor)
    _start(client)
    sar = _gathered(client)
    _review(client, _item("Call from uncle"), decision="withhold", exemption="third_party")
    sar.refresh_from_db()
    page = client.get(reverse("subject_access:detail", args=[sar.pk])).text
    ticked = _checkbox_values(page)
    assert ticked
    response = client.post(reverse("subject_access:redactions", args=[sar.pk]),
                           {"version": sar.version, "redact": ticked})
    assert response.status_code == 302
    visit = _item("Home visit")
    assert visit.decision == BundleItem.Decision.REDACT and visit.exemption == "third_party"
    assert UNCLE in visit.redactions and "07700 900982" in visit.redactions
    sar.refresh_from_db()
    assert not [o for o in offered_redactions(list(sar.items.all())) if o["item"].pk == visit.pk]
    assert AuditEvent.objects.filter(verb="subject_access.item_redact", actor=personas.auditor).exists()


def _checkbox_values(page: str) -> list[str]:
    import re

    return re.findall(r'name="redact"[^>]*value="([^"]+)"', page) or re.findall(
        r'value="([^"]+)"[^>]*name="redact"', page)


def test_the_rest_is_released_in_full_in_one_step(personas, client_for, child):
    client = client_for(personas.auditor)
    _start(client)
    sar = _gathered(client)
    _review(client, _item("Call from uncle"), decision="withhold", exemption="third_party")
    sar.refresh_from_db()
    response = client.post(reverse("subject_access:release_rest", args=[sar.pk]), {"version": sar.version})
    assert response.status_code == 302
    decisions = set(sar.items.values_list("decision", flat=True))
    assert decisions == {"withhold", "release"}
    assert _item("Call from uncle").decision == "withhold"
    assert AuditEvent.objects.filter(verb="subject_access.rest_released_in_full").exists()


def test_release_the_rest_on_an_old_page_changes_nothing(personas, client_for, child):
    client = client_for(personas.auditor)
    _start(client)
    sar = _gathered(client)
    client.post(reverse("subject_access:release_rest", args=[sar.pk]), {"version": sar.version - 1})
    assert set(sar.items.values_list("decision", flat=True)) == {"not_reviewed"}


@pytest.mark.parametrize("persona", ["practitioner", "cse_manager", "police_coordinator"])
def test_only_information_governance_releases_or_redacts(personas, client_for, child, persona):
    _start(client_for(personas.auditor))
    sar = _gathered(client_for(personas.auditor))
    client = client_for(getattr(personas, persona))
    assert client.post(reverse("subject_access:release_rest", args=[sar.pk]), {"version": sar.version}
                       ).status_code == 403
    assert client.post(reverse("subject_access:redactions", args=[sar.pk]), {"version": sar.version}
                       ).status_code == 403


def test_the_bundle_reads_in_labels_not_codes(personas, client_for, child):
    client = client_for(personas.auditor)
    _start(client)
    sar = SubjectAccessRequest.objects.get()
    sar = _gathered(client)
    texts = "\n".join(sar.items.values_list("text", flat=True))
    assert "Proposed risk level: medium" not in texts
    assert "Medium" in texts or "High" in texts
    assert "cse_manager" not in texts and "police_coordinator" not in texts
