from django.urls import path

from . import views

app_name = "retention"

urlpatterns = [
    path("", views.queue, name="queue"),
    path("find", views.find, name="find"),
    path("children/<uuid:child_id>", views.child_retention, name="child"),
    path("children/<uuid:child_id>/hold", views.hold_place, name="hold_place"),
    path("children/<uuid:child_id>/propose", views.disposal_propose, name="propose"),
    path("holds/<uuid:hold_id>/release", views.hold_release, name="hold_release"),
    path("proposals/<uuid:proposal_id>/approve", views.disposal_approve, name="approve"),
    path("proposals/<uuid:proposal_id>/decline", views.disposal_decline, name="decline"),
    path("certificates", views.certificate_list, name="certificates"),
    path("certificates/<uuid:certificate_id>", views.certificate_detail, name="certificate"),
]
