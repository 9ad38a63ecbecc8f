"""The home page's sections: each app adds what finds each person's work (issue 12, point 1), so
core knows none of them. A provider takes (request, user) and returns (template, context), or None
when it has nothing for this person."""

from .panels import PanelRegistry

home_panels = PanelRegistry("person")
