"""The single sign-on pages: off to the council's provider, and back (docs/adr/0061)."""

from django.contrib import auth
from django.contrib.auth.views import redirect_to_login
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django_otp import user_has_device
from mozilla_django_oidc.views import OIDCAuthenticationCallbackView, OIDCAuthenticationRequestView

from csepathway.core import access

from . import sso_enabled
from .backend import REFUSAL_ATTR

_start = OIDCAuthenticationRequestView.as_view()


@access.public
def sso_start(request):
    """Sends the browser to the provider with a fresh state, nonce and PKCE challenge, kept in the
    session for the way back."""
    if not sso_enabled():
        raise Http404
    if request.user.is_authenticated:
        return redirect("core:home")
    return _start(request)


class _Callback(OIDCAuthenticationCallbackView):
    def login_success(self):
        auth.login(self.request, self.user)  # cycles the session key
        if user_has_device(self.user):
            return redirect_to_login(self.success_url, reverse("accounts:two_factor_verify"))
        return redirect(self.success_url)

    def login_failure(self):
        reason = getattr(self.request, REFUSAL_ATTR, "provider_error")
        return render(self.request, "accounts/sso_refused.html", {
            "page_title": "You cannot sign in with your council account", "reason": reason,
        }, status=403)


_callback = _Callback.as_view()


@access.public
def sso_callback(request):
    """The provider's answer: the code is exchanged for tokens, the ID token checked, and the person
    matched (SsoBackend); the second factor follows as for a password sign-in."""
    if not sso_enabled():
        raise Http404
    return _callback(request)
