from django.apps import AppConfig


class ChildrenConfig(AppConfig):
    name = "csepathway.children"
    label = "children"
    verbose_name = "Children"

    def ready(self):
        from csepathway.accounts.roles import CASE_ROLES
        from csepathway.core import navigation

        from . import panels
        from .restrictions.views import restriction_panel

        navigation.register(navigation.NavItem("Children", "children:search", frozenset(CASE_ROLES), order=10))
        panels.register(restriction_panel, order=5)
