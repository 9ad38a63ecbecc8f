"""Subject access from start to release: information governance only, every look at the child's data
audited with the child's id, and a released PDF in which redacted and withheld text is really gone."""

import datetime as dt
import io
import re

import pytest
from django.urls import reverse
from pypdf import PdfReader

from csepathway.audit.models import AuditEvent
from csepathway.children.tests.factories import ChildFactory
from csepathway.episodes import scenarios
from csepathway.notes.models import CaseNote
from csepathway.notes.services import case_note_add
from csepathway.subject_access.models import BundleItem, SubjectAccessRequest

pytestmark = pytest.mark.django_db

WITHHELD_BODY = "Ray Testuncle phoned about the Hollowmere flat."
REDACTED_PHRASE = "Jordan Thirdparty"
KEPT_WORDS = "Morgan enjoys football practice"


@pytest.fixture
def child(personas):
    child = ChildFactory(first_name="Morgan", last_name="Testchild", allocated_team=personas.team,
                         lcs_reference="LCS-777001")
    scenarios.decided(practitioner=personas.practitioner, child=child, cse_manager=personas.cse_manager,
                      police=personas.police_coordinator)
    case_note_add(actor=personas.practitioner, child=child, kind=CaseNote.Kind.GENERAL, title="Call from uncle",
                  body=WITHHELD_BODY, deliver=False)
    case_note_add(actor=personas.practitioner, child=child, kind=CaseNote.Kind.GENERAL, title="Home visit",
                  body=f"{KEPT_WORDS}. Seen with {REDACTED_PHRASE} outside school.", deliver=False)
    return child


def _start(client, reference="LCS-777001", received=dt.date(2026, 1, 31)):
    return client.post(reverse("subject_access:start"), {
        "reference": reference, "requester": "The child, by letter (synthetic)",
        "received_on_day": received.day, "received_on_month": received.month, "received_on_year": received.year})


def _gathered(client):
    sar = SubjectAccessRequest.objects.get()
    client.post(reverse("subject_access:gather", args=[sar.pk]), {"version": sar.version})
    sar.refresh_from_db()
    return sar


def _review(client, item, **data):
    return client.post(reverse("subject_access:item", args=[item.request_id, item.pk]),
                       {"version": item.version, **data})


def test_an_auditor_starts_a_request_by_reference_with_its_due_date(personas, client_for, child):
    response = _start(client_for(personas.auditor))
    sar = SubjectAccessRequest.objects.get()
    assert response.status_code == 302
    assert (sar.child, sar.due_on, sar.status) == (child, dt.date(2026, 3, 2), "gathering")  # 28 Feb 2026: Saturday
    assert AuditEvent.objects.filter(verb="subject_access.started", child_id=child.pk).exists()


def test_a_request_can_be_started_by_child_id_and_an_unknown_reference_is_a_clear_error(personas, client_for,
                                                                                        child):
    client = client_for(personas.auditor)
    response = _start(client, reference="LCS-NOPE")
    assert response.status_code == 200
    assert "No child has that reference" in response.text
    assert _start(client, reference=str(child.pk)).status_code == 302


def test_gathering_copies_every_record_held_and_is_audited(personas, client_for, child):
    client = client_for(personas.auditor)
    _start(client)
    sar = _gathered(client)
    kinds = set(sar.items.values_list("kind", flat=True))
    assert {"child", "episode", "screening", "assessment_section", "case_note"} <= kinds
    assert sar.status == "reviewing"
    assert sar.items.filter(text__contains=WITHHELD_BODY).exists()
    assert AuditEvent.objects.filter(verb="subject_access.gathered", child_id=child.pk,
                                     actor=personas.auditor).exists()


def test_a_double_clicked_gather_gathers_once(personas, client_for, child):
    client = client_for(personas.auditor)
    _start(client)
    sar = SubjectAccessRequest.objects.get()
    count = len(_gathered(client).items.all())
    client.post(reverse("subject_access:gather", args=[sar.pk]), {"version": sar.version})
    assert sar.items.count() == count


def test_viewing_the_bundle_and_an_item_is_audited_with_the_child(personas, client_for, child):
    client = client_for(personas.auditor)
    _start(client)
    sar = _gathered(client)
    item = sar.items.get(text__contains=WITHHELD_BODY)
    assert client.get(reverse("subject_access:detail", args=[sar.pk])).status_code == 200
    page = client.get(reverse("subject_access:item", args=[sar.pk, item.pk]))
    assert WITHHELD_BODY in page.text
    for verb in ("subject_access.viewed", "subject_access.item_viewed"):
        assert AuditEvent.objects.filter(verb=verb, child_id=child.pk, actor=personas.auditor).exists()


def test_a_redaction_naming_words_not_in_the_record_is_refused(personas, client_for, child):
    client = client_for(personas.auditor)
    _start(client)
    item = _gathered(client).items.get(title="Home visit")
    response = _review(client, item, decision="redact", exemption="third_party", redactions="Jordon Thirdparty")
    assert response.status_code == 200
    assert "do not appear in the record" in response.text
    item.refresh_from_db()
    assert item.decision == "not_reviewed"


def test_withholding_needs_an_exemption(personas, client_for, child):
    client = client_for(personas.auditor)
    _start(client)
    item = _gathered(client).items.first()
    response = _review(client, item, decision="withhold")
    assert "Select the exemption that applies" in response.text


def _text(pdf: bytes) -> str:
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    return re.sub(r"\s+", " ", text)


