from django.apps import AppConfig


class NotesConfig(AppConfig):
    name = "csepathway.notes"
    label = "notes"
    verbose_name = "Case notes"

    def ready(self):
        from csepathway.children import panels, records_held
        from csepathway.core.home import home_panels
        from csepathway.outbox import handlers

        from . import checks  # noqa: F401 - registers the adapter settings checks
        from .adapters import CASE_NOTE_DELIVERY, deliver_case_note
        from .child_record import RECORDS_HELD
        from .home_panels import unread_notes_home_panel
        from .panels import case_notes_panel

        panels.register(case_notes_panel, order=20)
        home_panels.register(unread_notes_home_panel, order=25)
        handlers.register(CASE_NOTE_DELIVERY, deliver_case_note)
        records_held.register(RECORDS_HELD)
