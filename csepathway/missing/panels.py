"""The child's record: the missing episodes section, and the banner prompting a screening after
repeated missing episodes. Both read the same list, once a page."""

from django.urls import reverse
from django.utils import timezone

from csepathway.core.request_context import memoised
from csepathway.episodes import access as episode_access
from csepathway.episodes import selectors as episode_selectors
from csepathway.episodes.models import State

from . import presenters, prompt, selectors
from .access import may_record_for


def _missing(request, child):
    user = request.user
    return memoised(("missing_for_child", user.pk, child.pk),
                    lambda: selectors.missing_for_child(actor=user, child=child))


def missing_panel(request, child):
    found = _missing(request, child)
    can_record = may_record_for(request.user, child)
    if not found.count and not can_record:
        return None
    return "missing/child_panel.html", {"rows": presenters.episode_rows(found.episodes, timezone.now()),
                                        "count": found.count, "can_record": can_record}


def screening_prompt_banner(request, child):
    found = _missing(request, child)
    if not found.prompt:
        return None
    rule = prompt.prompt_rule()
    href, link_text = "", ""
    open_episodes = [e for e in episode_selectors.episodes_for_child(actor=request.user, child=child)
                     if e.state != State.CLOSED]
    if open_episodes:
        href, link_text = reverse("episodes:detail", args=[open_episodes[0].pk]), "Open the CSE episode to screen again"
    elif episode_access.may_start_episode(request.user) and may_record_for(request.user, child):
        href, link_text = reverse("episodes:start", args=[child.pk]), "Record a CSE concern and screen"
    return "missing/banner.html", {"episodes": rule.episodes, "days": rule.days, "href": href,
                                   "link_text": link_text}
