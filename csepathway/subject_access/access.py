"""Subject access requests are information governance's: they read every record the council holds
about a child, outside any worker's scope (ADR 0023), and nobody else reaches them."""

from django.db.models import QuerySet

from csepathway.accounts.roles import INFORMATION_GOVERNANCE, role_of

from .models import BundleItem, SubjectAccessRequest

HANDLERS = INFORMATION_GOVERNANCE


def may_handle_requests(user) -> bool:
    return role_of(user) in HANDLERS


def visible_requests(user) -> QuerySet[SubjectAccessRequest]:
    return SubjectAccessRequest.objects.all() if may_handle_requests(user) else SubjectAccessRequest.objects.none()


def visible_bundle_items(user) -> QuerySet[BundleItem]:
    return BundleItem.objects.all() if may_handle_requests(user) else BundleItem.objects.none()
