from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "csepathway.audit"
    label = "audit"
    verbose_name = "Audit"

    def ready(self):
        from csepathway.accounts.roles import Role
        from csepathway.core import navigation

        auditors = frozenset({Role.AUDITOR})
        navigation.register(navigation.NavItem("Access history", "audit:access_history", auditors, order=80))
        navigation.register(navigation.NavItem("Unusual access alerts", "audit:alerts", auditors, order=81))
        navigation.register(navigation.NavItem("Disclosure log", "audit:disclosures",
                                               frozenset({Role.AUDITOR, Role.CSE_MANAGER}), order=82))
