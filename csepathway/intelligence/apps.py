from django.apps import AppConfig


class IntelligenceConfig(AppConfig):
    name = "csepathway.intelligence"
    label = "intelligence"
    verbose_name = "Intelligence to the police and the register of concern"
