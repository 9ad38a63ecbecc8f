from django.urls import path

from . import views

app_name = "notes"

urlpatterns = [
    path("<uuid:note_id>", views.case_note_detail, name="detail"),
]
