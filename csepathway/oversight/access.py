"""Who may read the trail's information-governance pages and act on them."""

from csepathway.accounts.roles import INFORMATION_GOVERNANCE, Role, role_of

# A child's access history: information governance, and the CSE Team Manager for the children they
# may see.
CHILD_HISTORY_READERS = frozenset({Role.AUDITOR, Role.CSE_MANAGER})
DISCLOSURE_LOG_READERS = frozenset({Role.AUDITOR, Role.CSE_MANAGER})


def may_read_child_history(user) -> bool:
    return role_of(user) in CHILD_HISTORY_READERS


def may_read_person_history(user) -> bool:
    """What one person read: for information governance only."""
    return role_of(user) in INFORMATION_GOVERNANCE


def may_review_alerts(user) -> bool:
    return role_of(user) in INFORMATION_GOVERNANCE


def may_read_disclosure_log(user) -> bool:
    return role_of(user) in DISCLOSURE_LOG_READERS


def reads_every_trail(user) -> bool:
    """Information governance reads the trail of any child, restricted ones included; anyone else
    only of the children they may see."""
    return role_of(user) in INFORMATION_GOVERNANCE
