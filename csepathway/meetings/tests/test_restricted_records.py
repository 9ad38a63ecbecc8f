"""A restricted record (docs/adr/0021) on a MASE agenda: whoever reaches the meeting without being on
the child's allow-list (the chair through the meetings they chair, the CSE team through its role)
sees the item only as "A restricted record", gets 404 (audited) on its pages, and finds it left out of
the minutes and the calendar. Someone on the allow-list sees it as before; an outsider sees nothing.

The meeting is contextual: Rosalind (visible to everyone in the meeting's scope) and Quinn, whose
record is restricted."""

import datetime as dt
import io

import pytest
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from pypdf import PdfReader

from csepathway.audit.models import AuditEvent
from csepathway.children.models import RestrictionReason
from csepathway.children.restrictions.services import restriction_create
from csepathway.children.tests.factories import ChildFactory
from csepathway.core.refusals import Refused
from csepathway.episodes import scenarios
from csepathway.meetings import services
from csepathway.meetings.conftest import CHILD_FIRST, CHILD_LAST
from csepathway.meetings.invitations import services as invitation_services
from csepathway.meetings.minutes import services as minutes_services
from csepathway.meetings.minutes.services import download_token
from csepathway.meetings.models import Action, AgendaItem, Invitee, ItemMinutes, MaseMeeting
from csepathway.oversight.models import Disclosure

pytestmark = pytest.mark.django_db

HIDDEN_FIRST, HIDDEN_LAST = "Quinn", "Hiddenchild"
HIDDEN_BORN = dt.date(2012, 2, 29)
HIDDEN_BORN_TEXT = "29 February 2012"
HIDDEN_REFERENCE = "LCS-777099"
HIDDEN_NEWS = "Quinn was seen near the arcade late at night (test)"
HIDDEN_ACTION = "Safety plan for the arcade evenings (test)"
VISIBLE_NEWS = "Rosalind has settled at her new school (test)"
RESTRICTED = "A restricted record"


def _restricted_child(personas):
    return ChildFactory(first_name=HIDDEN_FIRST, last_name=HIDDEN_LAST, date_of_birth=HIDDEN_BORN,
                        allocated_team=personas.team, lcs_reference=HIDDEN_REFERENCE)


@pytest.fixture
def hidden_episode(personas):
    return scenarios.decided(practitioner=personas.same_team_practitioner, child=_restricted_child(personas),
                             cse_manager=personas.cse_manager, police=personas.police_coordinator)


@pytest.fixture
def meeting(personas, schedule, hidden_episode):
    meeting = schedule(kind="contextual")
    services.agenda_item_add(actor=personas.cse_manager, meeting=meeting, episode=hidden_episode)
    return meeting


@pytest.fixture
def visible_item(meeting, episode):
    return AgendaItem.objects.get(meeting=meeting, episode=episode)


@pytest.fixture
def hidden_item(meeting, hidden_episode):
    return AgendaItem.objects.get(meeting=meeting, episode=hidden_episode)


@pytest.fixture
def hidden_family(personas, meeting, hidden_item):
    return invitation_services.invitee_add(actor=personas.cse_manager, meeting=meeting, kind=Invitee.Kind.FAMILY,
                                           name="Morgan Hiddenparent", relationship="Father", agenda_item=hidden_item)


@pytest.fixture
def restrict(personas, hidden_episode):
    """Restrict Quinn's record, allowing these users (and the team manager who restricts it)."""

    def run(*allowed):
        return restriction_create(actor=personas.team_manager, child=hidden_episode.child,
                                  reason=RestrictionReason.STAFF, allowed_users=list(allowed))

    return run


def _detail(meeting):
    return reverse("meetings:detail", args=[meeting.pk])


def _item_pages(meeting, item) -> dict:
    return {
        "minutes": reverse("meetings:minutes_item", args=[meeting.pk, item.pk]),
        "action": reverse("meetings:minutes_action_add", args=[meeting.pk, item.pk]),
        "intervention": reverse("meetings:minutes_intervention_add", args=[meeting.pk, item.pk]),
    }


