"""Everything held about a child, as text snapshots, one per record.

This is the one place where information governance reads case content, and it reads it unscoped on
purpose: a subject access request covers every record the council holds about the child, not the
records one worker may see (ADR 0023). Only services.sar_gather calls it, for a request an auditor
opened, and that call is audited with the child's id.

What is held comes from the apps themselves (children/records_held.py, ADR 0032): each gives the
snapshots of its own records, so a record an app holds cannot be missing from the bundle while
retention disposes of it."""

import datetime as dt

from django.utils import timezone

from csepathway.children import records_held
from csepathway.children.models import Child
from csepathway.children.records_held import Snapshot

from .models import BundleItem

__all__ = ["Snapshot", "gather"]


def gather(child: Child) -> list[Snapshot]:
    """The child's record first, then everything else oldest first."""
    snapshots = [s for provider in records_held.subject_access_providers() for s in provider(child)]
    unknown = {s.kind for s in snapshots} - set(BundleItem.Kind.values)
    if unknown:
        # Stored anyway, the item would have no name in the bundle: better that the gather fails.
        raise ValueError(f"Bundle items of no known kind: {sorted(unknown)}")
    own = [s for s in snapshots if s.source == child]
    epoch = timezone.make_aware(dt.datetime(1900, 1, 1))
    rest = sorted((s for s in snapshots if s.source != child), key=lambda s: s.recorded_at or epoch)
    return [*own, *rest]
