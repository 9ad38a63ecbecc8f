"""The parts of the meeting page that belong to later steps (invitations, minutes, actions), each
rendered from its own template with its own presenter, in the order the meeting runs."""

from markupsafe import Markup

from csepathway.core.panels import render_sections


def _providers():
    # Imported here: each part's presenter imports selectors that import this app's models.
    from .actions import presenters as action_presenters
    from .invitations import presenters as invitation_presenters
    from .minutes import presenters as minutes_presenters
    from .timescales import presenters as timescale_presenters

    return [timescale_presenters.timescales_section, invitation_presenters.invitees_section,
            minutes_presenters.minutes_section, action_presenters.actions_section]


def meeting_sections(request, meeting) -> list[Markup]:
    """Each provider takes (request, meeting) and returns (template name, context) or None."""
    return render_sections(request, meeting, _providers(), name="meeting")
