"""Reads of the directory. It names no child, so its reads are not audited as case reads; only the
CSE team sees the whole list with inactive entries, inviters see the active ones to choose from."""

import uuid

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Page, Paginator
from django.http import Http404

from .access import may_choose, may_keep
from .models import DirectoryEntry

PER_PAGE = 50


def directory_list(*, actor, page=1) -> Page:
    if not may_keep(actor):
        raise PermissionDenied
    return Paginator(DirectoryEntry.objects.order_by("-active", "agency", "name", "pk"), PER_PAGE).get_page(page)


def directory_entry_get(*, actor, entry_id: uuid.UUID | str) -> DirectoryEntry:
    if not may_keep(actor):
        raise PermissionDenied
    try:
        return DirectoryEntry.objects.get(pk=entry_id)
    except (DirectoryEntry.DoesNotExist, ValidationError) as missing:
        raise Http404("No such directory entry") from missing


def directory_for_inviting(*, actor) -> list[DirectoryEntry]:
    """The active entries, by agency, for the invite page's choice of several."""
    if not may_choose(actor):
        return []
    return list(DirectoryEntry.objects.filter(active=True).order_by("agency", "name", "pk"))
