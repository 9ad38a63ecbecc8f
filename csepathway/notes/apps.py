from django.apps import AppConfig


class NotesConfig(AppConfig):
    name = "csepathway.notes"
    label = "notes"
    verbose_name = "Case notes and outbox"

    def ready(self):
        from csepathway.audit.alert_services import register_notifier
        from csepathway.children import panels

        from . import checks  # noqa: F401 - registers the adapter settings checks
        from .panels import case_notes_panel
        from .services import notification_email

        panels.register(case_notes_panel, order=20)
        # The audit app raises unusual-access alerts but sits below the outbox: it is handed the way to email.
        register_notifier(notification_email)
