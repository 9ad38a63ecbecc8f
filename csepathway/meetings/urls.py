from django.urls import path

from . import urls_actions, urls_invitations, urls_minutes
from .views import scheduling

app_name = "meetings"

urlpatterns = [
    path("", scheduling.meetings_calendar, name="calendar"),
    path("schedule/<uuid:episode_id>", scheduling.meeting_schedule, name="schedule"),
    path("<uuid:meeting_id>", scheduling.meeting_detail, name="detail"),
    path("<uuid:meeting_id>/reschedule", scheduling.meeting_reschedule, name="reschedule"),
    path("<uuid:meeting_id>/cancel", scheduling.meeting_cancel, name="cancel"),
    path("<uuid:meeting_id>/agenda/add", scheduling.agenda_add, name="agenda_add"),
    *urls_invitations.urlpatterns,
    *urls_minutes.urlpatterns,
    *urls_actions.urlpatterns,
]
