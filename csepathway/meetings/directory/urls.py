"""Routes for the directory of professionals (included by the meetings urls.py)."""

from django.urls import path

from . import views as directory

urlpatterns = [
    path("directory", directory.directory_list, name="directory"),
    path("directory/add", directory.directory_add, name="directory_add"),
    path("directory/<uuid:directory_entry_id>", directory.directory_edit, name="directory_edit"),
]
