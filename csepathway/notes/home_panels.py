"""The home page's section for case notes written for this person and not yet opened (issue 12,
point 1; ADR 0057): how the CSE team's decision and a MASE meeting's outcome reach the practitioner."""

from django.urls import reverse
from django.utils import timezone

from csepathway.core.formatting import govuk_date
from csepathway.core.presenters import link, person_name

from . import selectors


def unread_notes_home_panel(request, user):
    unread = selectors.home_unread_notes(actor=user)
    if unread is None:
        return None
    rows = [[{"html": link(reverse("notes:detail", args=[note.pk]), note.title)}, {"text": note.child.full_name},
             {"text": person_name(note.author)}, {"text": govuk_date(timezone.localtime(note.created_at))}]
            for note in unread["notes"]]
    return "notes/home_panel.html", {"rows": rows, "count": unread["count"], "more": unread["count"] - len(rows)}
