from django.urls import path

from . import views

app_name = "casefile"

urlpatterns = [
    path("<uuid:child_id>/chronology", views.chronology, name="chronology"),
    path("<uuid:child_id>/chronology.pdf", views.chronology_pdf, name="chronology_pdf"),
    path("<uuid:child_id>/chronology.csv", views.chronology_csv, name="chronology_csv"),
    path("<uuid:child_id>/record.pdf", views.record_pdf, name="record_pdf"),
]
