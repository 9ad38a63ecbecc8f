"""Routes for the actions part of meetings (included by urls.py)."""

urlpatterns = []
