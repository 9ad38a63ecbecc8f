"""Who may do what with an episode, in one place: the role sets, the `may_<verb>` predicates that the
views, presenters, services and the workflow table's guards all call, and the scopes (the episodes a
user sees, and the children the police coordinator sees through them).

The steps that are not transitions (screening, the assessment) are answered here in full, state
included. A transition's predicate here is its guard: who may take it. The table in workflow.py
adds the states it leaves from, so whether it can be taken now is workflow.allowed(), and why not
is workflow.refusal()."""

from django.conf import settings
from django.db.models import Exists, OuterRef, Q, QuerySet

from csepathway.accounts.models import User
from csepathway.accounts.roles import Role, role_of
from csepathway.assessments.models import Assessment
from csepathway.assessments.services import assessment_editable
from csepathway.children.access import (
    active_grants,
    child_scope_q,
    hidden_restricted_children,
    scope_key,
    visible_children,
)
from csepathway.core.request_context import memoised

from .models import EDITABLE_STATES, Episode, JointReview

# The practitioner and their Team Manager hold a case; the CSE team triages and decides it with the
# police; the joint review needs one view from each reviewer role.
CASE_HOLDERS = frozenset({Role.PRACTITIONER, Role.TEAM_MANAGER})
REVIEWERS = frozenset({Role.CSE_MANAGER, Role.POLICE_COORDINATOR})
CSE_TEAM = frozenset({Role.CSE_WORKER, Role.CSE_MANAGER})
# Roles that see every episode once it has reached the CSE team (never a draft).
SUBMITTED_EPISODE_ROLES = frozenset({Role.CSE_WORKER, Role.CSE_MANAGER, Role.POLICE_COORDINATOR})
# For a transition whose guard alone says who, because the roles are a deployment's setting.
ANY_ROLE = frozenset(Role.values)


def escalation_roles() -> frozenset[str]:
    """Who decides when the reviewers disagree: a deployment's choice (settings.CSE_ESCALATION_ROLES)."""
    return frozenset(getattr(settings, "CSE_ESCALATION_ROLES", [Role.CSE_MANAGER]))


def holds_case(user, episode: Episode) -> bool:
    """The episode's practitioner, or a case holder in the episode's team."""
    return episode.practitioner_id == user.pk or (
        user.role in CASE_HOLDERS and user.team_id is not None and user.team_id == episode.team_id
    )


def may_start_episode(user) -> bool:
    """Only a case holder records a concern; which children they may do it for is the children scope."""
    return getattr(user, "role", None) in CASE_HOLDERS


def may_work_on(user, episode: Episode) -> bool:
    """A case holder while the episode is with the practitioner: the steps before submission are theirs."""
    return holds_case(user, episode) and episode.state in EDITABLE_STATES


def may_screen(user, episode: Episode) -> bool:
    return may_work_on(user, episode)


def may_read_assessment(user, episode: Episode) -> bool:
    """Case holders read their episode's assessment at any stage; anyone else who can see the
    episode (the CSE team, the police coordinator) reads it only once it has been submitted, never
    as a draft. Call with an episode from episodes.selectors.episode_get, which has already scoped it."""
    if holds_case(user, episode):
        return True
    return episode.assessment is not None and episode.assessment.status == Assessment.Status.SUBMITTED


def may_edit_assessment(user, episode: Episode) -> bool:
    """Starting the assessment, or changing it: a case holder while the episode is with them."""
    assessment = episode.assessment
    return may_work_on(user, episode) and (assessment is None or assessment_editable(assessment))


def may_submit(user, episode: Episode) -> bool:
    return holds_case(user, episode)


def is_reviewer(user) -> bool:
    return getattr(user, "role", None) in REVIEWERS


def may_review(user, episode: Episode) -> bool:
    """One view from each reviewer role in each round: a role that has given its view has no second."""
    return is_reviewer(user) and not JointReview.objects.filter(
        episode=episode, round=episode.submission_round, reviewer_role=user.role).exists()


def may_decide_escalation(user, episode: Episode) -> bool:
    """Someone in an escalation role; where possible not one of the two reviewers who disagreed
    (settings.CSE_ESCALATION_BY_ANOTHER, docs/adr/0046). When everyone in an escalation role reviewed
    this round, a reviewer decides rather than leave the child waiting."""
    if user.role not in escalation_roles():
        return False
    if not getattr(settings, "CSE_ESCALATION_BY_ANOTHER", True):
        return True
    reviewers = set(episode.reviews.filter(round=episode.submission_round).values_list("reviewer_id", flat=True))
    if user.pk not in reviewers:
        return True
    return not User.objects.filter(is_active=True, role__in=escalation_roles()).exclude(pk__in=reviewers).exists()


