"""Routes for the minutes part of meetings (included by urls.py)."""

urlpatterns = []
