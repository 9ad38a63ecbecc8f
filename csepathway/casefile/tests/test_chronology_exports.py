"""The chronology a CSE manager can use: exact times in the true order of the day, every kind of
event, filters by kind and period kept across pages and downloads, a print style, and the PDF (marked
on every page, the child named by references) and CSV (no formula a spreadsheet would run) exports."""

import csv
import datetime as dt
import io
from pathlib import Path

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from csepathway.audit.models import AuditEvent
from csepathway.casefile.presenters import safe_cell
from csepathway.children.tests.factories import ChildFactory
from csepathway.episodes import scenarios, services
from csepathway.episodes.models import Conversation

pytestmark = pytest.mark.django_db
TZ = timezone.get_default_timezone()


def at(day: int, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime(2027, 3, day, hour, minute, tzinfo=TZ)


@pytest.fixture
def child(personas):
    return ChildFactory(first_name="Morgan", last_name="Testchild", allocated_team=personas.team,
                        lcs_reference="LCS-TEST-4411")


def _page(client, child, **params):
    return client.get(reverse("casefile:chronology", args=[child.pk]), params).content.decode()


def _story(personas, child):
    """A concern at 9am, a conversation written up at 3pm the same day, the screening at 11am."""
    with time_machine.travel(at(2, 9), tick=False):
        episode = scenarios.draft_episode(practitioner=personas.practitioner, child=child)
    with time_machine.travel(at(2, 15), tick=False):
        services.conversation_record(actor=personas.practitioner, episode=episode,
                                     held_with=Conversation.With.CHILD, held_on=dt.date(2027, 3, 2),
                                     people="Morgan (test)", views="Wants it to stop (test).")
    with time_machine.travel(at(2, 11, 30), tick=False):
        _screen(personas, episode)
    return episode


def _screen(personas, episode):
    from csepathway.core.configuration import configuration_current
    from csepathway.episodes.screening_services import episode_screening_record
    from csepathway.screening.models import Outcome

    episode_screening_record(actor=personas.practitioner, episode=episode,
                             tool=configuration_current("screening_tool"), reason="Concern from school (test)",
                             significant_indicators={"cars": "recent"}, other_indicators=[],
                             vulnerabilities=["low_self_esteem"], outcome=Outcome.AT_RISK)


def test_each_event_shows_its_time_and_the_day_reads_in_the_order_it_happened(personas, client_for, child):
    _story(personas, child)
    page = _page(client_for(personas.practitioner), child)
    assert "9am" in page and "11:30am" in page
    order = [page.index(words) for words in ("Concern recorded", "Screening: at risk", "Conversation with the child")]
    assert order == sorted(order)
    assert "No time recorded" in page


def test_screenings_conversations_advice_and_plan_entries_are_in_the_chronology(personas, client_for, child):
    from csepathway.children.services import plan_entry_record

    episode = _story(personas, child)
    services.manager_advice_record(actor=personas.practitioner, episode=episode, manager=personas.team_manager,
                                   given_on=dt.date(2027, 3, 2), advice="Screen now (test).")
    plan_entry_record(actor=personas.practitioner, child=child, need="Safe travel home (test)",
                      intervention="Taxi from school (test)", agreed_on=dt.date(2027, 3, 3), source="Initial MASE")
    page = _page(client_for(personas.practitioner), child)
    for words in ("Screening: at risk", "Conversation with the child", "Team Manager&#39;s advice",
                  "Added to the child&#39;s plan", "Safe travel home (test)"):
        assert words in page, words


def test_the_filters_pick_kinds_and_a_period_and_stay_on_every_page(personas, client_for, child):
    from csepathway.notes.models import CaseNote
    from csepathway.notes.services import case_note_add

    _story(personas, child)
    for i in range(105):
        with time_machine.travel(at(10, 9) + dt.timedelta(minutes=i), tick=False):
            case_note_add(actor=personas.practitioner, child=child, kind=CaseNote.Kind.GENERAL,
                          title=f"Visit number {i:03d} (test)", body="Visited (test).", deliver=False)
    client = client_for(personas.practitioner)
    params = {"kind": ["note", "screening"], "since_day": "1", "since_month": "3", "since_year": "2027",
              "until_day": "31", "until_month": "3", "until_year": "2027"}
    page = _page(client, child, **params)
    assert "106 events" in page and "Concern recorded" not in page
    assert "Showing: screenings, case notes from 1 March 2027 to 31 March 2027" in page
    assert "kind=note&amp;kind=screening" in page and "since_day=1" in page and "page=2" in page
    second = _page(client, child, page=2, **params)
    assert second.count("Visit number") == 6

    only_the_second = _page(client, child, since_day="5", since_month="3", since_year="2027")
    assert "Concern recorded" not in only_the_second and "Visit number 000" in only_the_second


def test_a_period_that_ends_before_it_starts_is_an_error_beside_the_field(personas, client_for, child):
    _story(personas, child)
    page = _page(client_for(personas.practitioner), child, since_day="5", since_month="3", since_year="2027",
                 until_day="1", until_month="3", until_year="2027")
    assert "There is a problem" in page and "must be the same as or after" in page
    assert "Concern recorded" in page  # nothing hidden by a filter that was refused


def test_the_page_prints_with_its_own_print_styles(personas, client_for, child):
    page = _page(client_for(personas.practitioner), child)
    assert "casefile/chronology.css" in page and "casefile/print.js" in page
    from django.contrib.staticfiles import finders

    styles = Path(finders.find("casefile/chronology.css")).read_text()
    assert "@media print" in styles and 'content: "OFFICIAL-SENSITIVE"' in styles


def _download(client, child, fmt, **params):
    return client.get(reverse(f"casefile:chronology_{fmt}", args=[child.pk]), params)


def _pdf_text(response) -> list[str]:
    return [page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages]


def test_the_pdf_is_marked_on_every_page_and_names_the_child_by_reference(personas, stepped_up_client_for, child):
    from csepathway.notes.models import CaseNote
    from csepathway.notes.services import case_note_add

    _story(personas, child)
    for i in range(60):
        case_note_add(actor=personas.practitioner, child=child, kind=CaseNote.Kind.GENERAL,
                      title=f"Visit number {i:03d} (test)", body="Visited (test).", deliver=False)
    response = _download(stepped_up_client_for(personas.practitioner), child, "pdf")
    assert response["Content-Type"] == "application/pdf" and response["Cache-Control"] == "no-store"
    assert "Morgan" not in response["Content-Disposition"]
    pages = _pdf_text(response)
    assert len(pages) > 1
    assert all(text.count("OFFICIAL-SENSITIVE") >= 2 for text in pages)
    text = "\n".join(pages)
    assert "LCS-TEST-4411" in text and "Concern recorded" in text and "Visit number 059" in text
    assert str(child.pk) not in text and str(child.pk)[:8] not in text
    event = AuditEvent.objects.get(verb="child.chronology_downloaded")
    assert (event.actor, event.child_id) == (personas.practitioner, child.pk)


def test_the_pdf_keeps_the_filters(personas, stepped_up_client_for, child):
    _story(personas, child)
    text = "\n".join(_pdf_text(_download(stepped_up_client_for(personas.practitioner), child, "pdf",
                                         kind="screening")))
    assert "Screening: at risk" in text and "Concern recorded" not in text and "Showing: screenings" in text


def test_the_csv_has_a_marking_exact_times_and_no_formula_a_spreadsheet_would_run(personas, stepped_up_client_for,
                                                                                    child):
    from csepathway.notes.models import CaseNote
    from csepathway.notes.services import case_note_add

    _story(personas, child)
    case_note_add(actor=personas.practitioner, child=child, kind=CaseNote.Kind.GENERAL,
                  title='=HYPERLINK("http://evil.invalid","x")', body="(test)", deliver=False)
    response = _download(stepped_up_client_for(personas.practitioner), child, "csv")
    assert response["Content-Type"].startswith("text/csv") and response["Cache-Control"] == "no-store"
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0] == ["OFFICIAL-SENSITIVE"]
    assert rows[1] == ["Date", "Time", "What happened", "Details", "Part of the record"]
    assert ["2027-03-02", "09:00", "Concern recorded"] in [row[:3] for row in rows]
    assert ["2027-03-02", "No time recorded", "Conversation with the child"] in [row[:3] for row in rows]
    titles = [row[2] for row in rows[2:]]
    assert "'=HYPERLINK(\"http://evil.invalid\",\"x\")" in titles
    assert not any(cell.startswith(("=", "+", "-", "@")) for row in rows for cell in row)


