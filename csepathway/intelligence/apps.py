from django.apps import AppConfig


class IntelligenceConfig(AppConfig):
    name = "csepathway.intelligence"
    label = "intelligence"
    verbose_name = "Intelligence to the police and the register of concern"

    def ready(self):
        from csepathway.children import records_held
        from csepathway.core import navigation
        from csepathway.core.home import home_panels
        from csepathway.episodes import episode_panels

        from .access import REGISTER_READERS, STRATEGIC_READERS
        from .child_record import INTELLIGENCE, RECORDS_HELD
        from .home_panels import grading_home_panel
        from .panels import intelligence_panel

        episode_panels.register(intelligence_panel, order=30)
        home_panels.register(grading_home_panel, order=30)
        navigation.register(navigation.NavItem("Register", "intelligence:register", REGISTER_READERS,
                                               order=9))
        # The strategic MASE picture: the profile, which links to the association map. Those who hold
        # the register reach it from the register's page (ADR 0048: the header stays one line at
        # 1024 px); a chair, who has no register, from the header.
        navigation.register(navigation.NavItem("Strategic", "intelligence:strategic_profile",
                                               STRATEGIC_READERS - REGISTER_READERS, order=11))
        records_held.register_record_type(INTELLIGENCE)
        records_held.register(RECORDS_HELD)
