"""Writes shared by every app."""

from django.db import models
from django.utils import timezone


class StaleEdit(Exception):
    """Someone saved this record after the editor opened it. Carries the record as it now is."""

    def __init__(self, current):
        super().__init__("This record was changed by someone else while you were editing it.")
        self.current = current


def model_update(*, instance: models.Model, fields: list[str], data: dict) -> list[str]:
    """Set the given fields from data and return the names of the ones that really changed.
    Does not save: the caller saves with its version check."""
    changed = []
    for name in fields:
        if name in data and getattr(instance, name) != data[name]:
            setattr(instance, name, data[name])
            changed.append(name)
    return changed


def versioned_save(*, instance, expected_version: int, changed: list[str]) -> None:
    """Save only if nobody has saved since `expected_version`; the check and the write are one
    statement, so two concurrent saves cannot both win."""
    model = type(instance)
    values = {name: getattr(instance, name) for name in changed}
    values["version"] = expected_version + 1

    values["updated_at"] = timezone.now()
    updated = model.objects.filter(pk=instance.pk, version=expected_version).update(**values)
    if updated != 1:
        raise StaleEdit(model.objects.get(pk=instance.pk))
    instance.version = expected_version + 1
    instance.updated_at = values["updated_at"]
