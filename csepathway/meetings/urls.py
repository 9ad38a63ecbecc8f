from django.urls import path

from . import views

app_name = "meetings"

urlpatterns = [
    path("", views.meetings_calendar, name="calendar"),
    path("schedule/<uuid:episode_id>", views.meeting_schedule, name="schedule"),
    path("<uuid:meeting_id>", views.meeting_detail, name="detail"),
    path("<uuid:meeting_id>/reschedule", views.meeting_reschedule, name="reschedule"),
    path("<uuid:meeting_id>/cancel", views.meeting_cancel, name="cancel"),
]