def _assert_nothing_of_the_restricted_child(text: str, hidden_item, hidden_family=None) -> None:
    for secret in (HIDDEN_FIRST, HIDDEN_LAST, HIDDEN_BORN_TEXT, HIDDEN_REFERENCE, HIDDEN_NEWS, HIDDEN_ACTION):
        assert secret not in text
    assert reverse("episodes:detail", args=[hidden_item.episode_id]) not in text
    assert reverse("meetings:episode_actions", args=[hidden_item.episode_id]) not in text
    for href in _item_pages(hidden_item.meeting, hidden_item).values():
        assert href not in text
    if hidden_family is not None:
        assert hidden_family.name not in text
        assert reverse("meetings:invitee", args=[hidden_family.pk]) not in text


def _record(actor, item, news, meeting_day):
    return minutes_services.item_minutes_save(
        actor=actor, agenda_item=item, information_shared=news, risk_level="high",
        risk_level_rationale="The group agreed it (test)", next_review_on=meeting_day + dt.timedelta(weeks=4),
        version=0)


def _pdf_text(response) -> str:
    reader = PdfReader(io.BytesIO(response.content))
    return " ".join(" ".join(page.extract_text() for page in reader.pages).split())


# The meeting page -------------------------------------------------------------------------------

def test_chair_not_on_allow_list_sees_restricted_item_without_name(personas, client_for, meeting, hidden_item,
                                                                   hidden_family, restrict):
    restrict(personas.cse_manager)

    response = client_for(personas.mase_chair).get(_detail(meeting))

    assert response.status_code == 200
    assert f"{CHILD_FIRST} {CHILD_LAST}" in response.text
    assert RESTRICTED in response.text
    _assert_nothing_of_the_restricted_child(response.text, hidden_item, hidden_family)
    assert "Morgan Hiddenparent" not in response.text


def test_chair_on_allow_list_sees_restricted_item_by_name(personas, client_for, meeting, hidden_item,
                                                          hidden_family, restrict):
    restrict(personas.mase_chair)
    client = client_for(personas.mase_chair)

    page = client.get(_detail(meeting)).text

    assert f"{HIDDEN_FIRST} {HIDDEN_LAST}" in page
    assert RESTRICTED not in page
    assert "Morgan Hiddenparent" in page
    assert client.get(_item_pages(meeting, hidden_item)["minutes"]).status_code == 200
    assert client.get(reverse("meetings:invitee", args=[hidden_family.pk])).status_code == 200


def test_cse_manager_on_allow_list_sees_and_minutes_restricted_item(personas, client_for, meeting, hidden_item,
                                                                    hidden_family, restrict):
    restrict(personas.cse_manager)
    client = client_for(personas.cse_manager)

    page = client.get(_detail(meeting)).text

    assert f"{HIDDEN_FIRST} {HIDDEN_LAST}" in page and RESTRICTED not in page
    assert reverse("episodes:detail", args=[hidden_item.episode_id]) in page
    for url in _item_pages(meeting, hidden_item).values():
        assert client.get(url).status_code == 200
    assert client.get(reverse("meetings:invitee", args=[hidden_family.pk])).status_code == 200


def test_cse_worker_not_on_allow_list_sees_restricted_item_without_name_and_cannot_invite_for_it(
        personas, client_for, meeting, hidden_item, hidden_family, restrict):
    restrict(personas.cse_manager)
    client = client_for(personas.cse_worker)

    page = client.get(_detail(meeting)).text
    invite_form = client.get(reverse("meetings:invitee_add", args=[meeting.pk])).text

    assert RESTRICTED in page and f"{CHILD_FIRST} {CHILD_LAST}" in page
    _assert_nothing_of_the_restricted_child(page, hidden_item, hidden_family)
    assert HIDDEN_FIRST not in invite_form
    assert client.get(reverse("meetings:invitee_letter", args=[hidden_family.pk])).status_code == 404
    with pytest.raises(Refused, match="not on this meeting's agenda"):
        invitation_services.invitee_add(actor=personas.cse_worker, meeting=meeting, kind=Invitee.Kind.FAMILY,
                                        name="Someone Else", relationship="Aunt", agenda_item=hidden_item)


