"""A MASE chair's home page: their next meetings and the minutes they have to publish (issue 12,
point 1)."""

from django.urls import reverse

from csepathway.core.formatting import govuk_datetime
from csepathway.core.presenters import link

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
