from django.conf import settings
from django.utils.functional import SimpleLazyObject

from . import navigation


def page(request) -> dict:
    """What the layout needs on every page. Navigation is lazy so error pages shown while the
    database is down never touch it."""

    def nav():
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated:
            return []
        return navigation.items_for(user, request.path)

    def account_nav():
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated:
            return []
        return navigation.account_items_for(user, request.path)

    nonce = getattr(request, "_csp_nonce", None)
    return {
        # The nonce is lazy and falsy until read: read it here so the GOV.UK inline script carries it.
        "cspNonce": str(nonce) if nonce is not None else "",
        "navigation": SimpleLazyObject(nav),
        "account_navigation": SimpleLazyObject(account_nav),
        "demo_mode": getattr(settings, "DEMO_MODE", False),
        "two_factor_required": settings.TWO_FACTOR_REQUIRED,
        "request_id": getattr(request, "request_id", ""),
    }
