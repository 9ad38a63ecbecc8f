from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "csepathway.core"
    label = "core"
    verbose_name = "Core"
