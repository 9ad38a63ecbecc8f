from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "csepathway.api"
    label = "api"
    verbose_name = "API for council systems"

    def ready(self):
        from csepathway.outbox import events, handlers

        from .webhooks import WEBHOOK, deliver_webhook, event_heard, record_attempt

        events.register(event_heard)
        handlers.register(WEBHOOK, deliver_webhook, after_attempt=record_attempt)
