"""Reads of partner information reports, scoped to the acting user; every read of a report is
audited, and what a reader may not read of it (the content) is never handed to the page."""

import uuid

from django.db.models import QuerySet, prefetch_related_objects
from django.urls import reverse

from csepathway.audit.scope import get_in_scope_or_404
from csepathway.audit.services import record
from csepathway.core.presenters import person_name

from . import access
from .models import IntelligenceReport
from .pieces import PIECES

PIECE_RELATIONS = [piece.related_name for piece in PIECES.values()]


def _scoped(actor) -> QuerySet[IntelligenceReport]:
    return access.visible_reports(actor).select_related("episode", "child", "author", "sent_by", "graded_by")


def report_get(*, actor, report_id: uuid.UUID | str, purpose: str = "viewed") -> IntelligenceReport:
    """The report if the actor may see that it exists, else 404 (audited). `report.readable` says
    whether the actor may read its content; the pieces are loaded only when they may."""
    report = get_in_scope_or_404(_scoped(actor), actor=actor, pk=report_id, verb=f"intelligence_report.{purpose}",
                                 record_read=False)
    report.readable = access.may_read_content(actor, report)
    record(actor=actor, verb=f"intelligence_report.{purpose}" if report.readable
           else f"intelligence_report.{purpose}_existence", obj=report, child_id=report.child_id)
    return report


def report_with_pieces(*, actor, report_id, purpose: str = "viewed") -> IntelligenceReport:
    report = report_get(actor=actor, report_id=report_id, purpose=purpose)
    if report.readable:
        prefetch_related_objects([report], *PIECE_RELATIONS)
    return report


def reports_for_episode(*, actor, episode) -> list[IntelligenceReport]:
    """The episode's reports the actor may know of, each marked readable or not (the episode read
    itself is audited by the episode page)."""
    reports = list(_scoped(actor).filter(episode=episode).order_by("-created_at"))
    for report in reports:
        report.readable = access.may_read_content(actor, report)
    return reports


def intelligence_events_for_child(*, actor, child) -> list[dict]:
    """The child's intelligence events for the chronology: a report drafted, sent, graded. The detail
    names the subject or the grading only for a reader who may read the report's content; anyone
    else learns that a report exists, its status and its dates."""
    events = []
    for report in _scoped(actor).filter(child=child).order_by("created_at"):
        readable = access.may_read_content(actor, report)
        href = reverse("intelligence:detail", args=[report.pk])
        withheld = "The report's content is not shared with your role."
        events.append({"at": report.created_at, "title": "Intelligence report drafted", "href": href,
                       "detail": f"About: {report.subject}. Drafted by {person_name(report.author)}." if readable
                       else withheld})
        if report.sent_at:
            events.append({"at": report.sent_at, "title": "Intelligence report sent to the police", "href": href,
                           "detail": f"About: {report.subject}. Sent by {person_name(report.sent_by)}." if readable
                           else withheld})
        if report.graded_at:
            events.append({"at": report.graded_at, "title": "Intelligence report graded by the police", "href": href,
                           "detail": f"Graded {report.grading}, police reference {report.police_reference}."
                           if readable else withheld})
    events.sort(key=lambda event: event["at"])
    return events


HOME_LIMIT = 10


def home_reports_to_grade(*, actor) -> dict | None:
    """For the police coordinator's home page: reports sent to the police and not yet graded, the
    longest waiting first, through the same scope as the report pages; None when there are none or
    the actor does not grade. Two queries, the rows read recorded (they name children)."""
    if not access.may_grade_reports(actor):
        return None
    waiting = access.reports_waiting_for_grading(actor)
    count = waiting.count()
    if not count:
        return None
    reports = list(waiting.select_related("child").order_by("sent_at", "pk")[:HOME_LIMIT])
    record(actor=actor, verb="intelligence.home_viewed", object_type="intelligence.intelligencereport",
           object_id=str(len(reports)))
    return {"reports": reports, "count": count}