@pytest.mark.parametrize("value", ["=1+1", "+44 7700 900000", "-2", "@SUM(A1)", "\tx"])
def test_a_cell_that_starts_like_a_formula_is_prefixed(value):
    assert safe_cell(value) == "'" + value
    assert safe_cell("Seen at 3pm") == "Seen at 3pm"


def test_a_download_asks_the_user_to_confirm_it_is_them_first(personas, client_for, child):
    response = _download(client_for(personas.practitioner), child, "csv")
    assert response.status_code == 302 and reverse("accounts:step_up") in response["Location"]
    assert AuditEvent.objects.filter(verb="child.export_requested", child_id=child.pk).exists()
    assert not AuditEvent.objects.filter(verb="child.chronology_downloaded").exists()


@pytest.mark.parametrize("kind", ["pdf", "csv"])
def test_a_same_team_practitioner_may_download(personas, stepped_up_client_for, child, kind):
    _story(personas, child)
    assert _download(stepped_up_client_for(personas.same_team_practitioner), child, kind).status_code == 200


@pytest.mark.parametrize("kind", ["pdf", "csv"])
def test_an_outsider_gets_404_for_a_download_and_the_refusal_is_audited(personas, stepped_up_client_for, child,
                                                                          kind):
    _story(personas, child)
    assert _download(stepped_up_client_for(personas.outsider), child, kind).status_code == 404
    assert AuditEvent.objects.filter(actor=personas.outsider, outcome=AuditEvent.Outcome.DENIED,
                                     verb="child.chronology_downloaded").exists()


