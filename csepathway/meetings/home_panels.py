"""The meetings' home sections (issue 12, point 1): a MASE chair's next meetings and minutes to
publish; the CSE team's meetings to schedule, minutes to publish and reviews coming due."""

from django.urls import reverse

from csepathway.core.formatting import govuk_date, govuk_datetime
from csepathway.core.presenters import link, tag
from csepathway.core.wording import say

from . import selectors


def _rows(meetings) -> list[list[dict]]:
    return [[{"html": link(reverse("meetings:detail", args=[m.pk]), govuk_datetime(m.starts_at))},
             {"text": m.get_kind_display()}, {"text": m.location or "Online"}] for m in meetings]


def chair_home_panel(request, user):
    found = selectors.home_chaired_meetings(actor=user)
    if found is None:
        return None
    return "meetings/home_panel.html", {"upcoming": _rows(found["upcoming"]), "count": found["upcoming_count"],
                                        "to_publish": _rows(found["to_publish"]),
                                        "calendar": reverse("meetings:calendar")}


def _due(day, today) -> dict:
    if day is None:
        return {"text": ""}
    return {"html": tag(f"Overdue: {govuk_date(day)}", "red")} if day < today else {"text": govuk_date(day)}


def meeting_work_home_panel(request, user):
    found = selectors.home_meeting_work(actor=user)
    if found is None:
        return None
    today = found["today"]
    to_schedule = [[{"html": link(reverse("episodes:detail", args=[e.pk]), e.child.full_name)},
                    _due(e.initial_mase_due_on, today)] for e in found["to_schedule"]["rows"]]
    reviews = [[{"html": link(reverse("meetings:detail", args=[m.agenda_item.meeting_id]),
                              m.agenda_item.episode.child.full_name)}, _due(m.next_review_on, today)]
               for m in found["reviews"]["rows"]]
    lists = [
        {"id": "to-schedule", "title": "Meetings to schedule", "count": found["to_schedule"]["count"],
         "caption": say("Episodes decided MASE required with no initial meeting booked"),
         "head": [{"text": "Child"}, {"text": say("Initial MASE due")}], "rows": to_schedule},
        {"id": "minutes", "title": "Minutes to publish", "count": found["to_publish"]["count"],
         "caption": "Meetings held whose minutes are not published",
         "head": [{"text": "When"}, {"text": "Meeting"}, {"text": "Where"}],
         "rows": _rows(found["to_publish"]["rows"])},
        {"id": "reviews-due", "title": "Reviews due", "count": found["reviews"]["count"],
         "caption": "Reviews the minutes set, due within a fortnight or past, with no meeting booked",
         "head": [{"text": "Child"}, {"text": "Review due"}], "rows": reviews},
    ]
    for entry in lists:
        entry["more"] = entry["count"] - len(entry["rows"])
    return "meetings/home_work.html", {"lists": lists, "calendar": reverse("meetings:calendar")}


def invitations_home_panel(request, user):
    found = selectors.home_invitations(actor=user)
    if found is None:
        return None
    rows = []
    for invitee in found["rows"]:
        episode = invitee.agenda_item.episode if invitee.agenda_item else None
        rows.append([{"text": govuk_datetime(invitee.meeting.starts_at)}, {"text": invitee.meeting.get_kind_display()},
                     {"html": link(reverse("episodes:detail", args=[episode.pk]), episode.child.full_name)}
                     if episode else {"text": "The whole meeting"},
                     {"text": invitee.meeting.location or "Online"}, {"text": invitee.get_status_display()}])
    return "meetings/home_work.html", {"lists": [{
        "id": "invitations", "title": "Meetings you are invited to", "count": found["count"],
        "caption": "Meetings you are invited to, soonest first",
        "head": [{"text": "When"}, {"text": "Meeting"}, {"text": "Child"}, {"text": "Where"}, {"text": "Your answer"}],
        "rows": rows, "more": found["count"] - len(rows)}], "calendar": None}
