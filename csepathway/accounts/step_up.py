"""Step-up: the password and second factor asked for again just before a sensitive action
(emergency access, lifting a restriction, exports), however long ago the user signed in.

Use it under the page's access rule, on the view that shows and takes the sensitive form:

    @access.roles_required(Role.CSE_MANAGER)
    @step_up_required
    def restriction_lift_approve(request, child_id): ...

A user who has not confirmed in the last five minutes is sent to the step-up page and back. The
confirmation is kept in the session only (never on the user), so it ends with the session and
another browser signed in as the same person gains nothing. See docs/adr/0021."""

import time
from functools import wraps

from django.conf import settings
from django.contrib.auth import authenticate
from django.contrib.auth.views import redirect_to_login
from django.db import transaction
from django.http import QueryDict
from django.urls import reverse
from django.utils.datastructures import MultiValueDict
from django_otp import match_token, user_has_device
from django_otp.plugins.otp_static.models import StaticDevice

from csepathway.audit.models import AuditEvent
from csepathway.audit.services import record

from .passkeys import user_has_code_device
from .sso import password_sign_in_allowed

STEP_UP_SECONDS = 5 * 60
STEP_UP_AT = "step_up_at"
STEP_UP_METHOD = "step_up_method"

TOTP, BACKUP_CODE, PASSWORD_ONLY, PASSKEY = "totp", "backup_code", "password_only", "passkey"


def step_up_is_fresh(request) -> bool:
    confirmed_at = request.session.get(STEP_UP_AT)
    return confirmed_at is not None and 0 <= time.time() - confirmed_at <= STEP_UP_SECONDS


def step_up_method(request) -> str:
    """How the current step-up was confirmed (for the record of what it unlocked)."""
    return request.session.get(STEP_UP_METHOD, "") if step_up_is_fresh(request) else ""


def step_up_mark(request, method: str) -> None:
    request.session[STEP_UP_AT] = time.time()
    request.session[STEP_UP_METHOD] = method


RESUME = "step_up_resume"


def step_up_redirect(request):
    """Off to the step-up page and back to this address. For views that must first find out whether
    the object is the user's at all (404 before any step-up), then ask. A form sent when the
    confirmation had lapsed is not acted on, but what was typed waits in the session (server-side)
    and fills the form again on the way back (resume_entries): the user checks it and sends it."""
    if request.method == "POST":
        request.session[RESUME] = {
            "path": request.get_full_path(),
            "data": {name: request.POST.getlist(name) for name in request.POST if name != "csrfmiddlewaretoken"},
        }
    return redirect_to_login(request.get_full_path(), reverse("accounts:step_up"))


def resume_entries(request) -> None:
    """On the first GET of the page after the step-up, give the view what was typed as request.POST,
    with the method still GET: views bind their form to `request.POST or None` and act only on a
    POST, so the form shows the entries (and any errors) and nothing is done until it is sent again.
    Going anywhere else but the step-up page drops them."""
    waiting = request.session.get(RESUME)
    if waiting is None or request.path == reverse("accounts:step_up"):
        return
    del request.session[RESUME]
    if waiting["path"] != request.get_full_path() or not step_up_is_fresh(request):
        return
    entries = QueryDict(mutable=True)
    for name, values in waiting["data"].items():
        entries.setlist(name, values)
    entries._mutable = False
    request._post, request._files = entries, MultiValueDict()


def step_up_required(view):
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if step_up_is_fresh(request):
            return view(request, *args, **kwargs)
        # A POST that arrives stale is not acted on: it comes back through the step-up page.
        return step_up_redirect(request)

    return wrapped


def step_up_needs_password(user) -> bool:
    """A council (single sign-on) account has no password here to ask for: its step-up is the second
    factor alone, a passkey or a code (docs/adr/0061)."""
    return user.has_usable_password() and password_sign_in_allowed(user)


@transaction.atomic
def step_up_confirm(*, actor, password: str, token: str, request) -> str | None:
    """Check the password (through the authentication backends, so failures count towards the
    lock-out, which is why the request is needed) and then the second factor. Returns how it was
    confirmed, or None. The password is checked first so a wrong one never uses up a backup code.
    A passkey is confirmed by its own call (accounts.passkeys.views), not here."""
    needs_password = step_up_needs_password(actor)
    if needs_password:
        user = authenticate(request, username=actor.get_username(), password=password)
        if user is None or user.pk != actor.pk:
            record(actor=actor, verb="step_up.failed", obj=actor, outcome=AuditEvent.Outcome.DENIED)
            return None
    if user_has_code_device(actor):
        device = match_token(actor, token) if token else None
        if device is None:
            record(actor=actor, verb="step_up.failed", obj=actor, outcome=AuditEvent.Outcome.DENIED)
            return None
        method = BACKUP_CODE if isinstance(device, StaticDevice) else TOTP
    elif settings.TWO_FACTOR_REQUIRED or user_has_device(actor) or not needs_password:
        # No code to check where one is required, a passkey-only account (its passkey is the way),
        # or nothing at all checked: never passed.
        record(actor=actor, verb="step_up.failed", obj=actor, outcome=AuditEvent.Outcome.DENIED)
        return None
    else:
        method = PASSWORD_ONLY
    record(actor=actor, verb="step_up.confirmed", obj=actor)
    return method
