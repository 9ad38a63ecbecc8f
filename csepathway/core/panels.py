"""Sections that higher apps add to a lower app's page (the child's record, the episode page),
registered at start-up so the lower app needs no knowledge of them."""

from collections.abc import Callable

from django.template.loader import render_to_string
from markupsafe import Markup

# A provider takes (request, subject) and returns (template name, context), or None to show nothing.
PanelProvider = Callable[[object, object], tuple[str, dict] | None]


def render_sections(request, subject, providers, *, name: str) -> list[Markup]:
    """Render each provider's section with the subject in its context under `name`."""
    rendered = []
    for provider in providers:
        result = provider(request, subject)
        if result is not None:
            template, context = result
            rendered.append(Markup(render_to_string(template, {**context, name: subject}, request=request)))  # noqa: S704
    return rendered


class PanelRegistry:
    def __init__(self, name: str):
        self.name = name
        self._providers: list[tuple[int, PanelProvider]] = []

    def register(self, provider: PanelProvider, *, order: int = 100) -> None:
        if all(existing is not provider for _, existing in self._providers):
            self._providers.append((order, provider))
            self._providers.sort(key=lambda item: item[0])

    def render(self, request, subject) -> list[Markup]:
        return render_sections(request, subject, [provider for _, provider in self._providers], name=self.name)
