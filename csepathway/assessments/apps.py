from django.apps import AppConfig


class AssessmentsConfig(AppConfig):
    name = "csepathway.assessments"
    label = "assessments"
    verbose_name = "Risk assessments"
