"""Every document that leaves the service as a PDF stands on one base template, which prints the
protective marking at the top and bottom of every page; a letter to a child or family at home does not."""

from pathlib import Path

from django.template.loader import render_to_string
from pypdf import PdfReader

from csepathway.core.pdf import render_pdf

ROOT = Path(__file__).resolve().parents[2]
DOCUMENTS = sorted(p for p in ROOT.rglob("jinja2/**/*.html") if p.name.endswith("_pdf.html") or "letters" in p.parts)


def test_every_pdf_document_extends_the_marked_base():
    assert len(DOCUMENTS) >= 5
    for path in DOCUMENTS:
        assert path.read_text().startswith('{% extends "core/pdf_base.html" %}'), path


def test_the_marking_is_on_every_page(tmp_path):
    html = render_to_string("meetings/minutes/minutes_pdf.html", {"date": "1 June 2026", "items": []})
    assert '@top-center { content: "OFFICIAL-SENSITIVE"' in html
    pdf = tmp_path / "minutes.pdf"
    pdf.write_bytes(render_pdf("meetings/minutes/minutes_pdf.html", {"date": "1 June 2026", "items": []}))
    pages = PdfReader(pdf).pages
    assert all(page.extract_text().count("OFFICIAL-SENSITIVE") >= 2 for page in pages)


def test_a_letter_home_carries_no_marking():
    html = render_to_string("meetings/letters/invitation.html", {"for_child": True, "child_first_name": "Test"})
    assert "OFFICIAL-SENSITIVE" not in html
    assert '<body class="large">' in html