@pytest.mark.parametrize("kind", ["page", "pdf", "csv", "record"])
def test_the_chronology_and_its_exports_take_the_same_queries_however_long_the_story(
        personas, stepped_up_client_for, child, kind):
    client = stepped_up_client_for(personas.cse_manager)
    name = {"page": "chronology", "record": "record_pdf"}.get(kind, f"chronology_{kind}")
    url = reverse(f"casefile:{name}", args=[child.pk])

    def story():
        episode = scenarios.closed(practitioner=personas.practitioner, child=child, cse_manager=personas.cse_manager,
                                   police=personas.police_coordinator)
        services.conversation_record(actor=personas.practitioner, episode=episode, held_with=Conversation.With.PARENTS,
                                     held_on=timezone.localdate(), people="Parent (test)", views="(test)")

    story()
    with CaptureQueriesContext(connection) as one:
        assert client.get(url).status_code == 200
    for _ in range(3):
        story()
    with CaptureQueriesContext(connection) as four:
        client.get(url)
    assert len(four.captured_queries) == len(one.captured_queries)


def test_the_record_pdf_has_the_details_plan_and_chronology_marked_on_every_page(personas, stepped_up_client_for,
                                                                                   client_for, child):
    from csepathway.children.services import plan_entry_record

    _story(personas, child)
    plan_entry_record(actor=personas.practitioner, child=child, need="Safe travel home (test)",
                      intervention="Taxi from school (test)", agreed_on=dt.date(2027, 3, 3), source="Initial MASE")
    record_url = reverse("casefile:record_pdf", args=[child.pk])
    assert record_url in client_for(personas.practitioner).get(reverse("children:detail", args=[child.pk])).text
    response = stepped_up_client_for(personas.same_team_practitioner).get(record_url)
    assert response["Cache-Control"] == "no-store" and "Morgan" not in response["Content-Disposition"]
    pages = _pdf_text(response)
    assert all(text.count("OFFICIAL-SENSITIVE") >= 2 for text in pages)
    text = " ".join("\n".join(pages).split())
    assert "LCS-TEST-4411" in text and "Safe travel home (test)" in text and "Screening: at risk" in text
    assert str(child.pk) not in text and str(child.pk)[:8] not in text
    assert AuditEvent.objects.filter(verb="child.record_downloaded", actor=personas.same_team_practitioner,
                                     child_id=child.pk).exists()


def test_the_record_pdf_is_404_for_an_outsider_and_behind_step_up_for_the_rest(personas, stepped_up_client_for,
                                                                                client_for, child):
    url = reverse("casefile:record_pdf", args=[child.pk])
    assert stepped_up_client_for(personas.outsider).get(url).status_code == 404
    assert AuditEvent.objects.filter(verb="child.record_downloaded", actor=personas.outsider,
                                     outcome=AuditEvent.Outcome.DENIED).exists()
    response = client_for(personas.practitioner).get(url)
    assert response.status_code == 302 and reverse("accounts:step_up") in response["Location"]
