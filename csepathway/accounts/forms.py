from django import forms


class SignInForm(forms.Form):
    username = forms.CharField(
        label="Username", max_length=150,
        widget=forms.TextInput(attrs={"autocomplete": "username", "spellcheck": False}),
        error_messages={"required": "Enter your username"},
    )
    password = forms.CharField(
        label="Password", widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        error_messages={"required": "Enter your password"},
    )


class TokenForm(forms.Form):
    token = forms.CharField(
        label="Security code", max_length=16,
        help_text="The 6-digit code from your authenticator app, or one of your backup codes",
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "class": "govuk-input--width-10",
                                      "spellcheck": False}),
        error_messages={"required": "Enter your security code"},
    )

    def clean_token(self):
        return self.cleaned_data["token"].replace(" ", "").strip()
