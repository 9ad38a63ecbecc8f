"""The needs and interventions agreed for a child are entries of the child's plan, shown on the
child's record to those who may see the record."""

import datetime as dt

import pytest
from django.urls import reverse

from csepathway.audit.models import AuditEvent
from csepathway.children import selectors
from csepathway.children.models import Plan, PlanEntry
from csepathway.children.services import plan_entry_record

from .factories import ChildFactory

pytestmark = pytest.mark.django_db

NEED = "Somewhere safe to go after school (test)"
INTERVENTION = "A place at the youth club three evenings a week (test)"


@pytest.fixture
def child(personas):
    return ChildFactory(first_name="Jordan", last_name="Testchild", allocated_team=personas.team, plan=Plan.CIN)


@pytest.fixture
def entry(personas, child):
    return plan_entry_record(actor=personas.mase_chair, child=child, need=NEED, intervention=INTERVENTION,
                             agreed_on=dt.date(2026, 3, 12), source="MASE meeting on 12 March 2026")


def test_a_plan_entry_keeps_the_plan_the_child_had_and_is_audited(personas, child, entry):
    child.plan = Plan.CP
    child.save()

    saved = PlanEntry.objects.get()
    assert saved.plan == Plan.CIN
    assert saved.recorded_by == personas.mase_chair
    assert AuditEvent.objects.filter(verb="child.plan_entry_recorded", child_id=child.pk).count() == 1


def test_a_plan_entry_needs_a_need_and_an_intervention(personas, child):
    with pytest.raises(ValueError, match="need and the intervention"):
        plan_entry_record(actor=personas.cse_manager, child=child, need=" ", intervention=INTERVENTION,
                          agreed_on=dt.date(2026, 3, 12), source="MASE meeting")
    assert not PlanEntry.objects.exists()


@pytest.mark.parametrize("role", ["practitioner", "same_team_practitioner", "team_manager", "cse_worker"])
def test_the_childs_record_shows_the_plan_entries(personas, client_for, child, entry, role):
    response = client_for(getattr(personas, role)).get(reverse("children:detail", args=[child.pk]))

    assert response.status_code == 200
    assert "Needs and interventions in the child" in response.text
    for text in (NEED, INTERVENTION, "12 March 2026", "MASE meeting on 12 March 2026", "Child in need (section 17)"):
        assert text in response.text


def test_an_outsider_sees_neither_the_record_nor_its_plan(personas, client_for, child, entry):
    response = client_for(personas.outsider).get(reverse("children:detail", args=[child.pk]))
    assert response.status_code == 404
    assert NEED not in response.text
    assert selectors.plan_entries_for_child(actor=personas.outsider, child=child) == []


def test_the_police_coordinator_sees_no_plan_of_a_child_without_a_submitted_episode(personas, client_for, child,
                                                                                  entry):
    assert client_for(personas.police_coordinator).get(reverse("children:detail", args=[child.pk])).status_code == 404
    assert selectors.plan_entries_for_child(actor=personas.police_coordinator, child=child) == []


def test_a_record_without_plan_entries_says_so(personas, client_for, child):
    response = client_for(personas.practitioner).get(reverse("children:detail", args=[child.pk]))
    assert "No needs or interventions have been recorded" in response.text
