"""The NRM section of the episode page: the prompt to consider a referral when the assessment records
trafficking or criminal exploitation, or, once a referral exists, where it stands."""

from django.urls import reverse
from django.utils import timezone

from csepathway.episodes.exploitation import criminal_exploitation_recorded
from csepathway.episodes.models import State

from . import clocks, presenters, selectors
from .access import may_edit_referral


def nrm_panel(request, episode):
    user = request.user
    referral = selectors.referral_for_episode(actor=user, episode=episode)
    if referral is not None:
        return "nrm/episode_panel.html", {
            "referral": referral, "status": presenters.status(referral, timezone.localdate()),
            "href": reverse("nrm:detail", args=[referral.pk]),
            "expected": clocks.reasonable_grounds_expected_on(referral),
        }
    if not clocks.prompt_applies(episode):
        return None
    may_start = may_edit_referral(user, episode) and episode.state != State.CLOSED
    return "nrm/episode_panel.html", {"referral": None, "criminal": criminal_exploitation_recorded(episode),
                                      "start_href": reverse("nrm:start", args=[episode.pk]) if may_start else ""}
