"""Sections that higher apps add to the child's record page (episodes, case notes, later meetings),
registered at start-up so the children app needs no knowledge of them."""

from collections.abc import Callable

from django.template.loader import render_to_string
from markupsafe import Markup

# A provider takes (request, child) and returns (template name, context), or None to show nothing.
PanelProvider = Callable[[object, object], tuple[str, dict] | None]
_providers: list[tuple[int, PanelProvider]] = []


def register(provider: PanelProvider, *, order: int = 100) -> None:
    if all(existing is not provider for _, existing in _providers):
        _providers.append((order, provider))
        _providers.sort(key=lambda item: item[0])


def render_panels(request, child) -> list[Markup]:
    panels = []
    for _, provider in _providers:
        result = provider(request, child)
        if result is not None:
            template, context = result
            panels.append(Markup(render_to_string(template, {**context, "child": child}, request=request)))  # noqa: S704
    return panels
