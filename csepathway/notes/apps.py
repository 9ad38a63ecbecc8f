from django.apps import AppConfig


class NotesConfig(AppConfig):
    name = "csepathway.notes"
    label = "notes"
    verbose_name = "Case notes and outbox"

    def ready(self):
        from csepathway.children import panels

        from . import checks  # noqa: F401 - registers the adapter settings checks
        from .panels import case_notes_panel

        panels.register(case_notes_panel, order=20)
