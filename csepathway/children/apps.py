from django.apps import AppConfig


class ChildrenConfig(AppConfig):
    name = "csepathway.children"
    label = "children"
    verbose_name = "Children"

    def ready(self):
        from csepathway.accounts.roles import CASE_ROLES
        from csepathway.audit import child_registry
        from csepathway.core import navigation

        from . import panels
        from .restriction_selectors import audit_child_labels, audit_hidden_children
        from .views_restrictions import restriction_panel

        navigation.register(navigation.NavItem("Children", "children:search", frozenset(CASE_ROLES), order=10))
        panels.register(restriction_panel, order=5)
        # The access history names children (audit sits below children): names only where the reader may see them.
        child_registry.register_child_labeller(audit_child_labels)
        child_registry.register_hidden_check(audit_hidden_children)
