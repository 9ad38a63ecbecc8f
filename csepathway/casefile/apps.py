from django.apps import AppConfig


class CasefileConfig(AppConfig):
    """The pages that gather everything about a child (the chronology). It sits above every other
    app, so the apps below stay ignorant of what is built on them."""

    name = "csepathway.casefile"
    label = "casefile"
    verbose_name = "Case file"

    def ready(self):
        from csepathway.children import panels

        from .panels import chronology_link_panel

        panels.register(chronology_link_panel, order=1)
