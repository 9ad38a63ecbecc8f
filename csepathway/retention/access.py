"""Retention is information governance's: the disposal queue, legal holds and disposal by two of
them (ADR 0025). Nobody else reaches any of it."""

from django.db.models import Model, QuerySet

from csepathway.accounts.roles import INFORMATION_GOVERNANCE, role_of

KEEPERS = INFORMATION_GOVERNANCE


def may_manage_retention(user) -> bool:
    return role_of(user) in KEEPERS


def in_scope(user, model: type[Model]) -> QuerySet:
    """Every row of `model` for information governance, none for anyone else."""
    return model.objects.all() if may_manage_retention(user) else model.objects.none()
