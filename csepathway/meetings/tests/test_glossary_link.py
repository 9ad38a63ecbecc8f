from django.urls import reverse


def test_the_meeting_page_links_to_what_a_mase_is(personas, client_for, schedule):
    meeting = schedule()
    page = client_for(personas.cse_manager).get(reverse("meetings:detail", args=[meeting.pk])).text
    assert reverse("core:glossary") + "#mase" in page
