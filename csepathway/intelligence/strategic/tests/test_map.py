"""The association map (issue 12, point 5): every link the viewer may see, in words and drawn; a
child the viewer may not see neither drawn nor listed nor counted; links from reports only where the
viewer may read the report; a focus on one entity; a cap on what is drawn, said on the page; the PDF."""

import io
import re

import pytest
from django.urls import reverse
from pypdf import PdfReader

from csepathway.audit.models import AuditEvent
from csepathway.intelligence import access
from csepathway.intelligence.models import IntelligenceReport
from csepathway.intelligence.strategic import presenters

from .builders import build, chair_meeting

pytestmark = pytest.mark.django_db
URL = "intelligence:strategic_map"


def _text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def _links(html: str) -> list[str]:
    found = re.search(r'<ul class="govuk-list app-association-links">(.*?)</ul>', html, re.S)
    items = re.findall(r"<li>(.*?)</li>", found.group(1), re.S) if found else []
    return [re.sub(r"\s+", " ", re.sub(r"<span class=\"govuk-visually-hidden\">.*?</span>|<[^>]+>", "", item)).strip()
            for item in items]


def test_every_link_the_viewer_may_see_is_listed_in_words(personas, client_for):
    build(personas)
    html = client_for(personas.cse_manager).get(reverse(URL)).content.decode()
    links = _links(html)
    assert "Every link (9)" in _text(html)
    expected = [
        "Child Amy Strategictest — linked to — Person Kyle Testperson",
        "Child Amy Strategictest — linked to — Person Darren Testperson",
        "Child Amy Strategictest — linked to — Place 12 High Street, Testtown TE1 4AB",
        "Child Amy Strategictest — linked to — Place Rec ground, Testtown TE2 9ZZ",
        "Child Amy Strategictest — linked to — Phone 07700 900982 (named in report INT-",
        "Child Ben Strategictest — linked to — Person Kyle Testperson",
        "Child Ben Strategictest — linked to — Place 12 High Street, Testtown TE1 4AB",
        "Child Ben Strategictest — linked to — Vehicle AB12 CDE",
        "Person Kyle Testperson — linked to — Phone 07700 900982 (named together in report INT-",
    ]
    for words in expected:
        assert any(link.startswith(words) for link in links), words
    assert "episode sent to the CSE team on" in html
    # The picture: one node per child, person, place, vehicle and phone seen, with its label.
    assert html.count("<circle cx=") == 2 and ">Amy Strategictest</text>" in html
    assert 'role="img"' in html and "Every link is listed after the map." in html


def test_a_child_the_viewer_may_not_see_is_not_drawn_listed_or_counted(personas, client_for):
    build(personas)
    for user in (personas.cse_manager, personas.police_coordinator):
        html = client_for(user).get(reverse(URL)).content.decode()
        assert "Dana" not in html and "Hiddentest" not in html
        # Dana's draft report named a phone: not seen, not drawn.
        assert "900111" not in html
        assert "2 children" in html  # the map's summary counts only the children seen


def test_links_from_a_report_need_the_right_to_read_it(personas):
    """readable_reports_q, which the map joins through, says in SQL what may_read_content says of
    one report: for every role, P and C handling codes, and the author."""
    build(personas)
    report = IntelligenceReport.objects.exclude(status="draft").get()
    for code in ("P", "C"):
        IntelligenceReport.objects.filter(pk=report.pk).update(handling_code=code)
        report.refresh_from_db()
        for user in vars(personas).values():
            in_sql = IntelligenceReport.objects.filter(access.readable_reports_q(user), pk=report.pk).exists()
            assert in_sql == access.may_read_content(user, report), (code, user.role)


def test_a_chair_sees_only_the_children_of_meetings_they_chair(personas, client_for):
    world = build(personas)
    chair_meeting(personas, world.ben.episodes.get())
    html = client_for(personas.mase_chair).get(reverse(URL)).content.decode()
    links = _links(html)
    assert links and all("Ben Strategictest" in link for link in links)
    assert "Amy" not in html
    # The phone is named in a report on Amy's episode only, and the chair may not read reports.
    assert "07700" not in html


def test_the_map_focuses_on_one_entity(personas, client_for):
    world = build(personas)
    client = client_for(personas.cse_manager)
    html = client.get(reverse(URL), {"focus": f"vehicle:{world.vehicle.pk}"}).content.decode()
    text = _text(html)
    assert "Showing AB12 CDE (vehicle)" in text
    # The vehicle, Ben (one step), and what is linked to Ben (two steps); Amy is three steps away.
    assert "Ben Strategictest" in text and "Kyle Testperson" in text and "12 High Street" in text
    assert "Amy Strategictest" not in text and "Darren Testperson" not in text
    assert "Show the whole map" in text


def test_a_focus_on_a_child_the_viewer_may_not_see_shows_nothing(personas, client_for):
    world = build(personas)
    html = client_for(personas.cse_manager).get(reverse(URL), {"focus": f"child:{world.dana.pk}"}).content.decode()
    assert "Nothing you may see is linked to that in this period." in html
    assert "Dana" not in html and "Every link" not in html


def test_a_focus_that_is_not_one_is_an_error(personas, client_for):
    html = client_for(personas.cse_manager).get(reverse(URL), {"focus": "<script>"}).content.decode()
    assert "Choose someone or something on the map to focus on" in html


def test_the_map_says_when_it_draws_fewer_than_there_are(personas, client_for, monkeypatch):
    build(personas)
    monkeypatch.setattr(presenters, "MAX_NODES", 4)
    html = client_for(personas.cse_manager).get(reverse(URL)).content.decode()
    assert "The map draws 4 of the 8 children, people, places, vehicles and phones" in _text(html)
    assert "Every link (9)" in _text(html)  # the list is complete
    assert len(re.findall(r'<text x="[\d.]+" y="[\d.]+" text-anchor="middle" font-size="13"', html)) == 4


def test_viewing_the_map_is_audited(personas, client_for):
    build(personas)
    client_for(personas.police_coordinator).get(reverse(URL))
    event = AuditEvent.objects.get(verb="strategic.map_viewed", actor=personas.police_coordinator)
    assert "(2 children)" in event.object_id


def test_the_map_pdf_is_marked_and_lists_every_link(personas, stepped_up_client_for):
    build(personas)
    response = stepped_up_client_for(personas.cse_manager).get(reverse("intelligence:strategic_map_pdf"))
    assert response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    text = re.sub(r"\s+", " ", " ".join(page.extract_text() for page in reader.pages))
    assert text.count("OFFICIAL-SENSITIVE") >= 2 * len(reader.pages)
    assert "Child Amy Strategictest — linked to — Person Kyle Testperson" in text
    assert "Every link (9)" in text and "Dana" not in text
