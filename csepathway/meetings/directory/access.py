"""Who keeps the directory of professionals, and who chooses from it when inviting."""

from csepathway.accounts.roles import CSE_TEAM_ROLES, role_of

from ..invitations.access import INVITERS

# The CSE team keeps the directory; everyone who invites people to a meeting chooses from it.
KEEPERS = CSE_TEAM_ROLES
CHOOSERS = INVITERS


def may_keep(user) -> bool:
    return role_of(user) in KEEPERS


def may_choose(user) -> bool:
    return role_of(user) in CHOOSERS
