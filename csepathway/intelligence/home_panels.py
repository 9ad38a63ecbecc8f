"""The police coordinator's home page section: intelligence reports waiting to be graded (issue 12,
point 1), each opening the report, whose page leads to the grading."""

from django.urls import reverse
from django.utils import timezone

from csepathway.core.formatting import govuk_date
from csepathway.core.presenters import link

from . import selectors


def waiting_days(report, today) -> int:
    return (today - timezone.localdate(report.sent_at)).days


def grading_home_panel(request, user):
    waiting = selectors.home_reports_to_grade(actor=user)
    if waiting is None:
        return None
    today = timezone.localdate()
    rows = [[{"html": link(reverse("intelligence:detail", args=[report.pk]), report.child.full_name)},
             {"text": report.reference}, {"text": govuk_date(timezone.localtime(report.sent_at))},
             {"text": str(waiting_days(report, today)), "format": "numeric"}] for report in waiting["reports"]]
    return "intelligence/home_panel.html", {"rows": rows, "count": waiting["count"],
                                            "more": waiting["count"] - len(rows)}
