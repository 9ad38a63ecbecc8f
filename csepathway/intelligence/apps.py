from django.apps import AppConfig


class IntelligenceConfig(AppConfig):
    name = "csepathway.intelligence"
    label = "intelligence"
    verbose_name = "Intelligence to the police and the register of concern"

    def ready(self):
        from csepathway.core import navigation
        from csepathway.episodes import episode_panels

        from .access import REGISTER_READERS
        from .panels import intelligence_panel

        episode_panels.register(intelligence_panel, order=30)
        navigation.register(navigation.NavItem("Register of concern", "intelligence:register", REGISTER_READERS,
                                               order=9))
