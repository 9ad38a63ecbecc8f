"""Sections that higher apps add to the child's record page (episodes, case notes, meetings),
registered at start-up so the children app needs no knowledge of them. Banners are the same, shown
at the top of the page, for what must not be missed (repeated missing episodes prompting a screening)."""

from csepathway.core.panels import PanelRegistry

_registry = PanelRegistry("child")
register = _registry.register
render_panels = _registry.render

_banners = PanelRegistry("child")
register_banner = _banners.register
render_banners = _banners.render
