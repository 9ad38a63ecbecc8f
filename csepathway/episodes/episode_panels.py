"""Sections that higher apps (NRM, intelligence) add to the episode page, registered at start-up so
the episodes app needs no knowledge of them."""

from csepathway.core.panels import PanelRegistry

_registry = PanelRegistry("episode")
register = _registry.register
render_panels = _registry.render
