from django.apps import AppConfig


class OutboxConfig(AppConfig):
    name = "csepathway.outbox"
    label = "outbox"
    verbose_name = "Outbox"

    def ready(self):
        from . import handlers
        from .email import EMAIL, deliver_email

        handlers.register(EMAIL, deliver_email)
