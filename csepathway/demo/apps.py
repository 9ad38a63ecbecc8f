from django.apps import AppConfig


class DemoConfig(AppConfig):
    """Synthetic demo data. It sits at the top of the stack because it fills every app."""

    name = "csepathway.demo"
    label = "demo"
    verbose_name = "Demo data"
