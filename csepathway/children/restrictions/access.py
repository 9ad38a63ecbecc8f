"""Who may restrict a child's record, decide on lifting the restriction, use emergency access and
review its use (docs/adr/0021)."""

from csepathway.accounts.roles import CASE_ROLES, Role, role_of

# The CSE Team Manager restricts any child's record; a Team Manager their own team's children's.
RESTRICTION_MANAGERS = frozenset({Role.TEAM_MANAGER, Role.CSE_MANAGER})
# Anyone who works with children's records may need one outside their work in an emergency.
EMERGENCY_ACCESS_USERS = CASE_ROLES
# Information governance reviews every use of emergency access; the CSE Team Manager is told too.
GRANT_REVIEWERS = frozenset({Role.AUDITOR, Role.CSE_MANAGER})


def may_manage_restriction(user, child) -> bool:
    role = role_of(user)
    if role == Role.CSE_MANAGER:
        return True
    return role == Role.TEAM_MANAGER and bool(user.team_id) and child.allocated_team_id == user.team_id


def may_use_emergency_access(user) -> bool:
    return role_of(user) in EMERGENCY_ACCESS_USERS


def may_review_grants(user) -> bool:
    return role_of(user) in GRANT_REVIEWERS


def may_review_grant(user, grant) -> bool:
    """Never one's own: the review is someone else's look at why the record was opened."""
    return may_review_grants(user) and grant.user_id != user.pk
