from django.urls import path

from . import step_up_views, views
from .passkeys import views as passkey_views
from .sso import views as sso_views

app_name = "accounts"

urlpatterns = [
    path("sign-in", views.sign_in, name="sign_in"),
    path("sign-in/council", sso_views.sso_start, name="sso_start"),
    path("sign-in/council/callback", sso_views.sso_callback, name="sso_callback"),
    path("sign-out", views.sign_out, name="sign_out"),
    path("two-factor/set-up", views.two_factor_enrol, name="two_factor_enrol"),
    path("two-factor/verify", views.two_factor_verify, name="two_factor_verify"),
    path("two-factor/passkeys", passkey_views.passkeys, name="passkeys"),
    path("two-factor/passkeys/register/begin", passkey_views.passkey_register_begin, name="passkey_register_begin"),
    path("two-factor/passkeys/register/complete", passkey_views.passkey_register_complete,
         name="passkey_register_complete"),
    path("two-factor/passkeys/verify/begin", passkey_views.passkey_verify_begin, name="passkey_verify_begin"),
    path("two-factor/passkeys/verify/complete", passkey_views.passkey_verify_complete,
         name="passkey_verify_complete"),
    path("confirm-it-is-you", step_up_views.step_up, name="step_up"),
]
