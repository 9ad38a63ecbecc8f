"""The CSE screening step of an episode (built out in the screening work)."""

from django.http import Http404

from csepathway.core import access

from .. import workflow


@access.roles_required(*workflow.CASE_HOLDERS)
def screening(request, episode_id):
    raise Http404("Screening is not built yet")
