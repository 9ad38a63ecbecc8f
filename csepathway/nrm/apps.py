from django.apps import AppConfig


class NrmConfig(AppConfig):
    name = "csepathway.nrm"
    label = "nrm"
    verbose_name = "National Referral Mechanism"