def test_a_practitioner_learns_only_that_another_child_is_on_the_agenda(personas, client_for, meeting,
                                                                         hidden_item, restrict):
    restrict(personas.cse_manager)

    page = client_for(personas.practitioner).get(_detail(meeting)).text

    assert "Another child" in page
    assert RESTRICTED not in page  # no hint that the other child's record is restricted
    _assert_nothing_of_the_restricted_child(page, hidden_item)


def test_chair_not_on_allow_list_sees_no_clock_of_a_restricted_childs_initial_mase(personas, client_for, schedule,
                                                                                     hidden_episode, restrict):
    meeting = schedule(episode=hidden_episode)
    restrict(personas.cse_manager)

    chair = client_for(personas.mase_chair).get(_detail(meeting)).text
    allowed = client_for(personas.cse_manager).get(_detail(meeting)).text

    assert RESTRICTED in chair and HIDDEN_FIRST not in chair
    assert "after the decision" not in chair  # the clock would give away when the child's episode was decided
    assert "after the decision" in allowed and f"{HIDDEN_FIRST} {HIDDEN_LAST}" in allowed


# The restricted item's own pages ------------------------------------------------------------------

@pytest.mark.parametrize("page", ["minutes", "action", "intervention"])
def test_chair_not_on_allow_list_gets_404_on_restricted_items_pages_and_the_refusal_is_audited(
        personas, client_for, meeting, hidden_item, restrict, page):
    restrict(personas.cse_manager)

    response = client_for(personas.mase_chair).get(_item_pages(meeting, hidden_item)[page])

    assert response.status_code == 404
    assert HIDDEN_FIRST not in response.text
    denied = AuditEvent.objects.get(verb="meeting.minutes_opened", object_id=str(hidden_item.pk))
    assert denied.outcome == AuditEvent.Outcome.DENIED
    assert denied.actor == personas.mase_chair
    assert denied.child_id == hidden_item.episode.child_id


def test_chair_not_on_allow_list_cannot_post_minutes_for_restricted_item(personas, client_for, meeting,
                                                                         hidden_item, restrict, meeting_day):
    restrict(personas.cse_manager)
    data = {"information_shared": HIDDEN_NEWS, "risk_level": "high", "risk_level_rationale": "Test.",
            "next_review_on_day": "", "next_review_on_month": "", "next_review_on_year": "", "version": "0"}

    response = client_for(personas.mase_chair).post(_item_pages(meeting, hidden_item)["minutes"], data)

    assert response.status_code == 404
    assert not ItemMinutes.objects.filter(agenda_item=hidden_item).exists()
    with pytest.raises(PermissionDenied):
        _record(personas.mase_chair, hidden_item, HIDDEN_NEWS, meeting_day)


def test_chair_not_on_allow_list_gets_404_on_the_restricted_items_invitee_and_it_is_audited(
        personas, client_for, hidden_family, restrict):
    restrict(personas.cse_manager)

    response = client_for(personas.mase_chair).get(reverse("meetings:invitee", args=[hidden_family.pk]))

    assert response.status_code == 404
    assert "Morgan Hiddenparent" not in response.text
    assert AuditEvent.objects.filter(verb="meeting.invitee_viewed", object_id=str(hidden_family.pk),
                                     actor=personas.mase_chair, outcome=AuditEvent.Outcome.DENIED).exists()


