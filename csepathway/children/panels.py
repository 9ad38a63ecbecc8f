"""Sections that higher apps add to the child's record page (episodes, case notes, meetings),
registered at start-up so the children app needs no knowledge of them."""

from csepathway.core.panels import PanelRegistry

_registry = PanelRegistry("child")
register = _registry.register
render_panels = _registry.render
