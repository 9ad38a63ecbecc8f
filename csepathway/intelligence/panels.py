"""The intelligence section on the episode page: the reports on the episode (that they exist, for
anyone who may see the episode; their subject only for a reader of their content), a way to write
one, and, for the register's users, a way to add the assessment's people and places to the register."""

from django.urls import reverse

from csepathway.episodes.exploitation import criminal_exploitation_recorded

from . import access, presenters, selectors


def intelligence_panel(request, episode):
    user = request.user
    reports = selectors.reports_for_episode(actor=user, episode=episode)
    can_draft = access.may_draft_report(user, episode)
    if not reports and not can_draft:
        return None
    return "intelligence/episode_panel.html", {
        "report_rows": presenters.episode_panel_rows(reports),
        "criminal": criminal_exploitation_recorded(episode),
        "new_href": reverse("intelligence:new", args=[episode.pk]) if can_draft else "",
        "register_href": reverse("intelligence:register_from_assessment", args=[episode.pk])
        if access.may_see_register(user) and episode.assessment_id else "",
    }
