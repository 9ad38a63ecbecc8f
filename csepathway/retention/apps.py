from django.apps import AppConfig


class RetentionConfig(AppConfig):
    """Retention and disposal: when each kind of record about a child is due to go, legal holds that
    stop it going, and disposal by two people leaving only a certificate. It sits at the very top,
    because disposing of a child's record reaches every app below it."""

    name = "csepathway.retention"
    label = "retention"
    verbose_name = "Retention and disposal"

    def ready(self):
        from csepathway.children import records_held
        from csepathway.core import navigation
        from csepathway.core.home import home_panels

        from . import access
        from .child_record import RECORDS_HELD
        from .home_panels import disposals_home_panel

        navigation.register(navigation.NavItem("Retention", "retention:queue",
                                               access.KEEPERS, order=40))
        home_panels.register(disposals_home_panel, order=70)
        records_held.register(RECORDS_HELD)
