"""An area that holds MACE meetings (settings.MEETING_NAME = "MACE") sees "MACE", never "MASE": on the
pages of a scheduled meeting's story, in the minutes and strategic profile PDFs, in the emails and in
the calendar invitations (docs/adr/0063). Code names (URLs, ids, stored codes) stay "mase"."""

import io
from html.parser import HTMLParser

import pytest
from django.urls import reverse
from pypdf import PdfReader

from csepathway.core.wording import meeting_long_name, say
from csepathway.outbox.models import OutboxMessage

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def mace(settings):
    settings.MEETING_NAME = "MACE"
    settings.MEETING_LONG_NAME = ""


class _VisibleText(HTMLParser):
    """What a person reads: text outside scripts and styles, the page title, and the words a screen
    reader says for links and images."""

    def __init__(self):
        super().__init__()
        self.parts, self._hidden = [], 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style"):
            self._hidden += 1
        for name, value in attrs:
            if name in ("aria-label", "alt", "title", "placeholder") and value:
                self.parts.append(value)
        if tag == "input":
            attributes = dict(attrs)
            if attributes.get("type") in ("submit", "button") and attributes.get("value"):
                self.parts.append(attributes["value"])

    def handle_endtag(self, tag):
        if tag in ("script", "style"):
            self._hidden -= 1

    def handle_data(self, data):
        if not self._hidden:
            self.parts.append(data)


def visible(html: str) -> str:
    parser = _VisibleText()
    parser.feed(html)
    return " ".join(" ".join(parser.parts).split())


def _places(text: str, word: str) -> list[int]:
    at, places = text.find(word), []
    while at != -1:
        places.append(at)
        at = text.find(word, at + 1)
    return places


def pdf_text(response) -> str:
    reader = PdfReader(io.BytesIO(response.content))
    return " ".join(" ".join(page.extract_text() for page in reader.pages).split())


def test_the_words_follow_the_setting():
    assert say("Initial MASE") == "Initial MACE"
    assert meeting_long_name() == "multi-agency child exploitation"
    assert say("Multi-agency sexual exploitation meeting") == "Multi-agency child exploitation meeting"


def test_the_main_pages_of_a_scheduled_meeting_say_mace_and_never_mase(personas, client_for, episode, meeting,
                                                                        published):
    pages = {
        personas.practitioner: [
            reverse("core:home"), reverse("episodes:detail", args=[episode.pk]),
            reverse("children:detail", args=[episode.child_id]), reverse("meetings:detail", args=[meeting.pk]),
            reverse("meetings:actions"),
            reverse("meetings:meeting_actions", args=[meeting.pk]), reverse("core:glossary"),
        ],
        personas.cse_manager: [
            reverse("core:home"), reverse("episodes:workspace"), reverse("meetings:detail", args=[meeting.pk]),
            reverse("meetings:calendar"),
            reverse("intelligence:strategic_profile"),
        ],
        personas.mase_chair: [reverse("core:home"), reverse("meetings:detail", args=[meeting.pk])],
    }
    said_mace, found = 0, []
    for user, urls in pages.items():
        client = client_for(user)
        for url in urls:
            response = client.get(url)
            assert response.status_code == 200, url
            text = visible(response.text)
            found += [(user.username, url, text[max(0, at - 60):at + 20]) for at in _places(text, "MASE")]
            found += [(user.username, url, "long name") for _ in _places(text.lower(), "sexual exploitation meeting")]
            said_mace += "MACE" in text
    assert found == []
    # Not a test that passes because the pages say nothing: most of them name the meeting.
    assert said_mace >= 8


def test_the_minutes_pdf_and_the_strategic_profile_pdf_say_mace(personas, client_for, stepped_up_client_for, meeting,
                                                                published):
    minutes = pdf_text(client_for(personas.practitioner).get(reverse("meetings:minutes_pdf", args=[meeting.pk])))
    assert "Minutes of a MACE meeting" in minutes and "Initial MACE" in minutes
    assert "MASE" not in minutes
    profile = pdf_text(stepped_up_client_for(personas.cse_manager).get(reverse("intelligence:strategic_profile_pdf")))
    assert "Strategic MACE profile" in profile and "MASE" not in profile


def test_emails_and_calendar_invitations_say_mace(personas, meeting, published):
    messages = list(OutboxMessage.objects.filter(kind="email"))
    invites = [m for m in messages if "ics" in m.payload]
    assert invites, "scheduling sends calendar invitations"
    for message in messages:
        assert "MASE" not in message.payload["subject"] + message.payload["intro"], message.payload["subject"]
    assert any("MACE" in m.payload["subject"] for m in messages)
    for message in invites:
        ics = message.payload["ics"]
        assert "SUMMARY:MACE meeting" in ics
        assert "MASE" not in ics.replace("mase", "")
