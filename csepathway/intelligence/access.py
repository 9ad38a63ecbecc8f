"""Who may see, read, write and grade partner information reports, and who sees the register.

Two levels: that a report *exists* (its status and dates) follows the episode, so anyone who may see
the episode sees it; its *content* is for the author, and on submitted episodes for the CSE team and
the police coordinator. A C handling code (sharing with conditions) narrows the content further to the
author, the police coordinator and the CSE Team Manager."""

from django.db.models import Q, QuerySet

from csepathway.accounts.roles import CSE_TEAM_ROLES, Role, role_of
from csepathway.episodes.access import SUBMITTED_EPISODE_ROLES, episode_scope_q, holds_case
from csepathway.episodes.models import State

from .models import IntelligenceReport

REGISTER_READERS = frozenset({Role.CSE_WORKER, Role.CSE_MANAGER, Role.POLICE_COORDINATOR})
# The people the police let read a C-coded report beside its author.
CONDITIONAL_READERS = frozenset({Role.POLICE_COORDINATOR, Role.CSE_MANAGER})
GRADERS = frozenset({Role.POLICE_COORDINATOR})


def visible_reports(user) -> QuerySet[IntelligenceReport]:
    """The reports whose existence the user may see: those on episodes they may see, and for the
    police coordinator every report sent to the police, whatever its episode's stage: intelligence
    is sent when it is learned, often before the assessment reaches the CSE team, and the police
    grade what they were sent."""
    scope = episode_scope_q(user, "episode__")
    if role_of(user) == Role.POLICE_COORDINATOR:
        scope |= ~Q(status=IntelligenceReport.Status.DRAFT)
    return IntelligenceReport.objects.filter(scope)


def may_read_content(user, report: IntelligenceReport) -> bool:
    if report.author_id == user.pk:
        return True
    role = role_of(user)
    if report.handling_code == IntelligenceReport.HandlingCode.C:
        return role in CONDITIONAL_READERS
    return role in SUBMITTED_EPISODE_ROLES


def may_draft_report(user, episode) -> bool:
    if episode.state == State.CLOSED:
        return False
    return role_of(user) in CSE_TEAM_ROLES or holds_case(user, episode)


def may_edit_report(user, report: IntelligenceReport) -> bool:
    """A draft, by its author or by the CSE team (who may read it); once sent it is the police's."""
    if report.status != IntelligenceReport.Status.DRAFT:
        return False
    return report.author_id == user.pk or (
        role_of(user) in CSE_TEAM_ROLES and may_read_content(user, report))


def reports_waiting_for_grading(user) -> QuerySet[IntelligenceReport]:
    """Reports sent and not yet graded, for those who grade. visible_reports gives the police
    coordinator every report that is not a draft, so for these rows its rule is always met; said
    plainly, the database reads the few waiting reports instead of testing each against the episode
    scope it is OR-ed with."""
    if role_of(user) != Role.POLICE_COORDINATOR:
        return visible_reports(user).filter(status=IntelligenceReport.Status.SENT, graded_at__isnull=True)
    return IntelligenceReport.objects.filter(status=IntelligenceReport.Status.SENT, graded_at__isnull=True)


def may_grade_reports(user) -> bool:
    """Only the police grade: the partner who wrote a report never does."""
    return role_of(user) in GRADERS


def may_grade_report(user, report: IntelligenceReport) -> bool:
    return may_grade_reports(user) and report.status != IntelligenceReport.Status.DRAFT


def may_see_register(user) -> bool:
    return role_of(user) in REGISTER_READERS


# The strategic MASE picture (docs/adr/0055): the roles that decide at and chair strategic MASE.
# The CSE Team worker prepares meetings but holds no seat at the strategic one; a deployment that
# wants them there adds the role here.
STRATEGIC_READERS = frozenset({Role.CSE_MANAGER, Role.POLICE_COORDINATOR, Role.MASE_CHAIR})


def may_see_strategic_picture(user) -> bool:
    return role_of(user) in STRATEGIC_READERS


def readable_reports_q(user, path: str = "") -> Q:
    """may_read_content as a condition on the report reached through `path`, so a page that joins
    through many reports asks the database, not a loop: the author, and by handling code the roles
    that may read it. Its existence (visible_reports) is a separate rule; callers apply both."""
    role = role_of(user)
    if role is None:
        return Q(**{f"{path}pk__in": []})
    readable = Q(**{f"{path}author_id": user.pk})
    if role in CONDITIONAL_READERS:
        readable |= Q(**{f"{path}pk__isnull": False})
    elif role in SUBMITTED_EPISODE_ROLES:
        readable |= ~Q(**{f"{path}handling_code": IntelligenceReport.HandlingCode.C})
    return readable
