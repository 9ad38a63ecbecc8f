"""Writes to children's records: each in one transaction, with its audit event."""

from django.core.exceptions import PermissionDenied
from django.db import transaction

from csepathway.accounts.roles import Role
from csepathway.audit.services import record
from csepathway.core.services import model_update, versioned_save

from .access import editable_children, may_create_child
from .models import Child, ChildAlias, PlanEntry

EDITABLE_FIELDS = [
    "first_name", "last_name", "date_of_birth", "gender", "ethnicity", "first_language",
    "has_learning_disability", "has_send", "address", "address_protected", "school", "plan",
    "lac_legal_status", "lcs_reference", "ehm_reference", "allocated_worker", "allocated_team",
]


def _clean_aliases(aliases) -> list[str]:
    seen, result = set(), []
    for alias in aliases or []:
        name = alias.strip()
        if name and name.lower() not in seen:
            seen.add(name.lower())
            result.append(name)
    return result


@transaction.atomic
def child_create(*, actor, data: dict, aliases: list[str] | None = None) -> Child:
    if not may_create_child(actor):
        raise PermissionDenied
    child = Child(**{name: data[name] for name in EDITABLE_FIELDS if name in data})
    if child.plan != "lac":
        child.lac_legal_status = ""
    # A practitioner who records a new child holds it until it is allocated elsewhere.
    if child.allocated_worker is None and actor.role == Role.PRACTITIONER:
        child.allocated_worker = actor
    if child.allocated_team is None and actor.team_id and actor.role in (Role.PRACTITIONER, Role.TEAM_MANAGER):
        child.allocated_team_id = actor.team_id
    child.save()
    ChildAlias.objects.bulk_create(ChildAlias(child=child, name=name) for name in _clean_aliases(aliases))
    record(actor=actor, verb="child.created", obj=child, child_id=child.pk)
    return child


@transaction.atomic
def child_update(*, actor, child: Child, expected_version: int, data: dict,
                 aliases: list[str] | None = None) -> list[str]:
    """Apply an edit made against `expected_version`. Raises StaleEdit when someone else saved
    first; nothing is overwritten. Returns the names of the fields that changed."""
    if not editable_children(actor).filter(pk=child.pk).exists():
        raise PermissionDenied
    if data.get("plan", child.plan) != "lac":
        data = {**data, "lac_legal_status": ""}
    changed = model_update(instance=child, fields=EDITABLE_FIELDS, data=data)
    if aliases is not None:
        wanted = _clean_aliases(aliases)
        current = [a.name for a in child.aliases.all()]
        if sorted(wanted) != sorted(current):
            changed.append("aliases")
    # The version moves even when only aliases changed, so a concurrent editor is still warned.
    versioned_save(instance=child, expected_version=expected_version,
                   changed=[f for f in changed if f != "aliases"])
    if "aliases" in changed:
        child.aliases.all().delete()
        ChildAlias.objects.bulk_create(ChildAlias(child=child, name=name) for name in wanted)
    record(actor=actor, verb="child.updated", obj=child, child_id=child.pk, changed_fields=changed)
    return changed


@transaction.atomic
def plan_entry_record(*, actor, child: Child, need: str, intervention: str, agreed_on, source: str,
                      source_obj=None, plan: str = "") -> PlanEntry:
    """Record a need and the intervention agreed for it into `plan` (CIN, CP, LAC or TAF), or the
    plan the child has now when none is named. The calling service (publishing MASE minutes) decides
    whether the actor may: the chair who agrees a plan entry holds no case role here."""
    if not need.strip() or not intervention.strip():
        raise ValueError("A plan entry needs both the need and the intervention.")
    entry = PlanEntry.objects.create(
        child=child, plan=plan or child.plan, need=need, intervention=intervention, agreed_on=agreed_on, source=source,
        source_type=source_obj._meta.label_lower if source_obj is not None else "",
        source_id=str(source_obj.pk) if source_obj is not None else "", recorded_by=actor)
    record(actor=actor, verb="child.plan_entry_recorded", obj=entry, child_id=child.pk)
    return entry
