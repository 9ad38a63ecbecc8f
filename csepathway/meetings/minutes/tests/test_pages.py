"""The minutes pages with the personas: who may record and publish (the chair, the CSE team), who
is refused (403 for those who may see the meeting, 404 for those who may not), and the forms."""

import datetime as dt

import pytest
from django.urls import reverse

from csepathway.meetings.models import Action, AgreedIntervention, ItemMinutes, MaseMeeting
from csepathway.notes.models import CaseNote

from .conftest import INFORMATION, RATIONALE

pytestmark = pytest.mark.django_db

RECORDERS = ["mase_chair", "cse_worker", "cse_manager"]
# May see the meeting, may not record its minutes.
READERS = ["practitioner", "same_team_practitioner", "team_manager", "police_coordinator"]


def _pages(meeting, item):
    return {
        "item": reverse("meetings:minutes_item", args=[meeting.pk, item.pk]),
        "action": reverse("meetings:minutes_action_add", args=[meeting.pk, item.pk]),
        "intervention": reverse("meetings:minutes_intervention_add", args=[meeting.pk, item.pk]),
        "publish": reverse("meetings:minutes_publish", args=[meeting.pk]),
    }


def _minutes_post(meeting_day, **changes):
    return {"information_shared": INFORMATION, "risk_level": "medium", "risk_level_rationale": RATIONALE,
            "next_review_on_day": "", "next_review_on_month": "", "next_review_on_year": "", "version": "0",
            **changes}


@pytest.mark.parametrize("page", ["item", "action", "intervention", "publish"])
@pytest.mark.parametrize("role", RECORDERS)
def test_the_chair_and_the_cse_team_open_every_minutes_page(personas, client_for, meeting, item, role, page):
    response = client_for(getattr(personas, role)).get(_pages(meeting, item)[page])
    assert response.status_code == 200


@pytest.mark.parametrize("page", ["item", "action", "intervention", "publish"])
@pytest.mark.parametrize("role", READERS)
def test_people_who_see_the_meeting_but_do_not_minute_it_are_refused(personas, client_for, meeting, item, role,
                                                                    page):
    assert client_for(getattr(personas, role)).get(_pages(meeting, item)[page]).status_code == 403


@pytest.mark.parametrize("page", ["item", "action", "intervention", "publish"])
def test_an_outsider_and_another_meetings_chair_get_404(personas, client_for, meeting, item, other_chair, page):
    assert client_for(personas.outsider).get(_pages(meeting, item)[page]).status_code == 404
    assert client_for(other_chair).get(_pages(meeting, item)[page]).status_code == 404


def test_the_auditor_has_no_minutes_pages(personas, client_for, meeting, item):
    assert client_for(personas.auditor).get(_pages(meeting, item)["item"]).status_code == 403


def test_the_chair_records_minutes_and_a_blank_review_date_takes_the_levels_default(
        personas, client_for, meeting, item, meeting_day):
    response = client_for(personas.mase_chair).post(_pages(meeting, item)["item"],
                                                    _minutes_post(meeting_day, risk_level="high"))
    assert response.status_code == 302
    minutes = ItemMinutes.objects.get()
    assert minutes.risk_level == "high"
    # High: 4 weeks in version 1 of the risk-level configuration.
    assert minutes.next_review_on == meeting_day + dt.timedelta(weeks=4)
    assert minutes.recorded_by == personas.mase_chair


def test_a_typed_review_date_is_kept(personas, client_for, meeting, item, meeting_day):
    review = meeting_day + dt.timedelta(weeks=3)
    client_for(personas.cse_worker).post(_pages(meeting, item)["item"], _minutes_post(
        meeting_day, next_review_on_day=str(review.day), next_review_on_month=str(review.month),
        next_review_on_year=str(review.year)))
    assert ItemMinutes.objects.get().next_review_on == review


def test_the_minutes_form_explains_what_is_missing_and_keeps_what_was_typed(personas, client_for, meeting, item,
                                                                           meeting_day):
    response = client_for(personas.mase_chair).post(_pages(meeting, item)["item"],
                                                    _minutes_post(meeting_day, risk_level_rationale="", risk_level=""))
    assert response.status_code == 200
    assert "There is a problem" in response.text
    assert "Explain why the group agreed this risk level" in response.text
    assert "Select the risk level the group agreed" in response.text
    assert INFORMATION in response.text
    assert not ItemMinutes.objects.exists()


def test_a_stale_minutes_page_is_refused_with_an_explanation_and_keeps_the_typing(personas, client_for, meeting,
                                                                                  item, meeting_day):
    url = _pages(meeting, item)["item"]
    client_for(personas.cse_worker).post(url, _minutes_post(meeting_day, information_shared="Worker's (test)"))

    response = client_for(personas.mase_chair).post(url, _minutes_post(meeting_day,
                                                                       information_shared="Chair's (test)"))

    assert response.status_code == 409
    assert "Someone else saved the minutes for this item" in response.text
    assert "Chair&#39;s (test)" in response.text or "Chair's (test)" in response.text
    assert ItemMinutes.objects.get().information_shared == "Worker's (test)"


