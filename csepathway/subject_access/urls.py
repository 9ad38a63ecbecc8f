from django.urls import path

from . import views

app_name = "subject_access"

urlpatterns = [
    path("", views.request_list, name="list"),
    path("start", views.request_start, name="start"),
    path("<uuid:sar_id>", views.request_detail, name="detail"),
    path("<uuid:sar_id>/gather", views.request_gather, name="gather"),
    path("<uuid:sar_id>/items/<uuid:item_id>", views.item_review, name="item"),
    path("<uuid:sar_id>/release", views.request_release, name="release"),
    path("<uuid:sar_id>/release-rest", views.release_rest, name="release_rest"),
    path("<uuid:sar_id>/redactions", views.redactions_add, name="redactions"),
    path("<uuid:sar_id>/bundle.pdf", views.released_pdf, name="pdf"),
]
