"""The passkey page and the four WebAuthn calls its scripts make, wrapped round django-otp-webauthn's
views so each has an access rule and writes its audit event (docs/adr/0062)."""

from django.contrib.auth.views import redirect_to_login
from django.db import transaction
from django.http import JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django_otp import login as otp_login
from django_otp import user_has_device
from django_otp_webauthn import views as webauthn
from django_otp_webauthn.exceptions import OTPWebAuthnApiError
from django_otp_webauthn.models import WebAuthnCredential

from csepathway.audit.models import AuditEvent
from csepathway.audit.services import record
from csepathway.core import access

from ..step_up import PASSKEY, step_up_mark
from ..views import _safe_next
from . import STEP_UP, passkey_required, passkey_script_config


@access.signed_in
def passkeys(request):
    if user_has_device(request.user) and not request.user.is_verified():
        # As for an authenticator app: adding a passkey takes the second factor you already have.
        return redirect_to_login(request.get_full_path(), reverse("accounts:two_factor_verify"))
    return render(request, "accounts/passkeys.html", {
        "page_title": "Passkeys", "required": passkey_required(request.user),
        "passkeys": WebAuthnCredential.objects.filter(user=request.user, confirmed=True).order_by("created_at"),
        "passkey_config": passkey_script_config(request), "next": _safe_next(request, reverse("core:home")),
    })


class _RegisterComplete(webauthn.CompleteCredentialRegistrationView):
    def post(self, *args, **kwargs):
        was_verified = self.request.user.is_verified()
        with transaction.atomic():
            response = super().post(*args, **kwargs)
            record(actor=self.request.user, verb="passkey.registered", obj=self.request.user)
        if not was_verified:
            # The library counts the new passkey as the session's second factor: a new key for it.
            self.request.session.cycle_key()
        return response


class _VerifyBegin(webauthn.BeginCredentialAuthenticationView):
    def post(self, *args, **kwargs):
        if self.request.GET.get("purpose") != STEP_UP:
            return super().post(*args, **kwargs)
        # Step-up: the authenticator must check it is the person (PIN or biometric), not only present.
        data, state = self.get_helper().authenticate_begin(user=self.get_user(), require_user_verification=True)
        self.request.session["otp_webauthn_authentication_state"] = state
        return JsonResponse(data)


class _VerifyComplete(webauthn.CompleteCredentialAuthenticationView):
    def post(self, *args, **kwargs):
        try:
            return super().post(*args, **kwargs)
        except OTPWebAuthnApiError:
            verb = "step_up.failed" if self._for_step_up() else "two_factor.failed"
            record(actor=self.request.user, verb=verb, obj=self.request.user, outcome=AuditEvent.Outcome.DENIED)
            raise

    def _for_step_up(self) -> bool:
        return self.request.GET.get("purpose") == STEP_UP

    def complete_auth(self, device):
        # Never a sign-in on its own (the API views are for signed-in people only): a second factor.
        if self._for_step_up():
            step_up_mark(self.request, PASSKEY)
            record(actor=self.request.user, verb="step_up.confirmed", obj=self.request.user)
            return
        otp_login(self.request, device)
        self.request.session.cycle_key()
        record(actor=self.request.user, verb="two_factor.verified", obj=self.request.user)

    def get_success_url(self):
        return _safe_next(self.request, reverse("core:home"))


passkey_register_begin = access.signed_in(webauthn.BeginCredentialRegistrationView.as_view())
passkey_register_complete = access.signed_in(_RegisterComplete.as_view())
passkey_verify_begin = access.signed_in(_VerifyBegin.as_view())
passkey_verify_complete = access.signed_in(_VerifyComplete.as_view())
