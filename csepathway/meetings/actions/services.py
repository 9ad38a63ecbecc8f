"""Writes on MASE actions: the status change (version-checked) and the daily overdue reminder.
Actions themselves are created with the minutes (minutes_services)."""

import datetime as dt

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from csepathway.audit.models import AuditEvent
from csepathway.audit.services import record
from csepathway.core.services import StaleEdit, versioned_save
from csepathway.core.wording import meeting_name
from csepathway.outbox.services import email_link

from ..access import restricted_q
from ..models import Action
from .access import may_set_status
from .selectors import overdue_q

REMINDER_SUBJECT = "CSE Pathway: you have overdue actions"


def action_status_set(*, actor, action: Action, status: str, version: int) -> Action:
    """Set the status, if nobody has changed the action since `version` was read. Raises StaleEdit
    (carrying the action as it now is) rather than overwrite someone else's change; a repeat of the
    change just made (a double click) is accepted and changes nothing."""
    if status not in Action.Status.values:
        raise ValueError(f"Unknown action status {status!r}")
    if not may_set_status(actor, action):
        # Recorded outside the write's transaction, so the refusal is not rolled back with it.
        record(actor=actor, verb="action.status_changed", obj=action, child_id=action.episode.child_id,
               outcome=AuditEvent.Outcome.DENIED)
        raise PermissionDenied
    return _status_set(actor=actor, action=action, status=status, version=version)


@transaction.atomic
def _status_set(*, actor, action: Action, status: str, version: int) -> Action:
    current = (Action.objects.select_for_update(of=("self",)).select_related("episode", "agenda_item__meeting")
               .get(pk=action.pk))
    if current.status == status:
        return current
    if current.version != version:
        raise StaleEdit(current)
    current.status = status
    # Done records when; any other status (reopened) clears it.
    current.completed_at = timezone.now() if status == Action.Status.DONE else None
    versioned_save(instance=current, expected_version=version, changed=["status", "completed_at"])
    record(actor=actor, verb="action.status_changed", obj=current, child_id=current.episode.child_id,
           changed_fields=["status", "completed_at"])
    return current


def _not_reminded(today: dt.date) -> Q:
    return Q(last_reminded_on__isnull=True) | Q(last_reminded_on__lt=today)


def action_reminders_send(*, actor=None, today: dt.date | None = None) -> int:
    """Email each owner with an account, an address and overdue open actions not yet reminded
    today: one email each, saying how many, with a link to the tracker and nothing of the case.
    Running again the same day sends nothing more. Returns how many owners were emailed.

    Each owner is one transaction (their actions marked, the email queued, the audit event), so one
    failure does not hold back the others, and two runs at once cannot both email the same owner."""
    today = today or timezone.localdate()
    owner_ids = (Action.objects.filter(overdue_q(today), _not_reminded(today), owner__isnull=False,
                                       owner__is_active=True).exclude(owner__email="")
                 .values_list("owner_id", flat=True).distinct().order_by())
    return sum(_remind_owner(actor=actor, owner_id=owner_id, today=today) for owner_id in list(owner_ids))


@transaction.atomic
def _remind_owner(*, actor, owner_id, today: dt.date) -> int:
    owner = get_user_model().objects.get(pk=owner_id)
    # Locking the owner's actions makes a second run wait, then find them reminded already.
    # Actions on a restricted record the owner may not see are neither counted nor marked: the
    # number must match what their action list shows.
    overdue = list(Action.objects.select_for_update().filter(overdue_q(today), owner_id=owner_id)
                   .exclude(restricted_q(owner)))
    if not any(a.last_reminded_on is None or a.last_reminded_on < today for a in overdue):
        return 0
    # Not a user's edit: the version is left alone so nobody's open status form is made stale.
    Action.objects.filter(pk__in=[a.pk for a in overdue]).update(last_reminded_on=today)
    count = len(overdue)
    # About several children at once, so the reminder is recorded against none of them.
    email_link(to_user=owner, subject=REMINDER_SUBJECT, path=reverse("meetings:actions") + "?overdue=on",
               intro=f"You have {count} overdue action{'' if count == 1 else 's'} from {meeting_name()} meetings.")
    record(actor=actor, verb="actions.reminder_sent", obj=owner, changed_fields=["last_reminded_on"])
    return 1
