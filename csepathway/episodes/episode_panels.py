"""Sections that higher apps (NRM, intelligence) add to the episode page, registered at start-up so
the episodes app needs no knowledge of them."""

from collections.abc import Callable

from django.template.loader import render_to_string
from markupsafe import Markup

# A provider takes (request, episode) and returns (template name, context), or None to show nothing.
EpisodePanelProvider = Callable[[object, object], tuple[str, dict] | None]
_providers: list[tuple[int, EpisodePanelProvider]] = []


def register(provider: EpisodePanelProvider, *, order: int = 100) -> None:
    if all(existing is not provider for _, existing in _providers):
        _providers.append((order, provider))
        _providers.sort(key=lambda item: item[0])


def render_panels(request, episode) -> list[Markup]:
    panels = []
    for _, provider in _providers:
        result = provider(request, episode)
        if result is not None:
            template, context = result
            panels.append(Markup(render_to_string(template, {**context, "episode": episode}, request=request)))  # noqa: S704
    return panels
