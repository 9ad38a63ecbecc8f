"""The parts of the meeting page that belong to later steps (invitations, minutes, actions), each
rendered from its own template with its own presenter, in the order the meeting runs."""

from django.template.loader import render_to_string
from markupsafe import Markup


def _providers():
    # Imported here: each part's presenter imports selectors that import this app's models.
    from . import action_presenters, invitation_presenters, minutes_presenters, timescale_presenters

    return [timescale_presenters.timescales_section, invitation_presenters.invitees_section,
            minutes_presenters.minutes_section, action_presenters.actions_section]


def meeting_sections(request, meeting) -> list[Markup]:
    """Each provider takes (request, meeting) and returns (template name, context) or None."""
    rendered = []
    for provider in _providers():
        result = provider(request, meeting)
        if result is not None:
            template, context = result
            rendered.append(Markup(render_to_string(template, {**context, "meeting": meeting}, request=request)))  # noqa: S704
    return rendered
