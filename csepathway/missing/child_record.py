"""The missing episodes' part of what is held about a child (children/records_held.py): in the
chronology (went missing, returned, the interview's outcome), in subject access bundles (each episode
with its interview folded in) and disposed of with the child, kept under the child's own record type."""

from django.urls import reverse

from csepathway.children.records_held import ChronologyEvent, RecordsHeld, Snapshot, lines, on_day
from csepathway.core.formatting import govuk_datetime

from .access import visible_missing_episodes
from .models import MissingEpisode

SOURCE = "missing"


def chronology(actor, child) -> list[ChronologyEvent]:
    """One query, through the actor's own scope."""
    events = []
    for episode in visible_missing_episodes(actor).filter(child=child).select_related("interview"):
        href = reverse("missing:detail", args=[episode.pk])
        where = episode.get_missing_from_display().split(" (")[0].lower()
        events.append(ChronologyEvent(episode.started_at, f"Went missing from {where}",
                                      lines(("Reported by", episode.reported_by),
                                            ("Police reference", episode.police_reference)), href, SOURCE))
        if episode.returned_at is not None:
            events.append(ChronologyEvent(episode.returned_at, "Returned after going missing",
                                          lines(("Where found", episode.where_found),
                                                ("Return home interview due", episode.interview_due_at)),
                                          href, SOURCE))
        interview = getattr(episode, "interview", None)
        if interview is not None and interview.settled:
            events.append(ChronologyEvent(interview.outcome_at,
                                          f"Return home interview {interview.get_outcome_display().lower()}",
                                          "\n".join(interview.finding_labels()), href, SOURCE))
        elif interview is not None:
            events.append(ChronologyEvent(on_day(interview.offered_on, interview.created_at),
                                          "Return home interview offered", "", href, SOURCE,
                                          timed=False))
    return events


def _text(episode: MissingEpisode) -> str:
    interview = getattr(episode, "interview", None)
    parts = [lines(("Missing from", episode.get_missing_from_display()), ("Went missing", episode.started_at),
                   ("Reported by", episode.reported_by), ("Police reference", episode.police_reference),
                   ("Returned", episode.returned_at), ("Where found", episode.where_found),
                   ("Return home interview due", episode.interview_due_at))]
    if interview is not None:
        parts.append(lines(("Return home interview offered on", interview.offered_on),
                           ("Outcome", interview.get_outcome_display()), ("Held or declined", interview.outcome_at),
                           ("Interviewer", interview.interviewer), ("What it found", interview.findings),
                           ("To act on", "; ".join(interview.finding_labels()))))
    return "\n".join(part for part in parts if part)


def snapshots(child) -> list[Snapshot]:
    return [Snapshot("missing_episode", episode, f"Missing episode, {govuk_datetime(episode.started_at)}",
                     episode.created_at, _text(episode))
            for episode in MissingEpisode.objects.filter(child=child).select_related("interview")]


RECORDS_HELD = RecordsHeld(
    app="missing", record_type="child",
    models=("missing.missingepisode", "missing.returnhomeinterview"),
    chronology=chronology, subject_access=snapshots,
    folded={"missing.returnhomeinterview": "missing.missingepisode"})
