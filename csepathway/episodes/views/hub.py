"""The episode page: where the practitioner sees every step of the pathway and where it stands,
and the CSE team and police see the review and the decision."""

from django.shortcuts import render

from csepathway.core import access as page_access

from .. import episode_panels, presenters, selectors


@page_access.signed_in
def episode_detail(request, episode_id):
    episode = selectors.episode_get(actor=request.user, episode_id=episode_id)
    page = presenters.episode_page(episode, request.user)
    return render(request, "episodes/detail.html", {"page_title": "CSE episode", "episode": episode, **page,
                                                    "panels": episode_panels.render_panels(request, episode)})
