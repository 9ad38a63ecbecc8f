from django.urls import path

from . import views

app_name = "missing"

urlpatterns = [
    path("children/<uuid:child_id>/new", views.missing_episode_add, name="add"),
    path("<uuid:missing_episode_id>", views.missing_episode_detail, name="detail"),
    path("<uuid:missing_episode_id>/change", views.missing_episode_edit, name="edit"),
    path("<uuid:missing_episode_id>/return", views.missing_episode_return, name="return"),
    path("<uuid:missing_episode_id>/interview", views.return_interview, name="interview"),
]
