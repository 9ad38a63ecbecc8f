"""Who may see and change which NRM referral. A referral is part of its episode: whoever may see the
episode may read it (so the police coordinator and the CSE team once it has been submitted, never a
draft); the episode's case holders and the CSE team prepare and update it."""

from django.db.models import QuerySet

from csepathway.accounts.roles import CSE_TEAM_ROLES, Role, role_of
from csepathway.episodes.access import CASE_HOLDERS, episode_scope_q, holds_case

from .models import NrmReferral

# The roles that may reach the pages that change a referral; the episode then decides (holds_case).
REFERRAL_EDITORS = frozenset({*CASE_HOLDERS, *CSE_TEAM_ROLES})
REFERRAL_READERS = frozenset({*REFERRAL_EDITORS, Role.POLICE_COORDINATOR})


def visible_referrals(user) -> QuerySet[NrmReferral]:
    if role_of(user) not in REFERRAL_READERS:
        return NrmReferral.objects.none()
    return NrmReferral.objects.filter(episode_scope_q(user, "episode__"))


def may_edit_referral(user, episode) -> bool:
    """Asked only of an episode the user may already see (the selectors make sure of that)."""
    return role_of(user) in CSE_TEAM_ROLES or holds_case(user, episode)
