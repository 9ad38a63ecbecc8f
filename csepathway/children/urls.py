from django.urls import path

from . import views
from .restrictions import urls as restrictions

app_name = "children"

urlpatterns = [
    path("", views.child_search, name="search"),
    path("new", views.child_create, name="create"),
    path("<uuid:child_id>", views.child_detail, name="detail"),
    path("<uuid:child_id>/edit", views.child_edit, name="edit"),
    *restrictions.urlpatterns,
]
