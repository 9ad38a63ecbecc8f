from django.urls import path

from . import views, views_restrictions

app_name = "children"

urlpatterns = [
    path("", views.child_search, name="search"),
    path("new", views.child_create, name="create"),
    path("<uuid:child_id>", views.child_detail, name="detail"),
    path("<uuid:child_id>/edit", views.child_edit, name="edit"),
    # Restricted records and emergency access (docs/adr/0021).
    path("<uuid:child_id>/restriction", views_restrictions.restriction_detail, name="restriction"),
    path("<uuid:child_id>/restriction/new", views_restrictions.restriction_create, name="restriction_create"),
    path("<uuid:child_id>/restriction/review", views_restrictions.restriction_review, name="restriction_review"),
    path("<uuid:child_id>/restriction/lift", views_restrictions.restriction_lift_request,
         name="restriction_lift_request"),
    path("<uuid:child_id>/restriction/lift/approve", views_restrictions.restriction_lift_approve,
         name="restriction_lift_approve"),
    path("<uuid:child_id>/restriction/lift/decline", views_restrictions.restriction_lift_decline,
         name="restriction_lift_decline"),
    path("emergency-access", views_restrictions.emergency_access, name="emergency_access"),
    path("emergency-access/reason", views_restrictions.emergency_access_request, name="emergency_access_request"),
    path("emergency-access/reviews", views_restrictions.break_glass_queue, name="break_glass_queue"),
    path("emergency-access/reviews/<uuid:grant_id>", views_restrictions.break_glass_review,
         name="break_glass_review"),
]
