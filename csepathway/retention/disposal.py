"""Taking a child's record out of the database, all of it, bottom-up, in the caller's transaction.

The walk starts at the child and follows every reverse foreign key to the models the apps register
as holding something about a child (children/records_held.py, each under a retention record type); a
relation to a model no app claims stops the disposal rather than leave it half done. A meeting goes
too once none of its agenda items is another child's. Messages in the outbox about the child go with
them, and so do the notifications those emails made: both name the child by id, not by a key the
walk could follow. What stays: the audit trail and the disclosure log, which hold the record's
opaque id and no content (docs/adr/0025)."""

from collections import defaultdict

from django.contrib.admin.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.db import router
from django.db.models import Q
from django.db.models.deletion import Collector

from csepathway.meetings.models import AgendaItem, MaseMeeting
from csepathway.notifications.models import Notification
from csepathway.outbox.models import OutboxMessage

from . import schedule

MESSAGES_LABEL = "Messages about the record waiting in or sent from the outbox"
NOTIFICATIONS_LABEL = "Notifications to staff about the record"


class DisposalIncomplete(Exception):
    """The walk met a record it does not know how to dispose of: nothing is deleted."""


def _label(model) -> str:
    return model._meta.label_lower


def _walk(found: dict, start_model, start_ids: set) -> None:
    claimed = schedule.type_of_model()
    frontier = [(start_model, set(start_ids))]
    while frontier:
        model, ids = frontier.pop()
        for relation in model._meta.related_objects:
            if relation.many_to_many:
                continue  # the link rows go with the record; the register entries at the far end stay
            related = relation.related_model
            rows = set(related._base_manager.filter(**{f"{relation.field.name}__in": ids})
                       .values_list("pk", flat=True))
            new = rows - found[related]
            if not new:
                continue
            if _label(related) not in claimed:
                raise DisposalIncomplete(f"{_label(related)} is not covered by the retention rules: no app claims "
                                         "it in children/records_held.py")
            found[related] |= new
            frontier.append((related, new))


def _emptied_meetings(found: dict) -> set:
    """Meetings whose every agenda item is being disposed of: nothing of anyone else remains in them."""
    ours = found[AgendaItem]
    touched = set(AgendaItem.objects.filter(pk__in=ours).values_list("meeting_id", flat=True))
    still_used = set(AgendaItem.objects.filter(meeting_id__in=touched).exclude(pk__in=ours)
                     .values_list("meeting_id", flat=True))
    return touched - still_used


def gather(child) -> dict:
    """{model: set of primary keys} of everything held about the child."""
    found = defaultdict(set)
    child_model = type(child)
    found[child_model].add(child.pk)
    _walk(found, child_model, {child.pk})
    meetings = _emptied_meetings(found) - found[MaseMeeting]
    if meetings:
        found[MaseMeeting] |= meetings
        _walk(found, MaseMeeting, meetings)
    _check_one_child(found, child)
    return found


def _check_one_child(found: dict, child) -> None:
    """A wrong relation must never take another child's records with this one."""
    for model, ids in found.items():
        names = {field.name for field in model._meta.concrete_fields}
        if "child" in names and model._base_manager.filter(pk__in=ids).exclude(child_id=child.pk).exists():
            raise DisposalIncomplete(f"{_label(model)} would take another child's records")


def _deletion_order(found: dict) -> list:
    """Models in an order where nothing is deleted while a remaining row still points at it."""
    remaining = set(found)
    order = []
    while remaining:
        pointed_at = {field.related_model for model in remaining for field in model._meta.concrete_fields
                      if field.is_relation and field.related_model is not model}
        ready = sorted((m for m in remaining if m not in pointed_at), key=_label)
        if not ready:
            raise DisposalIncomplete("The records point at each other in a circle")
        order += ready
        remaining -= set(ready)
    return order


def _self_reference(model):
    return next((field for field in model._meta.concrete_fields
                 if field.is_relation and field.related_model is model), None)


def _delete(model, ids: set) -> None:
    """Through Django's collector, which clears many-to-many link rows, and never through the
    model's own delete(), which append-only records (case notes) refuse on purpose."""
    using = router.db_for_write(model)
    own = _self_reference(model)
    ids = set(ids)
    while ids:
        batch = ids
        if own is not None:  # an amendment goes before the note it corrects
            pointed = set(model._base_manager.filter(pk__in=ids).exclude(**{f"{own.name}__isnull": True})
                          .values_list(own.attname, flat=True))
            batch = ids - pointed
            if not batch:
                raise DisposalIncomplete(f"{_label(model)} rows correct each other in a circle")
        collector = Collector(using=using)
        collector.collect(list(model._base_manager.filter(pk__in=batch)))
        collector.delete()
        ids -= batch


def _messages(child) -> set:
    return set(OutboxMessage.objects.filter(child_id=child.pk).values_list("pk", flat=True))


def _admin_log(found: dict):
    """The admin's change log names objects by their text (a child's name): it goes with them."""
    mentions = Q()
    for model, ids in found.items():
        mentions |= Q(content_type=ContentType.objects.get_for_model(model), object_id__in=[str(pk) for pk in ids])
    return LogEntry.objects.filter(mentions)


def dispose(child) -> dict[str, int]:
    """Delete everything held about the child. Returns {record type label: rows deleted}, with the
    outbox messages and notifications last. Call inside a transaction: on any error nothing is gone."""
    found = gather(child)
    record_types, type_of_model = schedule.by_code(), schedule.type_of_model()
    # Plain text keys: a label may be worded by the meeting's name (MASE or MACE), lazily, and the
    # certificate stores these counts as JSON.
    counts = {str(record_type.label): 0 for record_type in record_types.values()}
    for model, ids in found.items():
        counts[str(record_types[type_of_model[_label(model)]].label)] += len(ids)
    messages = _messages(child)
    OutboxMessage.objects.filter(pk__in=messages).delete()
    notifications, _ = Notification.objects.filter(child_id=child.pk).delete()
    _admin_log(found).delete()
    for model in _deletion_order(found):
        _delete(model, found[model])
    counts[MESSAGES_LABEL] = len(messages)
    counts[NOTIFICATIONS_LABEL] = notifications
    return {label: count for label, count in counts.items() if count}
