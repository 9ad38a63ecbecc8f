from django.apps import AppConfig


class NotesConfig(AppConfig):
    name = "csepathway.notes"
    label = "notes"
    verbose_name = "Case notes"

    def ready(self):
        from csepathway.children import panels, records_held
        from csepathway.outbox import handlers

        from . import checks  # noqa: F401 - registers the adapter settings checks
        from .adapters import CASE_NOTE_DELIVERY, deliver_case_note
        from .child_record import RECORDS_HELD
        from .panels import case_notes_panel

        panels.register(case_notes_panel, order=20)
        handlers.register(CASE_NOTE_DELIVERY, deliver_case_note)
        records_held.register(RECORDS_HELD)
