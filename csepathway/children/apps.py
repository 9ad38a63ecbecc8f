from django.apps import AppConfig


class ChildrenConfig(AppConfig):
    name = "csepathway.children"
    label = "children"
    verbose_name = "Children"

    def ready(self):
        from csepathway.accounts.roles import CASE_ROLES
        from csepathway.core import navigation

        navigation.register(navigation.NavItem("Children", "children:search", frozenset(CASE_ROLES), order=10))
