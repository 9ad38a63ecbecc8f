"""What the meeting page and the action pages show."""


def actions_section(request, meeting):
    """The action section of the meeting page: (template name, context), or None to show nothing."""
    return None
