from django.urls import path

from . import views

app_name = "performance"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("episodes", views.figure_episodes, name="episodes"),
    path("download", views.download, name="download"),
    path("<slug:section>", views.dashboard, name="section"),
]