def test_an_action_owner_not_on_allow_list_loses_sight_of_their_action(personas, client_for, meeting, hidden_item,
                                                                       restrict):
    action = Action.objects.create(agenda_item=hidden_item, episode=hidden_item.episode, description=HIDDEN_ACTION,
                                   kind=Action.Kind.SUPPORT, owner_name="Oscar Outsider", owner=personas.outsider,
                                   agency="Testshire Council", due_on=dt.date.today() + dt.timedelta(days=7),
                                   created_by=personas.mase_chair)
    client = client_for(personas.outsider)
    assert client.get(reverse("meetings:action", args=[action.pk])).status_code == 200
    restrict(personas.cse_manager)

    assert client.get(reverse("meetings:action", args=[action.pk])).status_code == 404
    assert HIDDEN_ACTION not in client.get(reverse("meetings:actions")).text
    assert client.get(reverse("meetings:episode_actions", args=[hidden_item.episode_id])).status_code == 404


def test_an_outsider_gets_404_on_the_meeting_and_every_page_of_its_items(personas, client_for, meeting, hidden_item,
                                                                         hidden_family, restrict):
    restrict(personas.cse_manager)
    client = client_for(personas.outsider)

    responses = [client.get(_detail(meeting)), client.get(reverse("meetings:minutes_pdf", args=[meeting.pk])),
                 client.get(reverse("meetings:invitee", args=[hidden_family.pk])),
                 *(client.get(url) for url in _item_pages(meeting, hidden_item).values())]

    assert [r.status_code for r in responses] == [404] * len(responses)
    assert all(HIDDEN_FIRST not in r.text and CHILD_FIRST not in r.text for r in responses)
    assert AuditEvent.objects.filter(actor=personas.outsider, outcome=AuditEvent.Outcome.DENIED).count() >= 3


# Meeting-wide documents and lists -----------------------------------------------------------------

def test_the_minutes_pdf_leaves_out_restricted_item_for_chair_not_on_allow_list(
        personas, client_for, meeting, visible_item, hidden_item, restrict, meeting_day, after_meeting):
    after_meeting(meeting)
    _record(personas.mase_chair, visible_item, VISIBLE_NEWS, meeting_day)
    _record(personas.mase_chair, hidden_item, HIDDEN_NEWS, meeting_day)
    minutes_services.minutes_publish(actor=personas.mase_chair, meeting=meeting)
    restrict(personas.cse_manager)
    url = reverse("meetings:minutes_pdf", args=[meeting.pk])

    chair_copy = _pdf_text(client_for(personas.mase_chair).get(url))
    allowed_copy = _pdf_text(client_for(personas.cse_manager).get(url))

    assert VISIBLE_NEWS in chair_copy
    assert HIDDEN_NEWS not in chair_copy and HIDDEN_FIRST not in chair_copy
    assert HIDDEN_NEWS in allowed_copy and f"{HIDDEN_FIRST} {HIDDEN_LAST}" in allowed_copy
    downloads = AuditEvent.objects.filter(verb="meeting.minutes_downloaded", actor=personas.mase_chair)
    assert set(downloads.values_list("child_id", flat=True)) == {visible_item.episode.child_id}


def test_a_signed_link_for_the_whole_meeting_leaves_out_restricted_item(
        personas, client, meeting, visible_item, hidden_item, hidden_family, restrict, meeting_day, after_meeting):
    after_meeting(meeting)
    nurse = Invitee.objects.create(meeting=meeting, kind=Invitee.Kind.PROFESSIONAL, name="Hana Health",
                                   agency="Testshire NHS Trust", email="hana.health@nhs.test.invalid",
                                   status=Invitee.Status.ATTENDED, invited_by=personas.cse_manager)
    Invitee.objects.filter(pk=hidden_family.pk).update(status=Invitee.Status.ATTENDED)
    restrict(personas.cse_manager)
    _record(personas.cse_manager, visible_item, VISIBLE_NEWS, meeting_day)
    _record(personas.cse_manager, hidden_item, HIDDEN_NEWS, meeting_day)
    minutes_services.minutes_publish(actor=personas.cse_manager, meeting=meeting)

    whole_meeting = _pdf_text(client.get(reverse("meetings:minutes_external_download", args=[download_token(nurse)])))
    own_item = _pdf_text(client.get(reverse("meetings:minutes_external_download",
                                            args=[download_token(hidden_family)])))

    assert VISIBLE_NEWS in whole_meeting and HIDDEN_NEWS not in whole_meeting and HIDDEN_FIRST not in whole_meeting
    assert HIDDEN_NEWS in own_item  # the child's own family, invited for that item, keep their copy
    # The disclosure log matches what each link opens.
    assert Disclosure.objects.filter(child_id=visible_item.episode.child_id, recipient__contains="Hana").exists()
    assert not Disclosure.objects.filter(child_id=hidden_item.episode.child_id, recipient__contains="Hana").exists()


