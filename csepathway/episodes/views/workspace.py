"""The CSE workspace: the CSE team's queue of submitted episodes."""

from django.shortcuts import render
from django.urls import reverse

from csepathway.accounts import selectors as account_selectors
from csepathway.assessments.models import RiskLevel
from csepathway.core import access as page_access
from csepathway.core.presenters import pagination

from .. import access, presenters, selectors
from ..clocks import decision_working_days
from ..forms import WorkspaceFilterForm
from ..models import State


@page_access.roles_required(*access.SUBMITTED_EPISODE_ROLES)
def workspace(request):
    form = WorkspaceFilterForm(
        request.GET or None, states=[(s.value, s.label) for s in State if s != State.DRAFT],
        risk_levels=list(RiskLevel.choices),
        teams=[(str(t.pk), t.name) for t in account_selectors.case_holding_team_list()],
    )
    filters = form.cleaned_data if form.is_valid() else {}
    chosen = {"state": filters.get("state", ""), "risk_level": filters.get("risk_level", ""),
              "team": filters.get("team", "")}
    workspace = selectors.workspace_list(actor=request.user, state=chosen["state"], risk_level=chosen["risk_level"],
                                         team_id=chosen["team"], page=request.GET.get("page", 1))
    return render(request, "episodes/workspace.html", {
        "page_title": "CSE workspace", "form": form, "rows": presenters.workspace_rows(workspace.page.object_list),
        "count": workspace.count, "breaches": workspace.breaches, "meeting_breaches": workspace.meeting_breaches,
        "limit": decision_working_days(),
        "pagination": pagination(workspace.page, reverse("episodes:workspace"), chosen),
    })
