"""The disclosure log: every share outside the council, written in the transaction of the share
itself, so a share that rolls back leaves no entry and no share goes unlogged."""

import uuid

from django.db import transaction
from django.utils import timezone

from csepathway.audit.models import canonical_uuid
from csepathway.audit.services import record
from csepathway.core import request_context
from csepathway.core.refusals import Refused

from .models import Disclosure

# The lawful bases the pathway's own shares rest on. Stored as text on each entry, so the log reads
# as it was written even if these wordings are revised later.
SAFEGUARDING = ("UK GDPR Articles 6(1)(e) and 9(2)(g); Data Protection Act 2018 Schedule 1 paragraph 18 "
                "(safeguarding of children); Children Act 2004 section 11")
CRIME_PREVENTION = ("UK GDPR Article 6(1)(e); Data Protection Act 2018 Schedule 1 paragraph 10 (preventing or "
                    "detecting unlawful acts); Crime and Disorder Act 1998 section 115")
NRM_REFERRAL = ("UK GDPR Articles 6(1)(e) and 9(2)(g); Modern Slavery Act 2015 (first responder referral to the "
                "National Referral Mechanism); Data Protection Act 2018 Schedule 1 paragraph 18")


@transaction.atomic
def disclosure_record(*, actor, child_id: uuid.UUID | str | None, recipient: str, purpose: str,
                      lawful_basis: str, shared: str, obj=None) -> Disclosure:
    """Log one share. `shared` describes what went ("MASE minutes: one child's item"), never the
    content; `obj` names the record shared, by type and id only."""
    fields = {"recipient": recipient, "purpose": purpose, "lawful_basis": lawful_basis, "shared": shared}
    missing = [name for name, value in fields.items() if not str(value or "").strip()]
    if missing:
        raise Refused("A disclosure needs " + ", ".join(missing) + ".")
    limits = {name: Disclosure._meta.get_field(name).max_length for name in fields}
    is_user = actor is not None and getattr(actor, "is_authenticated", False)
    disclosure = Disclosure.objects.create(
        disclosed_at=timezone.now(),
        disclosed_by=actor if is_user else None,
        disclosed_by_username=actor.get_username() if is_user else "",
        child_id=canonical_uuid(child_id),
        object_type=obj._meta.label_lower if obj is not None else "",
        object_id=str(obj.pk) if obj is not None else "",
        request_id=request_context.current().request_id,
        **{name: str(value).strip()[: limits[name]] for name, value in fields.items()},
    )
    record(actor=actor, verb="disclosure.recorded", obj=disclosure, child_id=child_id)
    return disclosure
