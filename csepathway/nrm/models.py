"""A National Referral Mechanism referral: what the first responder prepares for the Home Office's
online form (stored section by section, so drafts survive a session ending), and what comes back
from the decision maker (the reference, the reasonable-grounds and conclusive-grounds decisions) and
the referral to the Independent Child Trafficking Guardian service."""

from django.conf import settings
from django.db import models

from csepathway.core.models import BaseModel


class DecisionMaker(models.TextChoices):
    SCA = "sca", "Single Competent Authority"
    LOCAL_PANEL = "local_panel", "Local multi-agency panel"


class Outcome(models.TextChoices):
    POSITIVE = "positive", "Positive"
    NEGATIVE = "negative", "Negative"


class NrmReferral(BaseModel):
    episode = models.ForeignKey("episodes.Episode", on_delete=models.PROTECT, related_name="nrm_referrals")
    child = models.ForeignKey("children.Child", on_delete=models.PROTECT, related_name="nrm_referrals")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    # The first responder: the person named on the form (who last saved that section) and their organisation.
    first_responder = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                        related_name="nrm_referrals_made")
    first_responder_organisation = models.CharField(max_length=200, blank=True)

    # The content, one entry per section of the online form (nrm/sections.py), as typed.
    content = models.JSONField(default=dict, blank=True)
    completed_sections = models.JSONField(default=list, blank=True)

    referred_on = models.DateField(null=True, blank=True, help_text="The day the online form was submitted")
    reference = models.CharField("NRM reference number", max_length=60, blank=True)
    # Kept on the referral: a deployment can move to a local panel, but who decided this one stays true.
    decision_maker = models.CharField(max_length=20, choices=DecisionMaker.choices, default=DecisionMaker.SCA)

    reasonable_grounds = models.CharField(max_length=10, choices=Outcome.choices, blank=True)
    reasonable_grounds_on = models.DateField(null=True, blank=True)
    conclusive_grounds = models.CharField(max_length=10, choices=Outcome.choices, blank=True)
    conclusive_grounds_on = models.DateField(null=True, blank=True)

    guardian_referred = models.BooleanField("Referred to the Independent Child Trafficking Guardian service",
                                            null=True, blank=True)
    guardian_referred_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            # One referral per episode: a double-clicked start cannot make two.
            models.UniqueConstraint(fields=["episode"], name="one_nrm_referral_per_episode"),
        ]

    def __str__(self):
        return f"NRM referral {self.pk}"
