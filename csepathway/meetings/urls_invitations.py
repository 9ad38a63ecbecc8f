"""Routes for the invitations part of meetings (included by urls.py)."""

urlpatterns = []
