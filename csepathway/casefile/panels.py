"""A link from the child's record to the chronology."""


def chronology_link_panel(request, child):
    return "casefile/chronology_link.html", {}
