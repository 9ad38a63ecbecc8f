"""What the missing pages show: the episodes as table rows, one episode as summary lists, and the
return home interview's clock as a tag ("due in 5 hours", "overdue by 2 hours")."""

import datetime as dt

from django.urls import reverse
from markupsafe import Markup

from csepathway.core.formatting import govuk_date, govuk_datetime, preserve_lines
from csepathway.core.presenters import link, tag

from .clocks import InterviewClock, Status, clock_words, interview_clock
from .models import MissingEpisode, ReturnHomeInterview


def _interview(episode: MissingEpisode) -> ReturnHomeInterview | None:
    # The reverse one-to-one raises an AttributeError when there is none; select_related has read
    # it either way, so this asks the database nothing.
    return getattr(episode, "interview", None)


def clock_tag(clock: InterviewClock) -> Markup:
    if clock.status == Status.STILL_MISSING:
        return tag("Still missing", "red")
    if clock.status == Status.OVERDUE:
        return tag(f"Interview {clock_words(clock)}", "red")
    if clock.status in (Status.NOT_OFFERED, Status.OFFERED):
        return tag(f"Interview {clock_words(clock)}", "yellow")
    words = "Interview completed" if clock.status == Status.COMPLETED else "Interview declined"
    return tag(words if clock.on_time else f"{words} late", "green" if clock.on_time else "orange")


def episode_rows(episodes: list[MissingEpisode], now: dt.datetime) -> list[list[dict]]:
    rows = []
    for episode in episodes:
        clock = interview_clock(episode, _interview(episode), now)
        rows.append([
            {"html": link(reverse("missing:detail", args=[episode.pk]), govuk_datetime(episode.started_at))},
            {"text": episode.get_missing_from_display().split(" (")[0]},
            {"text": govuk_datetime(episode.returned_at) if episode.returned_at else "Not yet"},
            {"html": clock_tag(clock)},
        ])
    return rows


def episode_summary(episode: MissingEpisode, *, can_change: bool) -> list[dict]:
    change = reverse("missing:edit", args=[episode.pk])

    def row(key, value, *, html=False, hidden=""):
        item = {"key": {"text": key}, "value": {"html": value} if html else {"text": value or "Not recorded"}}
        if can_change and hidden:
            item["actions"] = {"items": [{"href": change, "text": "Change", "visuallyHiddenText": hidden}]}
        return item

    rows = [row("Missing from", episode.get_missing_from_display(), hidden="where the child was missing from"),
            row("Went missing", govuk_datetime(episode.started_at), hidden="when the child went missing"),
            row("Reported by", episode.reported_by, hidden="who reported the child missing"),
            row("Police reference", episode.police_reference, hidden="the police reference")]
    if episode.returned_at is not None:
        rows += [row("Returned", govuk_datetime(episode.returned_at), hidden="when the child returned"),
                 row("Where found", episode.where_found, hidden="where the child was found")]
    else:
        rows.append(row("Returned", tag("Still missing", "red"), html=True))
    return rows


def interview_summary(episode: MissingEpisode, now: dt.datetime) -> dict:
    interview = _interview(episode)
    clock = interview_clock(episode, interview, now)
    rows = []
    if clock.due_at is not None:
        rows.append({"key": {"text": "Due by"},
                     "value": {"html": Markup("{} {}").format(govuk_datetime(clock.due_at), clock_tag(clock))}})
    if interview is not None:
        rows += [
            {"key": {"text": "Offered on"}, "value": {"text": govuk_date(interview.offered_on)}},
            {"key": {"text": "Outcome"}, "value": {"text": interview.get_outcome_display()}},
        ]
        if interview.outcome_at is not None:
            rows.append({"key": {"text": "Held or declined"}, "value": {"text": govuk_datetime(interview.outcome_at)}})
        rows += [
            {"key": {"text": "Interviewer"}, "value": {"text": interview.interviewer or "Not recorded"}},
            {"key": {"text": "What it found"},
             "value": {"html": preserve_lines(interview.findings) if interview.findings else "Not recorded"}},
        ]
        labels = interview.finding_labels()
        if labels:
            rows.append({"key": {"text": "To act on"},
                         "value": {"html": Markup("<br>").join(labels)}})
    return {"rows": rows, "clock": clock, "interview": interview}
