import base64

import segno
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import authenticate, login, logout
from django.contrib.auth.views import redirect_to_login
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.debug import sensitive_post_parameters
from django_otp import login as otp_login
from django_otp import user_has_device

from csepathway.core import access

from . import services
from .forms import SignInForm, TokenForm
from .passkeys import passkey_script_config, user_has_code_device, user_has_passkey
from .sso import sso_enabled


def _safe_next(request, default: str = "core:home"):
    target = request.POST.get("next") or request.GET.get("next")
    if target and url_has_allowed_host_and_scheme(target, {request.get_host()}, require_https=request.is_secure()):
        return target
    return default


@access.public
@sensitive_post_parameters("password")
def sign_in(request):
    if request.user.is_authenticated:
        return redirect("core:home")
    form = SignInForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = authenticate(request, username=form.cleaned_data["username"], password=form.cleaned_data["password"])
        if user is not None:
            login(request, user)  # cycles the session key
            if user_has_device(user):
                return redirect_to_login(_safe_next(request, "/"), reverse("accounts:two_factor_verify"))
            return redirect(_safe_next(request))
        if not getattr(request, "axes_locked_out", False):
            form.add_error(None, "Enter a correct username and password")
    return render(request, "accounts/sign_in.html", {
        "page_title": "Sign in", "form": form, "next": request.GET.get("next", ""),
        "page_has_errors": bool(form.errors), "sso_enabled": sso_enabled(),
    })


@access.public
def locked_out(request, original_response=None, credentials=None):
    return render(request, "accounts/locked_out.html", {"page_title": "Your account is locked"}, status=403)


@access.signed_in
def sign_out(request):
    if request.method == "POST":
        logout(request)  # deletes the session on the server, not just the cookie
        messages.success(request, "You have signed out.")
        return redirect("accounts:sign_in")
    return render(request, "accounts/sign_out.html", {"page_title": "Sign out"})


def _qr_data_uri(config_url: str) -> str:
    return segno.make(config_url, error="m").svg_data_uri(scale=4, title="QR code for your authenticator app")


@access.signed_in
def two_factor_enrol(request):
    if user_has_device(request.user) and not request.user.is_verified():
        # Replacing a phone takes the current one: otherwise the password alone would let anyone enrol theirs.
        return redirect_to_login(request.get_full_path(), reverse("accounts:two_factor_verify"))
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        codes = services.two_factor_enrolment_confirm(actor=request.user, token=form.cleaned_data["token"])
        if codes is not None:
            device = request.user.totpdevice_set.get(confirmed=True)
            otp_login(request, device)
            request.session.cycle_key()
            return render(request, "accounts/backup_codes.html", {
                "page_title": "Two-factor authentication is set up", "codes": codes,
            })
        form.add_error("token", "The security code is not right. Check your app and try the newest code")
    device = services.two_factor_enrolment_start(actor=request.user)
    secret = base64.b32encode(device.bin_key).decode()
    return render(request, "accounts/two_factor_enrol.html", {
        "page_title": "Set up two-factor authentication", "form": form, "page_has_errors": bool(form.errors),
        "qr_code": _qr_data_uri(device.config_url),
        "secret_groups": " ".join(secret[i:i + 4] for i in range(0, len(secret), 4)),
    })


@access.signed_in
def two_factor_verify(request):
    if request.user.is_verified():
        return redirect(_safe_next(request))
    if not user_has_device(request.user):
        # Nothing to verify against: a code typed here could never be right.
        return redirect("accounts:two_factor_enrol" if settings.TWO_FACTOR_REQUIRED else _safe_next(request))
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        device = services.two_factor_verify(actor=request.user, token=form.cleaned_data["token"])
        if device is not None:
            otp_login(request, device)
            # A new session key once both factors are proven, so an earlier key is worth nothing.
            request.session.cycle_key()
            return redirect(_safe_next(request))
        form.add_error("token", "The security code is not right. Try the newest code from your app")
    has_passkey = user_has_passkey(request.user)
    return render(request, "accounts/two_factor_verify.html", {
        "page_title": "Confirm it is you" if has_passkey else "Enter your security code", "form": form,
        "page_has_errors": bool(form.errors), "next": request.GET.get("next", ""),
        "has_passkey": has_passkey, "has_code": user_has_code_device(request.user) or not has_passkey,
        "passkey_config": passkey_script_config(request) if has_passkey else None,
    })
