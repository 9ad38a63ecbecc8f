"""The eight roles of the design brief. A deployment can add more; these are the defaults."""

from django.db import models

from csepathway.core.wording import say_lazy


class Role(models.TextChoices):
    PRACTITIONER = "practitioner", "Practitioner"
    TEAM_MANAGER = "team_manager", "Team Manager"
    CSE_WORKER = "cse_worker", "CSE Team worker"
    CSE_MANAGER = "cse_manager", "CSE Team Manager"
    POLICE_COORDINATOR = "police_coordinator", "Police CSE Coordinator"
    MASE_CHAIR = "mase_chair", say_lazy("MASE Chair")
    AUDITOR = "auditor", "Auditor (information governance)"
    SYSTEM_ADMIN = "system_admin", "System administrator"


# Roles that work with children's case records at all.
CASE_ROLES = frozenset({
    Role.PRACTITIONER, Role.TEAM_MANAGER, Role.CSE_WORKER, Role.CSE_MANAGER,
    Role.POLICE_COORDINATOR, Role.MASE_CHAIR,
})
CSE_TEAM_ROLES = frozenset({Role.CSE_WORKER, Role.CSE_MANAGER})
# Information governance: access history, alerts, subject access, retention. No case work.
INFORMATION_GOVERNANCE = frozenset({Role.AUDITOR})


def role_of(user) -> str | None:
    """The role a user acts in: None for anyone signed out or deactivated, so every rule that asks
    for a role refuses them without saying so itself."""
    if not getattr(user, "is_authenticated", False) or not getattr(user, "is_active", False):
        return None
    return getattr(user, "role", None)
