"""County lines on the register: a phone marked as a line, with the name the police know it by, and
the places linked to it (where the line supplies, the addresses it uses, where children were found).
Only the register's users (CSE roles and the police coordinator) write here (docs/adr/0063)."""

from django.core.exceptions import PermissionDenied
from django.db import transaction

from csepathway.audit.services import record
from csepathway.core.refusals import Refused

from .. import access, validators
from ..models import PhoneOfConcern, PlaceOfConcern
from .services import place_find_or_create


def phone_find_or_create(*, number: str, description: str = "") -> PhoneOfConcern:
    phone, created = PhoneOfConcern.objects.get_or_create(number=validators.normalise_phone(number),
                                                          defaults={"description": description})
    if not created and description and not phone.description:
        phone.description = description
        phone.version += 1
        phone.save()
    return phone


def _require_register(actor) -> None:
    if not access.may_see_register(actor):
        raise PermissionDenied


@transaction.atomic
def line_record(*, actor, number: str, line_name: str, description: str = "") -> PhoneOfConcern:
    """Put a line on the register, or mark as a line a phone already there (from a report, say):
    the same digits are the same phone, so nobody records a line twice."""
    _require_register(actor)
    validators.validate_phone(number)
    phone = PhoneOfConcern.objects.select_for_update().filter(number=validators.normalise_phone(number)).first() \
        or phone_find_or_create(number=number)
    changed = ["is_line"] if not phone.is_line else []
    phone.is_line = True
    if line_name.strip() and line_name.strip() != phone.line_name:
        phone.line_name = line_name.strip()
        changed.append("line_name")
    if description.strip() and description.strip() not in phone.description:
        phone.description = "\n\n".join(text for text in (phone.description, description.strip()) if text)
        changed.append("description")
    if changed:
        phone.version += 1
        phone.save()
    record(actor=actor, verb="register.line_recorded", obj=phone, changed_fields=changed)
    return phone


@transaction.atomic
def line_place_link(*, actor, line: PhoneOfConcern, address: str, description: str = "") -> PlaceOfConcern:
    """Link a place to a line (found by its address on the register, or added to it)."""
    _require_register(actor)
    if not line.is_line:
        raise Refused("Places are linked to lines. Record this phone as a line first.")
    place = place_find_or_create(address=" ".join(address.split()), description=description)
    if line.places.filter(pk=place.pk).exists():
        raise Refused(f"{place.address} is already linked to this line.")
    line.places.add(place)
    record(actor=actor, verb="register.line_place_linked", obj=line, changed_fields=["places"])
    return place
