"""The password backend. While single sign-on is on, the password form is for break-glass accounts
only (docs/adr/0061): everyone else signs in through the council's provider, so a password left over
from before, or guessed, opens nothing."""

from django.contrib.auth.backends import ModelBackend

from .sso import password_sign_in_allowed


class LocalPasswordBackend(ModelBackend):
    def authenticate(self, request, username=None, password=None, **kwargs):
        user = super().authenticate(request, username=username, password=password, **kwargs)
        if user is not None and not password_sign_in_allowed(user):
            return None
        return user
