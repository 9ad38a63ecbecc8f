from django.apps import AppConfig


class NrmConfig(AppConfig):
    name = "csepathway.nrm"
    label = "nrm"
    verbose_name = "National Referral Mechanism"

    def ready(self):
        from django.core import checks

        from csepathway.children import records_held
        from csepathway.episodes import episode_panels

        from .child_record import NRM, RECORDS_HELD
        from .clocks import check_decision_maker_setting
        from .panels import nrm_panel

        episode_panels.register(nrm_panel, order=10)
        checks.register(check_decision_maker_setting)
        records_held.register_record_type(NRM)
        records_held.register(RECORDS_HELD)
