"""What the meeting page and the invitation pages show."""


def invitees_section(request, meeting):
    """The invitation section of the meeting page: (template name, context), or None to show nothing."""
    return None
