"""What the meeting page and the minutes pages show."""


def minutes_section(request, meeting):
    """The minutes section of the meeting page: (template name, context), or None to show nothing."""
    return None
