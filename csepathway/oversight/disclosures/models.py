import uuid

from django.conf import settings
from django.db import models

from csepathway.core.models import AppendOnlyModel


class Disclosure(AppendOnlyModel):
    """One share outside the council: to whom, why, on what lawful basis and what was shared. The
    description says what went (e.g. "MASE minutes, one child's item"), never the content itself.
    Written once; the model, the queryset and on PostgreSQL a trigger refuse any change."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    disclosed_at = models.DateTimeField(db_index=True)
    disclosed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                     related_name="+")
    # Kept as text too, so the log still reads after an account is renamed.
    disclosed_by_username = models.CharField(max_length=150, blank=True)
    child_id = models.UUIDField(null=True, blank=True, db_index=True)
    recipient = models.CharField(max_length=254)
    purpose = models.CharField(max_length=300)
    lawful_basis = models.CharField(max_length=300)
    shared = models.CharField("What was shared", max_length=300)
    object_type = models.CharField(max_length=80, blank=True)
    object_id = models.CharField(max_length=64, blank=True)
    request_id = models.CharField(max_length=32, blank=True)

    class Meta:
        ordering = ["-disclosed_at"]

    def __str__(self):
        return f"{self.disclosed_at:%Y-%m-%d %H:%M} to {self.recipient}"
