from django.apps import AppConfig


class ScreeningConfig(AppConfig):
    name = "csepathway.screening"
    label = "screening"
    verbose_name = "Screening"
