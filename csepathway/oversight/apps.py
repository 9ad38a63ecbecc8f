from django.apps import AppConfig


class OversightConfig(AppConfig):
    name = "csepathway.oversight"
    label = "oversight"
    verbose_name = "Information governance oversight"

    def ready(self):
        from csepathway.core import navigation

        from . import access

        navigation.register(navigation.NavItem("Access history", "oversight:access_history",
                                               access.INFORMATION_GOVERNANCE, order=80))
        navigation.register(navigation.NavItem("Alerts", "oversight:alerts",
                                               access.INFORMATION_GOVERNANCE, order=81))
        navigation.register(navigation.NavItem("Disclosures", "oversight:disclosures",
                                               access.DISCLOSURE_LOG_READERS, order=82))
