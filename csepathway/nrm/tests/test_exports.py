"""The answers as text and as a PDF, in the online form's order, to copy into it: scoped, audited,
downloaded, never cached."""

import io

import pytest
from django.urls import reverse
from pypdf import PdfReader

from csepathway.audit.models import AuditEvent
from csepathway.nrm.sections import SECTIONS

from .builders import complete_every_section

pytestmark = pytest.mark.django_db


def _in_order(text: str, words: list[str]) -> bool:
    positions = [text.index(word) for word in words]
    return positions == sorted(positions)


@pytest.mark.parametrize("persona", ["practitioner", "police_coordinator"])
def test_the_text_export(personas, stepped_up_client_for, referral, persona):
    referral = complete_every_section(personas.practitioner, referral)
    response = stepped_up_client_for(getattr(personas, persona)).get(reverse("nrm:export_text", args=[referral.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="nrm-referral-')
    assert "Testchild" not in response["Content-Disposition"]
    assert response["Cache-Control"] == "no-store"
    text = response.content.decode()
    assert _in_order(text, [f"{number}. {section.title}" for number, section in enumerate(SECTIONS, start=1)])
    assert "Rowan Testchild" in text
    assert "CR/123/26" in text
    assert "no consent is needed" in text
    event = AuditEvent.objects.get(verb="nrm.exported", actor=getattr(personas, persona))
    assert (event.child_id, event.object_id) == (referral.child_id, str(referral.pk))


def test_the_pdf_export(personas, stepped_up_client_for, referral):
    referral = complete_every_section(personas.practitioner, referral)
    response = stepped_up_client_for(personas.cse_worker).get(reverse("nrm:export_pdf", args=[referral.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith('attachment; filename="nrm-referral-')
    assert response["Content-Disposition"].endswith('.pdf"')
    assert response["Cache-Control"] == "no-store"
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    assert "OFFICIAL-SENSITIVE" in text
    assert _in_order(text, [section.title for section in SECTIONS])
    assert "Rowan Testchild" in text
    assert "Single Competent Authority" in text
    assert AuditEvent.objects.filter(verb="nrm.exported", actor=personas.cse_worker,
                                     child_id=referral.child_id).exists()


def test_an_export_asks_the_user_to_confirm_it_is_them_first(personas, client_for, referral):
    client = client_for(personas.practitioner)
    for name in ("nrm:export_text", "nrm:export_pdf"):
        response = client.get(reverse(name, args=[referral.pk]))
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("accounts:step_up"))
    assert not AuditEvent.objects.filter(verb="nrm.exported").exists()


def test_an_outsider_cannot_download(personas, stepped_up_client_for, referral):
    client = stepped_up_client_for(personas.outsider)
    for name in ("nrm:export_text", "nrm:export_pdf"):
        assert client.get(reverse(name, args=[referral.pk])).status_code == 404
    assert AuditEvent.objects.filter(verb="nrm.exported", outcome=AuditEvent.Outcome.DENIED).count() == 2
