from django.urls import path

from . import step_up_views, views
from .sso import views as sso_views

app_name = "accounts"

urlpatterns = [
    path("sign-in", views.sign_in, name="sign_in"),
    path("sign-in/council", sso_views.sso_start, name="sso_start"),
    path("sign-in/council/callback", sso_views.sso_callback, name="sso_callback"),
    path("sign-out", views.sign_out, name="sign_out"),
    path("two-factor/set-up", views.two_factor_enrol, name="two_factor_enrol"),
    path("two-factor/verify", views.two_factor_verify, name="two_factor_verify"),
    path("confirm-it-is-you", step_up_views.step_up, name="step_up"),
]
