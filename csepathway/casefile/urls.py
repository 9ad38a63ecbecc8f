from django.urls import path

from . import views

app_name = "casefile"

urlpatterns = [
    path("<uuid:child_id>/chronology", views.chronology, name="chronology"),
]
