"""The CSE workspace: the CSE team's queue of submitted episodes."""

from django.shortcuts import render

from csepathway.accounts import selectors as account_selectors
from csepathway.assessments.models import RiskLevel
from csepathway.core import access as page_access

from .. import access, presenters, selectors
from ..forms import WorkspaceFilterForm
from ..models import State


@page_access.roles_required(*access.SUBMITTED_EPISODE_ROLES)
def workspace(request):
    form = WorkspaceFilterForm(
        request.GET or None, states=[(s.value, s.label) for s in State if s != State.DRAFT],
        risk_levels=list(RiskLevel.choices),
        teams=[(str(t.pk), t.name) for t in account_selectors.team_list()],
    )
    filters = form.cleaned_data if form.is_valid() else {}
    items = selectors.workspace_list(actor=request.user, state=filters.get("state", ""),
                                     risk_level=filters.get("risk_level", ""), team_id=filters.get("team", ""))
    return render(request, "episodes/workspace.html", {
        "page_title": "CSE workspace", "form": form, "rows": presenters.workspace_rows(items),
        "count": len(items), "breaches": sum(1 for i in items if i.breached),
        "meeting_breaches": sum(1 for i in items if any(flag.breach for flag in i.flags)),
        "limit": selectors.decision_working_days(),
    })
