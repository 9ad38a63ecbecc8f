"""One list of what is held about a child, and nothing outside it: every model that can hold
something about a child is claimed by exactly one app, so retention disposes of it, and a child with
everything held about them gets a subject access bundle with an item for every kind of record
retention would dispose of. A new model with a path to the child fails here until its app claims it
in its AppConfig.ready() (children/records_held.py) and gives its snapshot or folds it into one."""

from collections import Counter

import pytest
from django.apps import apps

from csepathway.children import records_held
from csepathway.children.models import Child
from csepathway.retention import disposal
from csepathway.retention.tests.builders import POLICE_MAILBOX, full_child
from csepathway.subject_access import services as sar_services

# A meeting points at no child: it is reached through its agenda items.
REACHED_THROUGH_AGENDA_ITEMS = {"meetings.masemeeting", "meetings.meetingchange"}


def reachable_from_child() -> set[str]:
    seen, frontier = {"children.child"}, [Child]
    while frontier:
        model = frontier.pop()
        for relation in model._meta.related_objects:
            if relation.many_to_many:
                continue
            label = relation.related_model._meta.label_lower
            if label not in seen:
                seen.add(label)
                frontier.append(relation.related_model)
    return seen


def test_every_model_that_reaches_a_child_is_claimed_exactly_once():
    claims = Counter(model for records in records_held.all_records_held() for model in records.models)
    missing = (reachable_from_child() | REACHED_THROUGH_AGENDA_ITEMS) - set(claims)
    assert not missing, f"Claim these in their app's AppConfig.ready() (children/records_held.py): {sorted(missing)}"
    assert [model for model, count in claims.items() if count > 1] == []


def test_every_claimed_model_exists_and_reaches_a_child():
    for label in records_held.claimed():
        apps.get_model(label)
    assert set(records_held.claimed()) <= reachable_from_child() | REACHED_THROUGH_AGENDA_ITEMS


def test_every_claimed_model_is_kept_under_a_registered_retention_rule():
    types = {record_type.code for record_type in records_held.record_types()}
    assert set(records_held.type_of_model().values()) <= types


@pytest.mark.django_db
def test_a_bundle_has_an_item_for_every_kind_of_record_held_about_the_child(personas, settings):
    settings.POLICE_INTELLIGENCE_MAILBOX = POLICE_MAILBOX
    child = full_child(personas)
    held = {model._meta.label_lower for model, ids in disposal.gather(child).items() if ids}
    assert set(records_held.claimed()) - held == set()  # the builder really made a row of every claimed model

    sar = sar_services.sar_start(actor=personas.auditor, child=child, requester="The child (test)",
                                 received_on=child.created_at.date())
    sar = sar_services.sar_gather(actor=personas.auditor, sar=sar, expected_version=sar.version)

    in_bundle = set(sar.items.values_list("source_type", flat=True))
    folded = records_held.folded()
    missing = {model for model in held if folded.get(model, model) not in in_bundle}
    assert not missing, f"Held about the child but not in the bundle: {sorted(missing)}"
    assert in_bundle <= set(records_held.claimed())
