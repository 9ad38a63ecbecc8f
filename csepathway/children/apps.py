from django.apps import AppConfig


class ChildrenConfig(AppConfig):
    name = "csepathway.children"
    label = "children"
    verbose_name = "Children"

    def ready(self):
        from csepathway.core import navigation
        from csepathway.core.home import home_panels

        from . import access, panels, records_held
        from .child_record import CHILD, RECORDS_HELD
        from .home_panels import emergency_access_home_panel, my_children_home_panel
        from .restrictions.views import restriction_panel

        navigation.register(navigation.NavItem("Children", "children:search", access.RECORD_READERS, order=10))
        panels.register(restriction_panel, order=5)
        home_panels.register(my_children_home_panel, order=30)
        home_panels.register(emergency_access_home_panel, order=45)
        records_held.register_record_type(CHILD)
        records_held.register(RECORDS_HELD)
