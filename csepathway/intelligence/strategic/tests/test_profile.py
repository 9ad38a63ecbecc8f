"""The strategic MASE profile (issue 12, point 5): figures worked out by hand on builders.build's
small data set, for each role that may see it; the same 404 for everyone else; a child the viewer
may not see in no figure; the same queries for 2 children as for 10; the PDF marked and complete."""

import io
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from pypdf import PdfReader

from csepathway.audit.models import AuditEvent
from csepathway.children.restrictions.models import RestrictionReason
from csepathway.children.restrictions.services import restriction_create
from csepathway.intelligence.strategic.period import Period, default_period

from .builders import add_children, build, chair_meeting

pytestmark = pytest.mark.django_db
URL = "intelligence:strategic_profile"


def _text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def _row(text: str, heading: str, value: str) -> bool:
    return re.search(rf"{re.escape(heading)}\s+{re.escape(value)}\b", text) is not None


@pytest.mark.parametrize("role", ["cse_manager", "police_coordinator"])
def test_the_strategic_roles_see_the_figures_worked_out_by_hand(personas, client_for, role):
    build(personas)
    response = client_for(getattr(personas, role)).get(reverse(URL))
    assert response.status_code == 200
    text = _text(response.content.decode())
    assert "2 children in the period" in text
    # Amy decided High; Ben's proposed Medium stands until the joint review decides.
    assert _row(text, "High", "1") and _row(text, "Medium", "1") and _row(text, "Low", "0")
    assert _row(text, "Sexual exploitation", "1") and _row(text, "Criminal exploitation, including county lines", "1")
    assert _row(text, "Online exploitation", "1") and _row(text, "Trafficking or modern slavery", "0")
    # Persons of concern: Kyle with Amy and Ben; Darren with Amy only (Dana is not seen).
    assert re.search(r"Kyle Testperson\s+–\s+2\b", text)
    assert re.search(r"Darren Testperson\s+–\s+1\b", text)
    # Places, their districts and the change on the period before (nothing then).
    assert re.search(r"12 High Street, Testtown TE1 4AB\s+TE1\s+2\s+0\s+\+2", text)
    assert re.search(r"Rec ground, Testtown TE2 9ZZ\s+TE2\s+1\s+0\s+\+1", text)
    assert re.search(r"TE1\s+2\s+0\s+\+2", text) and re.search(r"TE2\s+1\s+0\s+\+1", text)
    # Themes: both children screened with "cars", Ben also with drug misuse and with a criminal
    # indicator: a code from each of the screening's three lists.
    assert _row(text, "Getting into or out of cars driven by adults they do not know", "2")
    assert _row(text, "Drug misuse", "1")
    assert _row(text, "More than one phone or SIM card, or a phone that is always ringing", "1")
    assert "Dana" not in text and "Hiddentest" not in text


def test_a_child_the_viewer_may_not_see_is_in_no_count(personas, client_for):
    world = build(personas)
    # Hidden from the CSE manager by a restriction that admits only the practitioner.
    restriction_create(actor=personas.team_manager, child=world.ben, reason=RestrictionReason.STAFF,
                       allowed_users=[personas.practitioner])
    text = _text(client_for(personas.cse_manager).get(reverse(URL)).content.decode())
    assert "1 child in the period" in text
    assert re.search(r"Kyle Testperson\s+–\s+1\b", text)
    assert _row(text, "Medium", "0") and not _row(text, "Drug misuse", "1")
    assert "Ben" not in text


def test_a_chair_sees_the_children_of_the_meetings_they_chair(personas, client_for):
    world = build(personas)
    chair_meeting(personas, world.amy.episodes.get())
    text = _text(client_for(personas.mase_chair).get(reverse(URL)).content.decode())
    assert "1 child in the period" in text
    assert _row(text, "High", "1") and _row(text, "Medium", "0")
    # The register's own pages are not the chair's: names without links.
    assert "/intelligence/register/" not in client_for(personas.mase_chair).get(reverse(URL)).content.decode()


@pytest.mark.parametrize("role", ["cse_worker", "practitioner", "outsider", "team_manager", "auditor",
                                  "system_admin"])
