"""Every append-only model, and a way to add one row to each, for the tests that try to change them
(test_append_only.py, test_database_roles.py). A new AppendOnlyModel is picked up by those tests
on its own; they fail until it has a row builder here."""

import dataclasses
import uuid
from collections.abc import Callable

from django.apps import apps
from django.db.models import Max
from django.utils import timezone

from csepathway.accounts.tests.factories import UserFactory
from csepathway.audit.models import AuditEvent
from csepathway.audit.services import record
from csepathway.children.models import ChildRestriction, RestrictionLiftDecline, RestrictionReason
from csepathway.children.tests.factories import ChildFactory
from csepathway.core.models import AppendOnlyModel
from csepathway.notes.models import CaseNote
from csepathway.oversight.models import Disclosure
from csepathway.retention.models import DisposalCertificate


def append_only_models() -> list[type[AppendOnlyModel]]:
    return sorted((model for model in apps.get_models() if issubclass(model, AppendOnlyModel)),
                  key=lambda model: model._meta.label)


@dataclasses.dataclass
class Parents:
    """What the rows point at, made first so the rows themselves can be added by another role."""

    user: object
    other_user: object
    child: object
    restriction: object


def make_parents() -> Parents:
    user, other_user = UserFactory(), UserFactory()
    child = ChildFactory()
    restriction = ChildRestriction.objects.create(child=child, reason=RestrictionReason.OTHER, created_by=user)
    return Parents(user=user, other_user=other_user, child=child, restriction=restriction)


def _audit_event(parents: Parents) -> AuditEvent:
    return record(actor=parents.user, verb="test.append_only", obj=parents.child, child_id=parents.child.pk)


def _case_note(parents: Parents) -> CaseNote:
    return CaseNote.objects.create(child=parents.child, kind=CaseNote.Kind.GENERAL, title="A note (test)",
                                   body="Written for the append-only tests.", author=parents.user)


def _disclosure(parents: Parents) -> Disclosure:
    return Disclosure.objects.create(
        disclosed_at=timezone.now(), disclosed_by=parents.user, disclosed_by_username=parents.user.username,
        child_id=parents.child.pk, recipient="Testshire NHS Trust (test)", purpose="A test",
        lawful_basis="None: a test", shared="Nothing: a test")


def _disposal_certificate(parents: Parents) -> DisposalCertificate:
    number = (DisposalCertificate.objects.aggregate(n=Max("number"))["n"] or 0) + 1
    now = timezone.now()
    return DisposalCertificate.objects.create(
        number=number, record_id=uuid.uuid4(), records={}, rule="A test rule", rules_version=1,
        proposed_by=parents.user, proposed_by_username=parents.user.username, proposed_at=now,
        disposed_by=parents.other_user, disposed_by_username=parents.other_user.username, disposed_at=now)


def _lift_decline(parents: Parents) -> RestrictionLiftDecline:
    now = timezone.now()
    return RestrictionLiftDecline.objects.create(
        restriction=parents.restriction, requested_by=parents.user, requested_at=now,
        request_reason="Asked for a test", declined_by=parents.other_user, declined_at=now,
        reason="Declined for a test")


ROW_BUILDERS: dict[str, Callable[[Parents], AppendOnlyModel]] = {
    "audit.AuditEvent": _audit_event,
    "children.RestrictionLiftDecline": _lift_decline,
    "notes.CaseNote": _case_note,
    "oversight.Disclosure": _disclosure,
    "retention.DisposalCertificate": _disposal_certificate,
}


def add_row(model: type[AppendOnlyModel], parents: Parents) -> AppendOnlyModel:
    builder = ROW_BUILDERS.get(model._meta.label)
    assert builder is not None, f"{model._meta.label} is append-only: give it a row builder in {__name__}"
    return builder(parents)
