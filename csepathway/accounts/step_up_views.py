"""The step-up page: password and second factor again, then back to where the user was going."""

from django import forms
from django.shortcuts import redirect, render
from django.views.decorators.debug import sensitive_post_parameters
from django_otp import user_has_device

from csepathway.core import access

from .step_up import step_up_confirm, step_up_mark
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

    def __init__(self, *args, needs_code: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.needs_code = needs_code
        if not needs_code:
            del self.fields["token"]

    def clean_token(self):
        token = self.cleaned_data["token"].replace(" ", "").strip()
        if self.needs_code and not token:
            raise forms.ValidationError("Enter your security code")
        return token


@access.signed_in
@sensitive_post_parameters("password", "token")
def step_up(request):
    needs_code = user_has_device(request.user)
    form = StepUpForm(request.POST or None, needs_code=needs_code)
    if request.method == "POST" and form.is_valid():
        method = step_up_confirm(actor=request.user, password=form.cleaned_data["password"],
                                 token=form.cleaned_data.get("token", ""), request=request)
        if method is not None:
            step_up_mark(request, method)
            return redirect(_safe_next(request))
        form.add_error(None, "Your password or security code is not right"
                       if needs_code else "Your password is not right")
    return render(request, "accounts/step_up.html", {
        "page_title": "Confirm it is you", "form": form, "page_has_errors": bool(form.errors),
        "needs_code": needs_code, "next": request.POST.get("next") or request.GET.get("next", ""),
    })