def test_everyone_else_gets_the_404_of_a_page_that_is_not_there(personas, client_for, role):
    build(personas)
    user = getattr(personas, role)
    for name in (URL, "intelligence:strategic_profile_pdf", "intelligence:strategic_map",
                 "intelligence:strategic_map_pdf"):
        assert client_for(user).get(reverse(name)).status_code == 404
    assert AuditEvent.objects.filter(actor=user, outcome=AuditEvent.Outcome.DENIED,
                                     verb__startswith="strategic.").count() == 4


def test_the_profile_is_offered_only_to_the_strategic_roles(personas, client_for):
    """A chair from the header; those who hold the register from its page (the header stays one line)."""
    for role, shown in (("cse_manager", False), ("mase_chair", True), ("cse_worker", False), ("practitioner", False)):
        page = client_for(getattr(personas, role)).get(reverse("core:home")).content.decode()
        assert (f'href="{reverse(URL)}"' in page) is shown, role
    for role, shown in (("cse_manager", True), ("police_coordinator", True), ("cse_worker", False)):
        page = client_for(getattr(personas, role)).get(reverse("intelligence:register")).content.decode()
        assert (f'href="{reverse(URL)}"' in page) is shown, role


def test_viewing_the_profile_is_audited(personas, client_for):
    build(personas)
    client_for(personas.cse_manager).get(reverse(URL))
    event = AuditEvent.objects.get(verb="strategic.profile_viewed", actor=personas.cse_manager)
    assert "(2 children)" in event.object_id


def test_a_period_with_nothing_in_it_shows_nothing(personas, client_for):
    build(personas)
    text = _text(client_for(personas.cse_manager).get(reverse(URL), {
        "since_day": 1, "since_month": 1, "since_year": 2020, "until_day": 31, "until_month": 12,
        "until_year": 2020}).content.decode())
    assert "0 children in the period" in text and "Kyle" not in text


def test_a_period_too_long_or_backwards_is_an_error_beside_the_field(personas, client_for):
    client = client_for(personas.cse_manager)
    page = client.get(reverse(URL), {"since_day": 1, "since_month": 1, "since_year": 2020, "until_day": 1,
                                     "until_month": 1, "until_year": 2024}).content.decode()
    assert "Choose a period of 24 months or less" in page
    page = client.get(reverse(URL), {"since_day": 1, "since_month": 2, "since_year": 2026, "until_day": 1,
                                     "until_month": 1, "until_year": 2026}).content.decode()
    assert "must be the same as or after" in page


def test_the_period_and_its_months():
    import datetime as dt

    period = default_period(dt.date(2026, 3, 15))
    assert period.since == dt.date(2025, 4, 1) and len(period.months) == 12
    assert Period(dt.date(2026, 1, 1), dt.date(2026, 1, 31)).previous() == Period(dt.date(2025, 12, 1),
                                                                                  dt.date(2025, 12, 31))


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


@pytest.mark.parametrize("name", [URL, "intelligence:strategic_map"])
def test_the_same_queries_for_two_children_as_for_ten(personas, client_for, name):
    world = build(personas)
    client = client_for(personas.cse_manager)
    client.get(reverse(name))  # the session and the configuration cached alike for both runs
    two = _queries(client, reverse(name))
    add_children(personas, 8, person=world.kyle, place=world.high_street)
    ten = _queries(client, reverse(name))
    assert "10 children in the period" in _text(client.get(reverse(URL)).content.decode())
    assert two == ten
    assert ten <= 21  # 3 of them django-otp's look for each kind of device, as the session has no second factor


def test_the_pdf_is_marked_and_carries_the_figures(personas, client_for, stepped_up_client_for):
    build(personas)
    assert client_for(personas.cse_manager).get(reverse("intelligence:strategic_profile_pdf")).status_code == 302
    response = stepped_up_client_for(personas.cse_manager).get(reverse("intelligence:strategic_profile_pdf"))
    assert response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    text = " ".join(page.extract_text() for page in reader.pages)
    assert text.count("OFFICIAL-SENSITIVE") >= 2 * len(reader.pages)
    flat = re.sub(r"\s+", " ", text)
    assert "Kyle Testperson – 2" in flat and "Darren Testperson – 1" in flat
    assert "High 1" in flat and "Medium 1" in flat
    assert "12 High Street, Testtown TE1 4AB TE1 2 0 +2" in flat
    assert "Dana" not in flat
    assert AuditEvent.objects.filter(verb="strategic.profile_viewed", actor=personas.cse_manager).exists()
