"""What the unusual access alert pages show."""

from django.urls import reverse
from markupsafe import Markup

from csepathway.core.formatting import govuk_datetime
from csepathway.core.presenters import link, tag_cell

from ..history.presenters import actor_name


def alert_rows(alerts) -> list[list[dict]]:
    rows = []
    for alert in alerts:
        href = reverse("oversight:alert_detail", args=[alert.pk])
        status = tag_cell("Reviewed", "grey") if alert.reviewed_at else tag_cell("To review", "yellow")
        rows.append([{"html": link(href, govuk_datetime(alert.raised_at))},
                     {"text": actor_name(alert.user)}, {"text": alert.get_kind_display()}, {"text": str(alert.count)},
                     status])
    return rows


def alert_summary(alert) -> list[dict]:
    user_link = reverse("oversight:user_history", args=[alert.user_id])
    rows = [
        ("Person", link(user_link, actor_name(alert.user))),
        ("Role", alert.user.get_role_display()),
        ("Team", alert.user.team.name if alert.user.team else "-"),
        ("What happened", alert.get_kind_display()),
        ("How many", str(alert.count)),
        ("Between", f"{govuk_datetime(alert.window_start)} and {govuk_datetime(alert.window_end)}"),
        ("Raised", govuk_datetime(alert.raised_at)),
    ]
    if alert.reviewed_at:
        rows += [("Reviewed by", actor_name(alert.reviewed_by)), ("Reviewed", govuk_datetime(alert.reviewed_at)),
                 ("Note", alert.note)]
    return [{"key": {"text": key}, "value": {"html": value} if isinstance(value, Markup) else {"text": value}}
            for key, value in rows]
