from django.urls import path

from . import views
from .actions import urls as actions
from .directory import urls as directory
from .invitations import urls as invitations
from .minutes import urls as minutes

app_name = "meetings"

urlpatterns = [
    path("", views.meetings_calendar, name="calendar"),
    path("schedule/<uuid:episode_id>", views.meeting_schedule, name="schedule"),
    path("<uuid:meeting_id>", views.meeting_detail, name="detail"),
    path("<uuid:meeting_id>/reschedule", views.meeting_reschedule, name="reschedule"),
    path("<uuid:meeting_id>/cancel", views.meeting_cancel, name="cancel"),
    path("<uuid:meeting_id>/invitations", views.meeting_invitations, name="invitations"),
    path("<uuid:meeting_id>/actions", views.meeting_actions, name="meeting_actions"),
    path("<uuid:meeting_id>/agenda/add", views.agenda_add, name="agenda_add"),
    *invitations.urlpatterns,
    *minutes.urlpatterns,
    *actions.urlpatterns,
    *directory.urlpatterns,
]
