from django.apps import AppConfig


class MissingConfig(AppConfig):
    name = "csepathway.missing"
    label = "missing"
    verbose_name = "Missing episodes"

    def ready(self):
        from csepathway.children import panels, records_held
        from csepathway.episodes import workspace_flags

        from .child_record import RECORDS_HELD
        from .panels import missing_panel, screening_prompt_banner
        from .workspace_flags import missing_flags

        panels.register(missing_panel, order=8)
        panels.register_banner(screening_prompt_banner, order=10)
        workspace_flags.register(missing_flags, order=20)
        records_held.register(RECORDS_HELD)
