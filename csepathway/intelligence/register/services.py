"""Writes on the register of persons, places and vehicles of concern: entries made (or found) from a
sent report or from an episode's assessment, and the merge of two records of one person.

De-duplication is by normal form: the same registration is the same vehicle, the same normalised name
and date of birth the same person, the same normalised address the same place. What is only *nearly*
the same (a similar name on the same date of birth, or the same name without one) is never merged
automatically: it is offered to a CSE role or the police coordinator, who confirm it."""

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction

from csepathway.audit.services import record
from csepathway.core.refusals import Refused

from .. import access, validators
from ..models import PersonOfConcern, PhoneOfConcern, PlaceOfConcern, RegisterMerge, VehicleOfConcern

KINDS = {"person": PersonOfConcern, "place": PlaceOfConcern, "vehicle": VehicleOfConcern, "phone": PhoneOfConcern}


def _add_aliases(existing: str, *names: str) -> str:
    known = [a.strip() for a in existing.split(",") if a.strip()]
    keys = {validators.name_key(a) for a in known}
    for name in names:
        for alias in (a.strip() for a in (name or "").split(",")):
            if alias and validators.name_key(alias) not in keys:
                known.append(alias)
                keys.add(validators.name_key(alias))
    return ", ".join(known)[:300]


def _fill_blank(entry, **values) -> None:
    changed = [name for name, value in values.items() if value and not getattr(entry, name)]
    for name in changed:
        setattr(entry, name, values[name])
    if changed:
        entry.version += 1
        entry.save()


def person_find_or_create(*, full_name: str, date_of_birth=None, aliases: str = "",
                          description: str = "") -> PersonOfConcern:
    key = validators.name_key(full_name)
    person, created = PersonOfConcern.objects.get_or_create(
        name_key=key, date_of_birth=date_of_birth,
        defaults={"full_name": full_name, "aliases": aliases, "description": description})
    if not created:
        merged = _add_aliases(person.aliases, aliases)
        if merged != person.aliases:
            person.aliases = merged
            person.version += 1
            person.save()
        _fill_blank(person, description=description)
    return person


def place_find_or_create(*, address: str, description: str = "") -> PlaceOfConcern:
    place, created = PlaceOfConcern.objects.get_or_create(
        address_key=validators.name_key(address),
        defaults={"address": address, "description": description,
                  "postcode_district": validators.postcode_district(address)})
    if not created:
        _fill_blank(place, description=description)
    return place


def vehicle_find_or_create(*, registration: str, make: str = "", model: str = "", colour: str = "") -> VehicleOfConcern:
    vehicle, created = VehicleOfConcern.objects.get_or_create(
        registration=validators.normalise_registration(registration),
        defaults={"make": make, "model": model, "colour": colour})
    if not created:
        _fill_blank(vehicle, make=make, model=model, colour=colour)
    return vehicle


def register_from_report(*, actor, report) -> list:
    """Called by report_send inside its transaction: every person, place, vehicle and phone the report
    names becomes (or joins) a register entry linked to the report and its episode."""
    entries = []
    for piece in report.persons.all():
        entries.append(person_find_or_create(full_name=piece.full_name, date_of_birth=piece.date_of_birth,
                                             aliases=piece.aliases, description=piece.description))
    for piece in report.places.all():
        entries.append(place_find_or_create(address=piece.address, description=piece.description))
    for piece in report.vehicles.all():
        entries.append(vehicle_find_or_create(registration=piece.registration, make=piece.make, model=piece.model,
                                              colour=piece.colour))
    for piece in report.phones.all():
        # The digits, never whose they are: a name told about a phone is not proof of who uses it.
        entries.append(PhoneOfConcern.objects.get_or_create(number=validators.normalise_phone(piece.number))[0])
    for entry in entries:
        entry.reports.add(report)
        entry.episodes.add(report.episode_id)
        record(actor=actor, verb="register.linked", obj=entry, child_id=report.child_id)
    return entries


@transaction.atomic
def register_add_from_assessment(*, actor, episode, chosen: list[dict]) -> list:
    """Add people and places from the episode's assessment (associates, places of concern) to the
    register, linked to the episode. `chosen` comes from selectors.assessment_candidates: a person
    without a full name has already been left out there."""
    if not access.may_see_register(actor):
        raise PermissionDenied
    entries = []
    for candidate in chosen:
        if candidate["kind"] == "person":
            entries.append(person_find_or_create(full_name=candidate["full_name"],
                                                 date_of_birth=candidate["date_of_birth"],
                                                 aliases=candidate["aliases"],
                                                 description=candidate["description"]))
        elif candidate["kind"] == "place":
            entries.append(place_find_or_create(address=candidate["address"], description=candidate["description"]))
        elif candidate["kind"] == "vehicle":
            entries.append(vehicle_find_or_create(registration=candidate["registration"]))
    for entry in entries:
        entry.episodes.add(episode)
        record(actor=actor, verb="register.linked", obj=entry, child_id=episode.child_id)
    return entries


@transaction.atomic
def person_merge(*, actor, keep: PersonOfConcern, duplicate: PersonOfConcern) -> PersonOfConcern:
    """Fold `duplicate` into `keep`: its names become aliases, its links move, its blanks fill
    `keep`'s, and it is deleted. The merge row and the audit event keep the trail."""
    if not access.may_see_register(actor):
        raise PermissionDenied
    people = {p.pk: p for p in PersonOfConcern.objects.select_for_update().filter(pk__in=[keep.pk, duplicate.pk])}
    if keep.pk == duplicate.pk or len(people) != 2:
        raise Refused("One of these records has already been merged or removed. Look at the register again.")
    keep, duplicate = people[keep.pk], people[duplicate.pk]
    if keep.date_of_birth and duplicate.date_of_birth and keep.date_of_birth != duplicate.date_of_birth:
        raise Refused("These records have different dates of birth, so they are not the same person.")
    episodes, reports = list(duplicate.episodes.all()), list(duplicate.reports.all())
    keep.episodes.add(*episodes)
    keep.reports.add(*reports)
    keep.aliases = _add_aliases(keep.aliases, duplicate.full_name if duplicate.name_key != keep.name_key else "",
                                duplicate.aliases)
    keep.date_of_birth = keep.date_of_birth or duplicate.date_of_birth
    if duplicate.description and duplicate.description not in keep.description:
        keep.description = "\n\n".join(text for text in (keep.description, duplicate.description) if text)
    label = duplicate.full_name
    duplicate_id = duplicate.pk
    duplicate.delete()
    keep.version += 1
    try:
        with transaction.atomic():
            keep.save()
    except IntegrityError as clash:
        raise Refused("Another record already has this name and date of birth. Merge with that one "
                           "first.") from clash
    RegisterMerge.objects.create(kind="person", kept_id=keep.pk, merged_id=duplicate_id, merged_label=label,
                                 links_moved=len(episodes) + len(reports), merged_by=actor)
    record(actor=actor, verb="register.merged", obj=keep, changed_fields=["aliases", "episodes", "reports"])
    record(actor=actor, verb="register.merged_away", object_type="intelligence.personofconcern",
           object_id=str(duplicate_id))
    return keep
