from django.apps import AppConfig


class MeetingsConfig(AppConfig):
    name = "csepathway.meetings"
    label = "meetings"
    verbose_name = "MASE meetings"

    def ready(self):
        from csepathway.children import panels

        from .panels import meetings_panel

        panels.register(meetings_panel, order=15)
