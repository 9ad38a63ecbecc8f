"""The directory of professionals and agencies the CSE team keeps, so that whoever invites people to
a MASE meeting can choose several at once instead of typing each one (docs/adr/0042)."""

from django.conf import settings
from django.db import models

from csepathway.core.models import BaseModel


class DirectoryEntry(BaseModel):
    """A professional (or an agency's shared mailbox) who is often invited to MASE meetings. Not a
    case record: it names no child. Kept by the CSE team; an entry no longer used is made inactive,
    never deleted, so the audit trail of who changed it still points at it."""

    name = models.CharField(max_length=200)
    job_title = models.CharField(max_length=200, blank=True)
    agency = models.CharField(max_length=200)
    email = models.EmailField(blank=True)
    phone = models.CharField(max_length=40, blank=True)
    active = models.BooleanField(default=True, db_index=True)
    added_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["agency", "name"]
        constraints = [models.UniqueConstraint(models.functions.Lower("email"), "agency",
                                               name="directory_entry_email_once_per_agency",
                                               condition=~models.Q(email=""))]

    def __str__(self):
        return f"{self.name} ({self.agency})"
