"""Routes for the minutes part of meetings (included by urls.py)."""

from django.urls import path

from . import views as minutes

urlpatterns = [
    path("<uuid:meeting_id>/minutes/<uuid:item_id>", minutes.minutes_item, name="minutes_item"),
    path("<uuid:meeting_id>/minutes/<uuid:item_id>/actions/add", minutes.action_add, name="minutes_action_add"),
    path("<uuid:meeting_id>/minutes/<uuid:item_id>/interventions/add", minutes.intervention_add,
         name="minutes_intervention_add"),
    path("<uuid:meeting_id>/minutes/publish", minutes.minutes_publish, name="minutes_publish"),
    path("<uuid:meeting_id>/minutes.pdf", minutes.minutes_pdf, name="minutes_pdf"),
    path("minutes/download/<str:token>", minutes.minutes_external_download, name="minutes_external_download"),
]
