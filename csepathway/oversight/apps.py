from django.apps import AppConfig


class OversightConfig(AppConfig):
    name = "csepathway.oversight"
    label = "oversight"
    verbose_name = "Information governance oversight"

    def ready(self):
        from csepathway.core import navigation
        from csepathway.core.home import home_panels

        from . import access
        from .alerts.home_panels import alerts_home_panel

        home_panels.register(alerts_home_panel, order=50)
        navigation.register(navigation.NavItem("Access history", "oversight:access_history",
                                               access.INFORMATION_GOVERNANCE, order=80))
        navigation.register(navigation.NavItem("Alerts", "oversight:alerts",
                                               access.INFORMATION_GOVERNANCE, order=81))
        navigation.register(navigation.NavItem("Disclosures", "oversight:disclosures",
                                               access.DISCLOSURE_LOG_READERS, order=82))
