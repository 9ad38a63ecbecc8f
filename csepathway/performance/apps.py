from django.apps import AppConfig


class PerformanceConfig(AppConfig):
    name = "csepathway.performance"
    verbose_name = "How the pathway is performing"

    def ready(self):
        from csepathway.core import navigation

        from .access import VIEWERS

        navigation.register(navigation.NavItem("Performance", "performance:dashboard", VIEWERS, order=30))
