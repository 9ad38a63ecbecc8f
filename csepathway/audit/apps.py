from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "csepathway.audit"
    label = "audit"
    verbose_name = "Audit"
