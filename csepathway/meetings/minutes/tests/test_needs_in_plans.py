"""CSE needs in the right plan (issue 13, point 14): each need agreed at a MASE goes into the plan
the chair chooses (CIN, CP, LAC or TAF), the child's current plan to begin with; the child's record
shows the needs under their plan; and the outcome case note, which reaches LCS/EHM through the
case-note adapter, says which plan each goes into."""

import pytest
from django.urls import reverse

from csepathway.children.models import Child, PlanEntry
from csepathway.meetings.minutes import services as minutes_services
from csepathway.meetings.minutes.models import AgreedIntervention
from csepathway.notes.models import CaseNote

from .conftest import INTERVENTION, NEED

pytestmark = pytest.mark.django_db


def _page(meeting, item):
    return reverse("meetings:minutes_intervention_add", args=[meeting.pk, item.pk])


def test_the_form_offers_the_four_plans_with_the_childs_own_chosen(personas, client_for, meeting, item):
    Child.objects.filter(pk=item.episode.child_id).update(plan="cp")
    page = client_for(personas.mase_chair).get(_page(meeting, item)).text
    for label in ("Child in need", "Child protection", "Looked after", "Early help"):
        assert label in page
    assert 'value="cp" checked' in page


def test_a_child_without_a_plan_has_the_chair_choose(personas, client_for, meeting, item):
    Child.objects.filter(pk=item.episode.child_id).update(plan="none")
    client = client_for(personas.mase_chair)
    assert "checked" not in client.get(_page(meeting, item)).text.split("Which plan")[1].split("</fieldset>")[0]
    refused = client.post(_page(meeting, item), {"need": NEED, "intervention": INTERVENTION})
    assert "Select the plan this need goes into" in refused.text
    assert not AgreedIntervention.objects.exists()


def test_the_need_goes_into_the_chosen_plan_not_the_childs(personas, client_for, meeting, item, attendees,
                                                           record_minutes):
    Child.objects.filter(pk=item.episode.child_id).update(plan="cin")
    record_minutes()
    client_for(personas.mase_chair).post(_page(meeting, item), {
        "plan": "lac", "need": "A placement away from the area (test)", "intervention": "Placement search (test)"})
    minutes_services.minutes_publish(actor=personas.mase_chair, meeting=meeting)
    plans = dict(PlanEntry.objects.values_list("need", "plan"))
    assert plans["A placement away from the area (test)"] == "lac"
    assert plans[NEED] == "cin"  # added without a choice: the child's plan when published
    note = CaseNote.objects.get(kind=CaseNote.Kind.MASE_OUTCOME)
    assert "Looked after: Need: A placement away from the area (test)" in note.body
    assert f"Child in need (section 17): Need: {NEED}" in note.body


def test_an_unknown_plan_is_refused_by_the_service(personas, item):
    from csepathway.core.refusals import Refused

    with pytest.raises(Refused):
        minutes_services.intervention_add(actor=personas.mase_chair, agenda_item=item, need=NEED,
                                          intervention=INTERVENTION, plan="none")


def test_the_childs_record_shows_the_needs_under_their_plan(personas, client_for, meeting, item, attendees,
                                                            record_minutes):
    record_minutes()
    client_for(personas.mase_chair).post(_page(meeting, item), {
        "plan": "cp", "need": "Safety plan for evenings (test)", "intervention": "Curfew agreement (test)"})
    minutes_services.minutes_publish(actor=personas.mase_chair, meeting=meeting)
    page = client_for(personas.practitioner).get(reverse("children:detail", args=[item.episode.child_id])).text
    section = page.split('id="plan"')[1]
    assert "Child protection (section 47)" in section and "Safety plan for evenings (test)" in section
    assert section.index("Child protection (section 47)") < section.index("Safety plan for evenings (test)")