def test_the_released_pdf_really_has_no_redacted_or_withheld_text(personas, stepped_up_client_for, child):
    client = stepped_up_client_for(personas.auditor)
    _start(client)
    sar = _gathered(client)
    for item in sar.items.all():
        if item.title == "Call from uncle":
            _review(client, item, decision="withhold", exemption="other", exemption_detail="Family member's privacy")
        elif item.title == "Home visit":
            _review(client, item, decision="redact", exemption="third_party", redactions=REDACTED_PHRASE)
        else:
            _review(client, item, decision="release")
    assert client.post(reverse("subject_access:release", args=[sar.pk]),
                       {"version": sar.version, "confirm": "on"}).status_code == 302

    response = client.get(reverse("subject_access:pdf", args=[sar.pk]))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["Cache-Control"] == "no-store"
    text = _text(response.content)
    for gone in ("Ray Testuncle", "Hollowmere", "Call from uncle", "Jordan", "Thirdparty"):
        assert gone not in text
    assert KEPT_WORDS in text
    assert "[redacted: Third-party information]" in text
    assert "Case note withheld: Other: Family member's privacy." in text
    assert "Morgan Testchild" in text
    for verb in ("subject_access.released", "subject_access.downloaded"):
        assert AuditEvent.objects.filter(verb=verb, child_id=child.pk).exists()


def test_nothing_is_released_until_every_item_is_reviewed(personas, stepped_up_client_for, child):
    client = stepped_up_client_for(personas.auditor)
    _start(client)
    sar = _gathered(client)
    response = client.post(reverse("subject_access:release", args=[sar.pk]), {"version": sar.version, "confirm": "on"})
    assert "Review every item" in response.text
    sar.refresh_from_db()
    assert sar.status == "reviewing" and sar.released_pdf is None


def test_another_auditor_works_the_same_request(personas, client_for, child):
    from csepathway.accounts.tests.factories import UserFactory

    _start(client_for(personas.auditor))
    sar = SubjectAccessRequest.objects.get()
    colleague = UserFactory(username="ada.auditor", role="auditor", team=personas.auditor.team)
    client = client_for(colleague)
    assert client.get(reverse("subject_access:list")).status_code == 200
    assert client.get(reverse("subject_access:detail", args=[sar.pk])).status_code == 200


@pytest.mark.parametrize("persona", ["practitioner", "cse_manager", "outsider", "system_admin"])
def test_everyone_outside_information_governance_is_refused(personas, client_for, child, persona):
    auditor = client_for(personas.auditor)
    _start(auditor)
    sar = _gathered(auditor)
    item = sar.items.first()
    client = client_for(getattr(personas, persona))
    for url in (reverse("subject_access:list"), reverse("subject_access:start"),
                reverse("subject_access:detail", args=[sar.pk]), reverse("subject_access:release", args=[sar.pk]),
                reverse("subject_access:item", args=[sar.pk, item.pk]), reverse("subject_access:pdf", args=[sar.pk])):
        assert client.get(url).status_code == 403, url
    assert client.post(reverse("subject_access:gather", args=[sar.pk]), {"version": 1}).status_code == 403
    assert not AuditEvent.objects.filter(verb__startswith="subject_access.", actor=getattr(personas, persona)).exists()


def test_the_list_flags_overdue_requests(personas, client_for, child):
    client = client_for(personas.auditor)
    _start(client, received=dt.date(2025, 1, 6))
    response = client.get(reverse("subject_access:list"))
    assert "Overdue" in response.text and "1 request is overdue" in response.text


def test_an_item_from_another_request_is_not_found(personas, client_for, child):
    client = client_for(personas.auditor)
    _start(client)
    sar = _gathered(client)
    other = ChildFactory(lcs_reference="LCS-777002")
    _start(client, reference=other.lcs_reference)
    other_sar = SubjectAccessRequest.objects.exclude(pk=sar.pk).get()
    item = BundleItem.objects.filter(request=sar).first()
    assert client.get(reverse("subject_access:item", args=[other_sar.pk, item.pk])).status_code == 404


def test_the_list_takes_the_same_number_of_queries_however_many_requests(personas, client_for, child):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = client_for(personas.auditor)
    _start(client)
    with CaptureQueriesContext(connection) as one:
        client.get(reverse("subject_access:list"))
    for number in range(3):
        _start(client, reference=ChildFactory(lcs_reference=f"LCS-88800{number}").lcs_reference)
    with CaptureQueriesContext(connection) as four:
        client.get(reverse("subject_access:list"))
    assert len(four) == len(one)


def test_releasing_and_downloading_ask_the_auditor_to_confirm_it_is_them(personas, client_for, child):
    client = client_for(personas.auditor)
    _start(client)
    sar = _gathered(client)
    for address in (reverse("subject_access:release", args=[sar.pk]),):
        response = client.post(address, {"version": sar.version, "confirm": "on"})
        assert response.status_code == 302 and response["Location"].startswith(reverse("accounts:step_up"))
    sar.refresh_from_db()
    assert sar.status != "released"


def test_open_requests_come_first_and_the_list_pages_at_fifty(personas, client_for, child):
    import datetime as dt

    from django.utils import timezone

    client = client_for(personas.auditor)
    for number in range(51):
        _start(client, reference=ChildFactory(lcs_reference=f"LCS-9{number:05d}").lcs_reference)
    released = SubjectAccessRequest.objects.order_by("created_at").first()
    SubjectAccessRequest.objects.filter(pk=released.pk).update(
        status=SubjectAccessRequest.Status.RELEASED, due_on=timezone.localdate() + dt.timedelta(days=1))

    first = client.get(reverse("subject_access:list")).text
    second = client.get(reverse("subject_access:list"), {"page": 2}).text

    assert "51 requests" in first and "page=2" in first
    link = reverse("subject_access:detail", args=[released.pk])
    assert link not in first and link in second  # released, so after every open one
