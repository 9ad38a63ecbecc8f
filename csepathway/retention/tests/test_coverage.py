"""Every model that can hold something about a child is covered by a retention rule, so disposal
takes it too. A new model with a path to the child fails here until it is given a record type."""

from django.apps import apps

from csepathway.children.models import Child
from csepathway.retention.schedule import TYPE_OF_MODEL


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


def test_every_model_reaching_a_child_has_a_record_type():
    missing = reachable_from_child() - set(TYPE_OF_MODEL)
    assert not missing, f"Add these to a record type in csepathway/retention/schedule.py: {sorted(missing)}"


def test_every_record_type_model_exists():
    for label in TYPE_OF_MODEL:
        apps.get_model(label)


def test_meetings_are_covered_though_they_point_at_no_child():
    assert TYPE_OF_MODEL["meetings.masemeeting"] == "mase"
