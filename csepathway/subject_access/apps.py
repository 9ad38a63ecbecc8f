from django.apps import AppConfig


class SubjectAccessConfig(AppConfig):
    """Subject access requests: information governance gathers everything held about a child, reviews
    it for exemptions and releases a redacted PDF. It sits at the top beside the case file because it
    reads every app below it."""

    name = "csepathway.subject_access"
    label = "subject_access"
    verbose_name = "Subject access requests"

    def ready(self):
        from csepathway.children import records_held
        from csepathway.core import navigation
        from csepathway.core.home import home_panels

        from . import access
        from .child_record import RECORDS_HELD, SUBJECT_ACCESS
        from .home_panels import requests_home_panel

        navigation.register(navigation.NavItem("Subject access", "subject_access:list",
                                               access.HANDLERS, order=30))
        home_panels.register(requests_home_panel, order=60)
        records_held.register_record_type(SUBJECT_ACCESS)
        records_held.register(RECORDS_HELD)
