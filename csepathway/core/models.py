"""The base every case record stands on: a UUID, timestamps and a version for edit checks."""

import uuid

from django.db import models


class BaseModel(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    # Incremented by every service update; a save carrying an older version is refused.
    version = models.PositiveIntegerField(default=1)

    class Meta:
        abstract = True
