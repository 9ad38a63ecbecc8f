"""The bases records stand on: BaseModel (a UUID, timestamps and a version for edit checks) for
records that change, and AppendOnlyModel for those that are written once and never changed."""

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


class RecordImmutable(Exception):
    """Code tried to change or delete a stored row of an append-only model."""

    def __init__(self, model, refused: str):
        self.model = model
        meta = model._meta
        correction = f": {model.append_only_correction}" if model.append_only_correction else ""
        super().__init__(f"{str(meta.verbose_name_plural).capitalize()} ({meta.label}) are append-only: "
                         f"a stored one is never {refused}{correction}.")


class AppendOnlyQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise RecordImmutable(self.model, "changed")

    def delete(self):
        raise RecordImmutable(self.model, "deleted")

    def bulk_create(self, objs, batch_size=None, ignore_conflicts=False, update_conflicts=False,
                    update_fields=None, unique_fields=None):
        if update_conflicts:  # an upsert rewrites the stored row it collides with
            raise RecordImmutable(self.model, "changed")
        return super().bulk_create(objs, batch_size=batch_size, ignore_conflicts=ignore_conflicts,
                                   unique_fields=unique_fields)


class AppendOnlyModel(models.Model):
    """A record of something that happened (an audit event, a case note, a disclosure, a disposal
    certificate): rows are added, never changed or deleted. The model and its querysets refuse here;
    on PostgreSQL triggers refuse too, for whoever holds a database session (core/append_only.py,
    docs/adr/0031). Disposal of a child's record (retention/disposal.py) is the one way rows go: it
    deletes through Django's Collector, which calls neither delete() below."""

    # How a mistake is put right instead, added to the refusal (e.g. "add an amendment instead").
    append_only_correction = ""

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        abstract = True

    def save(self, **kwargs):
        if not self._state.adding or kwargs.get("force_update") or kwargs.get("update_fields") is not None:
            raise RecordImmutable(type(self), "changed")
        # Always an INSERT: an instance built by hand with a stored row's key would otherwise be
        # saved as an UPDATE of that row.
        super().save(**{**kwargs, "force_insert": True})

    def delete(self, *args, **kwargs):
        raise RecordImmutable(type(self), "deleted")


class ConfigurationVersion(models.Model):
    """Versioned configuration data: the screening tool, risk levels, exploitation types, guardrails,
    timescales. Areas differ and tools change, so these are data, not code; a completed form keeps
    the version it was made with. A new version is published by adding a row, never by editing one."""

    class Kind(models.TextChoices):
        SCREENING_TOOL = "screening_tool", "Screening tool"
        RISK_LEVELS = "risk_levels", "Risk levels"
        ASSESSMENT = "assessment", "Risk assessment (sections, exploitation types, guardrails)"
        TIMESCALES = "timescales", "Timescales"
        KNOWLEDGE = "knowledge", "Knowledge panels"
        RETENTION = "retention", "Retention rules"

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    kind = models.CharField(max_length=40, choices=Kind.choices)
    version = models.PositiveIntegerField()
    title = models.CharField(max_length=200)
    data = models.JSONField()
    published_at = models.DateTimeField()

    class Meta:
        ordering = ["kind", "-version"]
        constraints = [models.UniqueConstraint(fields=["kind", "version"], name="unique_configuration_version")]

    def __str__(self):
        return f"{self.get_kind_display()} v{self.version}"
