from django.apps import AppConfig


class AssessmentsConfig(AppConfig):
    name = "csepathway.assessments"
    label = "assessments"
    verbose_name = "Risk assessments"

    def ready(self):
        from csepathway.children import records_held

        from .child_record import RECORDS_HELD

        records_held.register(RECORDS_HELD)