def test_chair_not_on_allow_list_cannot_publish_and_is_told_without_the_name(
        personas, client_for, meeting, visible_item, hidden_item, restrict, meeting_day, after_meeting):
    after_meeting(meeting)
    restrict(personas.cse_manager)
    _record(personas.mase_chair, visible_item, VISIBLE_NEWS, meeting_day)
    _record(personas.cse_manager, hidden_item, HIDDEN_NEWS, meeting_day)
    url = reverse("meetings:minutes_publish", args=[meeting.pk])
    chair = client_for(personas.mase_chair)

    check_page = chair.get(url)
    refused = chair.post(url)

    assert check_page.status_code == 200
    assert "Item 2 is a restricted record" in check_page.text
    assert "When you publish" not in check_page.text  # no publish button
    _assert_nothing_of_the_restricted_child(check_page.text, hidden_item)
    assert refused.status_code == 400
    assert "Item 2 is a restricted record" in refused.text and HIDDEN_FIRST not in refused.text
    meeting.refresh_from_db()
    assert meeting.minutes_published_at is None
    assert client_for(personas.cse_manager).post(url).status_code == 302
    meeting.refresh_from_db()
    assert meeting.state == MaseMeeting.State.HELD


def test_the_calendar_shows_restricted_item_unnamed_to_chair_not_on_allow_list(personas, client_for, meeting,
                                                                                restrict, meeting_day):
    week = (meeting_day - dt.timedelta(days=meeting_day.weekday())).isoformat()
    restrict(personas.cse_manager)

    chair = client_for(personas.mase_chair).get(reverse("meetings:calendar"), {"week": week}).text
    allowed = client_for(personas.cse_manager).get(reverse("meetings:calendar"), {"week": week}).text

    assert f"{CHILD_FIRST} {CHILD_LAST}, {RESTRICTED}" in chair
    assert HIDDEN_FIRST not in chair
    assert f"{CHILD_FIRST} {CHILD_LAST}, {HIDDEN_FIRST} {HIDDEN_LAST}" in allowed


# Query counts -----------------------------------------------------------------------------------

def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


@pytest.mark.parametrize("url_name", ["meetings:detail", "meetings:minutes_publish", "meetings:calendar"])
def test_withholding_restricted_items_takes_no_extra_queries(personas, client_for, meeting, restrict, url_name):
    url = reverse(url_name, args=[] if url_name == "meetings:calendar" else [meeting.pk])
    client = client_for(personas.mase_chair)
    unrestricted = _queries(client, url)
    restrict(personas.cse_manager)
    one = _queries(client, url)
    for _ in range(2):
        episode = scenarios.decided(practitioner=personas.same_team_practitioner,
                                    child=ChildFactory(allocated_team=personas.team),
                                    cse_manager=personas.cse_manager, police=personas.police_coordinator)
        services.agenda_item_add(actor=personas.cse_manager, meeting=meeting, episode=episode)
        restriction_create(actor=personas.team_manager, child=episode.child, reason=RestrictionReason.STAFF)

    assert one == unrestricted
    assert _queries(client, url) == one
