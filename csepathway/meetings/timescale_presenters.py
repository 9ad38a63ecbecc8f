"""What the meeting page shows of the meeting's timescales (invitations, initial meeting)."""


def timescales_section(request, meeting):
    """The timescales section of the meeting page: (template name, context), or None to show nothing."""
    return None
