"""Routes for restricted records and emergency access (docs/adr/0021), included by children/urls.py."""

from django.urls import path

from . import views

urlpatterns = [
    path("<uuid:child_id>/restriction", views.restriction_detail, name="restriction"),
    path("<uuid:child_id>/restriction/new", views.restriction_create, name="restriction_create"),
    path("<uuid:child_id>/restriction/review", views.restriction_review, name="restriction_review"),
    path("<uuid:child_id>/restriction/lift", views.restriction_lift_request, name="restriction_lift_request"),
    path("<uuid:child_id>/restriction/lift/approve", views.restriction_lift_approve, name="restriction_lift_approve"),
    path("<uuid:child_id>/restriction/lift/decline", views.restriction_lift_decline, name="restriction_lift_decline"),
    path("emergency-access", views.emergency_access, name="emergency_access"),
    path("emergency-access/reason", views.emergency_access_request, name="emergency_access_request"),
    path("emergency-access/reviews", views.break_glass_queue, name="break_glass_queue"),
    path("emergency-access/reviews/<uuid:grant_id>", views.break_glass_review, name="break_glass_review"),
]
