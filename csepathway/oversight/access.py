"""Who may read the trail's information-governance pages and act on them."""

from csepathway.accounts.roles import Role

INFORMATION_GOVERNANCE = frozenset({Role.AUDITOR})
# A child's access history: information governance, and the CSE Team Manager for the children they
# may see.
CHILD_HISTORY_READERS = frozenset({Role.AUDITOR, Role.CSE_MANAGER})
DISCLOSURE_LOG_READERS = frozenset({Role.AUDITOR, Role.CSE_MANAGER})


def _role(user) -> str | None:
    return getattr(user, "role", None) if getattr(user, "is_active", False) else None


def may_read_child_history(user) -> bool:
    return _role(user) in CHILD_HISTORY_READERS


def may_read_person_history(user) -> bool:
    """What one person read: for information governance only."""
    return _role(user) in INFORMATION_GOVERNANCE


def may_review_alerts(user) -> bool:
    return _role(user) in INFORMATION_GOVERNANCE


def may_read_disclosure_log(user) -> bool:
    return _role(user) in DISCLOSURE_LOG_READERS


def reads_every_trail(user) -> bool:
    """Information governance reads the trail of any child, restricted ones included; anyone else
    only of the children they may see."""
    return _role(user) in INFORMATION_GOVERNANCE