def may_agree_screening(user, episode: Episode) -> bool:
    """A Team Manager of the episode's team agrees (or not) with a screening that contradicts itself,
    while the episode is still with the practitioner."""
    return (getattr(user, "role", None) == Role.TEAM_MANAGER and user.team_id is not None
            and user.team_id == episode.team_id and may_work_on(user, episode))


def sign_off_needed(episode: Episode) -> bool:
    """Every assessment needs the Team Manager's sign-off before it goes to the CSE team, except an
    early help lead professional's where local procedure says so (settings.CSE_SIGN_OFF_FOR_EARLY_HELP,
    docs/adr/0043)."""
    if getattr(settings, "CSE_SIGN_OFF_FOR_EARLY_HELP", True):
        return True
    team = episode.team
    return team is None or team.agency.kind != "early_help"


def may_sign_off(user, episode: Episode) -> bool:
    """A Team Manager of the episode's team who is not its practitioner (no one signs off their own
    assessment), while the episode is with the practitioner."""
    return (getattr(user, "role", None) == Role.TEAM_MANAGER and user.team_id is not None
            and user.team_id == episode.team_id and episode.practitioner_id != user.pk
            and may_work_on(user, episode))


def may_close(user, episode: Episode) -> bool:
    return user.role in CSE_TEAM or holds_case(user, episode)


def visible_episodes(user) -> QuerySet[Episode]:
    return memoised(scope_key(user, "visible_episodes"), lambda: _visible_episodes(user)).all()


def episode_scope_q(user, path: str = "") -> Q:
    """visible_episodes as a condition on the episode a queryset reaches through `path` (for example
    "episode__" from an action). The roles that see every submitted episode get a test of the row
    itself, which the database applies to the rows a page already narrows to (one child's actions,
    one meeting's agenda) instead of first listing every episode in the region; everyone else gets
    membership of visible_episodes (nothing, for someone signed out or deactivated)."""
    if role_of(user) in SUBMITTED_EPISODE_ROLES:
        # Each such role sees every child with a submitted episode (the CSE team every child, the
        # police coordinator through children_with_submitted_episodes), so only restricted records
        # the user may not see leave (ADR 0021).
        return Q(**{f"{path}submission_round__gt": 0}) & ~Q(**{f"{path}child_id__in": hidden_restricted_children(user)})
    if role_of(user) in CASE_HOLDERS:
        # A case holder sees every episode of the children they may see.
        on_child = child_scope_q(user, f"{path}child__")
        if on_child is not None:
            return on_child
    return Q(**{f"{path}pk__in": visible_episodes(user).values("pk")})


def _visible_episodes(user) -> QuerySet[Episode]:
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return Episode.objects.none()
    if user.role in SUBMITTED_EPISODE_ROLES:
        return Episode.objects.filter(episode_scope_q(user))
    if user.role in CASE_HOLDERS:
        # The rule tested on each episode's child, not membership of the children the user may see:
        # that list is built by reading every child in the region, about 35 ms at region scale for a
        # Team Manager, where a page's own filter (their team, their episodes) leaves a few rows.
        on_child = child_scope_q(user, "child__")
        if on_child is not None:
            return Episode.objects.filter(on_child)
        return Episode.objects.filter(child__in=visible_children(user))
    return Episode.objects.none()


def reached_children_q(user, path: str) -> Q:
    """The children a role that sees every submitted episode may open (visible_children), as a
    condition on the child reached through `path`. For the police coordinator it is built from the
    episodes they see and their emergency grants, two lists the database hashes once; visible_children
    made it test every child in the region against the police rule (76 ms of the missing-episodes
    dashboard at region scale; ADR 0065). The CSE team's rule (every child but the restricted ones)
    is cheap as it is."""
    if role_of(user) == Role.POLICE_COORDINATOR:
        return (Q(**{f"{path}pk__in": visible_episodes(user).values("child_id")})
                | Q(**{f"{path}pk__in": active_grants(user).values("child_id")}))
    return Q(**{f"{path}pk__in": visible_children(user).values("pk")})


def children_with_submitted_episodes(user) -> Q | None:
    """Registered with the children app: the police coordinator may open the record of a child whose
    episode has reached the CSE team. A subquery, not a join through episodes: a child with two
    submitted episodes is still one child (one row in a list, one in a count, one for a get)."""
    if getattr(user, "role", None) == Role.POLICE_COORDINATOR:
        # EXISTS: a look-up of the children a query is about, not a list of every submitted episode.
        return Q(Exists(Episode.objects.filter(child_id=OuterRef("pk"), submission_round__gt=0)))
    return None
