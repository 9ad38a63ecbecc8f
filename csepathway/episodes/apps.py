from django.apps import AppConfig


class EpisodesConfig(AppConfig):
    name = "csepathway.episodes"
    label = "episodes"
    verbose_name = "CSE episodes"

    def ready(self):
        from csepathway.children import access as child_access
        from csepathway.children import panels, records_held
        from csepathway.core import navigation
        from csepathway.core.home import home_panels

        from .access import SUBMITTED_EPISODE_ROLES, children_with_submitted_episodes
        from .child_record import PATHWAY, RECORDS_HELD
        from .home_panels import episodes_home_panel
        from .panels import episodes_panel, risk_panel

        child_access.register_scope_provider(children_with_submitted_episodes)
        panels.register(episodes_panel, order=10)
        panels.register(risk_panel, order=12)
        home_panels.register(episodes_home_panel, order=10)
        navigation.register(navigation.NavItem("Workspace", "episodes:workspace",
                                               frozenset(SUBMITTED_EPISODE_ROLES), order=5))
        records_held.register_record_type(PATHWAY)
        records_held.register(RECORDS_HELD)
