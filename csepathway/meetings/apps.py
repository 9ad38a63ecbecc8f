from django.apps import AppConfig


class MeetingsConfig(AppConfig):
    name = "csepathway.meetings"
    label = "meetings"
    verbose_name = "MASE meetings"

    def ready(self):
        from csepathway.children import panels
        from csepathway.core import navigation

        from .panels import meetings_panel
        from .views.scheduling import CALENDAR_ROLES

        panels.register(meetings_panel, order=15)
        navigation.register(navigation.NavItem("MASE meetings", "meetings:calendar", frozenset(CALENDAR_ROLES),
                                               order=7))
