"""The risk assessment step of an episode (built out in the assessment work)."""

from django.http import Http404

from csepathway.core import access

from .. import workflow


@access.roles_required(*workflow.CASE_HOLDERS)
def assessment(request, episode_id):
    raise Http404("The assessment is not built yet")
