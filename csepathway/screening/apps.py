from django.apps import AppConfig


class ScreeningConfig(AppConfig):
    name = "csepathway.screening"
    label = "screening"
    verbose_name = "Screening"

    def ready(self):
        from csepathway.children import records_held

        from .child_record import RECORDS_HELD

        records_held.register(RECORDS_HELD)
