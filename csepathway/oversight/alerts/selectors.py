"""The unusual access alerts queue, for information governance only."""

from django.core.exceptions import PermissionDenied
from django.core.paginator import Page, Paginator
from django.db.models import F
from django.http import Http404

from csepathway.audit.services import record

from .. import access
from .models import AccessAlert

PER_PAGE = 50


def _require(actor) -> None:
    if not access.may_review_alerts(actor):
        raise PermissionDenied


def access_alert_list(*, actor, page=1) -> Page:
    """Alerts waiting for review first, then the reviewed ones, newest first in each."""
    _require(actor)
    alerts = (AccessAlert.objects.select_related("user", "user__team", "reviewed_by")
              .order_by(F("reviewed_at").asc(nulls_first=True), "-raised_at"))
    return Paginator(alerts, PER_PAGE).get_page(page)


def access_alert_get(*, actor, alert_id) -> AccessAlert:
    _require(actor)
    alert = AccessAlert.objects.select_related("user", "user__team", "reviewed_by").filter(pk=alert_id).first()
    if alert is None:
        raise Http404("No such alert")
    record(actor=actor, verb="access_alert.viewed", obj=alert)
    return alert


def home_alerts_waiting(*, actor) -> int | None:
    """For information governance's home page: how many alerts wait for review; None for others."""
    if not access.may_review_alerts(actor):
        return None
    return AccessAlert.objects.filter(reviewed_at__isnull=True).count()
