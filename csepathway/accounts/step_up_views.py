"""The step-up page: password and second factor again, then back to where the user was going."""

from django import forms
from django.shortcuts import redirect, render
from django.views.decorators.debug import sensitive_post_parameters

from csepathway.core import access

from .passkeys import STEP_UP, passkey_script_config, user_has_code_device, user_has_passkey
from .step_up import step_up_confirm, step_up_mark, step_up_needs_password
from .views import _safe_next


class StepUpForm(forms.Form):
    password = forms.CharField(
        label="Password", widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        error_messages={"required": "Enter your password"},
    )
    token = forms.CharField(
        label="Security code", max_length=16, required=False,
        help_text="The 6-digit code from your authenticator app, or one of your backup codes",
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "class": "govuk-input--width-10",
                                      "spellcheck": False}),
    )

    def __init__(self, *args, needs_code: bool, needs_password: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        self.needs_code = needs_code
        if not needs_code:
            del self.fields["token"]
        if not needs_password:
            del self.fields["password"]

    def clean_token(self):
        token = self.cleaned_data["token"].replace(" ", "").strip()
        if self.needs_code and not token:
            raise forms.ValidationError("Enter your security code")
        return token


@access.signed_in
@sensitive_post_parameters("password", "token")
def step_up(request):
    needs_code, needs_password = user_has_code_device(request.user), step_up_needs_password(request.user)
    has_passkey = user_has_passkey(request.user)
    form = StepUpForm(request.POST or None, needs_code=needs_code, needs_password=needs_password)
    if request.method == "POST" and form.is_valid():
        method = step_up_confirm(actor=request.user, password=form.cleaned_data.get("password", ""),
                                 token=form.cleaned_data.get("token", ""), request=request)
        if method is not None:
            step_up_mark(request, method)
            return redirect(_safe_next(request))
        form.add_error(None, "Your password or security code is not right" if needs_code and needs_password
                       else "Your security code is not right" if needs_code else "Your password is not right")
    return render(request, "accounts/step_up.html", {
        "page_title": "Confirm it is you", "form": form, "page_has_errors": bool(form.errors),
        "needs_code": needs_code, "needs_password": needs_password, "has_passkey": has_passkey,
        "show_form": needs_password or needs_code,
        "passkey_config": passkey_script_config(request, purpose=STEP_UP) if has_passkey else None,
        "next": request.POST.get("next") or request.GET.get("next", ""),
    })
