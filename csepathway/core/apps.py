from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "csepathway.core"
    label = "core"
    verbose_name = "Core"

    def ready(self):
        from django.core import checks

        from .wording import check_meeting_name

        checks.register(check_meeting_name)