def test_the_chair_adds_an_action(personas, client_for, meeting, item, meeting_day):
    due = meeting_day + dt.timedelta(days=10)
    response = client_for(personas.mase_chair).post(_pages(meeting, item)["action"], {
        "description": "Return home interview within 72 hours (test)", "kind": "support", "owner_name": "",
        "owner": str(personas.practitioner.pk), "agency": "Children's Services", "due_on_day": str(due.day),
        "due_on_month": str(due.month), "due_on_year": str(due.year)})
    assert response.status_code == 302
    action = Action.objects.get()
    assert action.owner == personas.practitioner
    assert action.owner_name == personas.practitioner.get_full_name()
    assert action.episode == item.episode
    assert action.status == Action.Status.NOT_STARTED


def test_an_action_needs_an_owner_and_a_due_date(personas, client_for, meeting, item):
    response = client_for(personas.mase_chair).post(_pages(meeting, item)["action"], {
        "description": "Something to do (test)", "kind": "disruption", "owner_name": "", "owner": "",
        "agency": "Police", "due_on_day": "", "due_on_month": "", "due_on_year": ""})
    assert response.status_code == 200
    assert "Enter who will do it, or choose their account" in response.text
    assert "Enter the due date" in response.text
    assert "Something to do (test)" in response.text
    assert not Action.objects.exists()


def test_the_cse_worker_adds_a_need_and_intervention(personas, client_for, meeting, item):
    response = client_for(personas.cse_worker).post(_pages(meeting, item)["intervention"], {
        "plan": "cin", "need": "Safe transport to school (test)", "intervention": "Taxi with a known driver (test)"})
    assert response.status_code == 302
    assert AgreedIntervention.objects.get().need == "Safe transport to school (test)"


def test_the_check_page_names_what_is_missing_and_offers_no_publish_button(personas, client_for, meeting, item):
    response = client_for(personas.mase_chair).get(_pages(meeting, item)["publish"])
    assert "Record the minutes for item 1" in response.text
    assert "Publish the minutes" not in response.text


def test_the_chair_checks_and_publishes_and_a_double_click_makes_one_note(personas, client_for, meeting, item,
                                                                         attendees, record_minutes):
    record_minutes()
    client = client_for(personas.mase_chair)
    check = client.get(_pages(meeting, item)["publish"])
    assert "Changed from High to Medium" in check.text
    assert "Testshire NHS Trust" in check.text

    first = client.post(_pages(meeting, item)["publish"])
    second = client.post(_pages(meeting, item)["publish"])

    assert first.status_code == second.status_code == 302
    assert MaseMeeting.objects.get().state == MaseMeeting.State.HELD
    assert CaseNote.objects.filter(kind=CaseNote.Kind.MASE_OUTCOME).count() == 1


def test_publishing_incomplete_minutes_shows_the_reason(personas, client_for, meeting, item):
    response = client_for(personas.mase_chair).post(_pages(meeting, item)["publish"])
    assert response.status_code == 400
    assert "There is a problem" in response.text
    assert "cannot be published yet" in response.text
    assert MaseMeeting.objects.get().minutes_published_at is None


def test_published_minutes_show_read_only_and_refuse_a_save(personas, client_for, meeting, item, published,
                                                           meeting_day):
    client = client_for(personas.mase_chair)
    page = client.get(_pages(meeting, item)["item"])
    assert "can no longer be changed" in page.text
    assert "Save minutes" not in page.text
    response = client.post(_pages(meeting, item)["action"], {
        "description": "Late (test)", "kind": "support", "owner_name": "Someone", "agency": "Council",
        "due_on_day": str(meeting_day.day), "due_on_month": str(meeting_day.month),
        "due_on_year": str(meeting_day.year)})
    assert "have been published" in response.text
    assert Action.objects.count() == 2


def test_the_meeting_page_offers_the_chair_the_minutes_links(personas, client_for, meeting, item):
    response = client_for(personas.mase_chair).get(reverse("meetings:detail", args=[meeting.pk]))
    assert _pages(meeting, item)["item"] in response.text
    assert _pages(meeting, item)["publish"] in response.text


def test_the_practitioner_sees_minutes_are_not_published_then_can_download_them(personas, client_for, meeting,
                                                                               item, attendees, record_minutes):
    client = client_for(personas.practitioner)
    before = client.get(reverse("meetings:detail", args=[meeting.pk]))
    assert "The minutes have not been published yet" in before.text
    assert _pages(meeting, item)["item"] not in before.text

    record_minutes()
    from csepathway.meetings.minutes.services import minutes_publish

    minutes_publish(actor=personas.mase_chair, meeting=meeting)
    after = client.get(reverse("meetings:detail", args=[meeting.pk]))
    assert reverse("meetings:minutes_pdf", args=[meeting.pk]) in after.text
    assert "Changed from High to Medium" in after.text
