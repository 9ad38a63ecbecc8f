"""Writes on the directory of professionals: add and change entries (the CSE team), each in one
transaction with its audit event. The directory names no child, so its events carry none."""

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction

from csepathway.audit.services import record
from csepathway.core.refusals import Refused
from csepathway.core.services import versioned_save

from .access import may_keep
from .models import DirectoryEntry

FIELDS = ("name", "job_title", "agency", "email", "phone", "active")
DUPLICATE = "This email address is already in the directory for this agency."


def _clean(values: dict) -> dict:
    values = {name: (value.strip() if isinstance(value, str) else value) for name, value in values.items()}
    if not values.get("name") or not values.get("agency"):
        raise Refused("An entry needs a name and an agency.")
    return values


@transaction.atomic
def directory_entry_add(*, actor, name: str, agency: str, job_title: str = "", email: str = "",
                        phone: str = "") -> DirectoryEntry:
    """Add an entry. The same person added twice (a double click) returns the first entry."""
    if not may_keep(actor):
        raise PermissionDenied
    values = _clean({"name": name, "agency": agency, "job_title": job_title, "email": email, "phone": phone})
    existing = DirectoryEntry.objects.filter(name__iexact=values["name"], agency__iexact=values["agency"],
                                             email__iexact=values["email"]).first()
    if existing is not None:
        return existing
    try:
        with transaction.atomic():
            entry = DirectoryEntry.objects.create(added_by=actor, **values)
    except IntegrityError as duplicate:
        raise Refused(DUPLICATE) from duplicate
    record(actor=actor, verb="meeting.directory_entry_added", obj=entry)
    return entry


@transaction.atomic
def directory_entry_update(*, actor, entry: DirectoryEntry, version: int, **changes) -> DirectoryEntry:
    """Change an entry as edited from `version`; a save after someone else's raises StaleEdit."""
    if not may_keep(actor):
        raise PermissionDenied
    entry = DirectoryEntry.objects.select_for_update().get(pk=entry.pk)
    values = _clean({name: changes.get(name, getattr(entry, name)) for name in FIELDS})
    changed = [name for name in FIELDS if getattr(entry, name) != values[name]]
    if not changed:
        return entry
    for name in changed:
        setattr(entry, name, values[name])
    try:
        with transaction.atomic():
            versioned_save(instance=entry, expected_version=version, changed=changed)
    except IntegrityError as duplicate:
        raise Refused(DUPLICATE) from duplicate
    record(actor=actor, verb="meeting.directory_entry_changed", obj=entry, changed_fields=changed)
    return entry
