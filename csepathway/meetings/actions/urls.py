"""Routes for the actions part of meetings (included by urls.py)."""

from django.urls import path

from . import views as actions

urlpatterns = [
    path("actions", actions.action_tracker, name="actions"),
    path("actions/episode/<uuid:episode_id>", actions.episode_actions, name="episode_actions"),
    path("actions/<uuid:action_id>", actions.action_detail, name="action"),
]
