"""Routes for the invitations part of meetings (included by urls.py)."""

from django.urls import path

from . import views as invitations

urlpatterns = [
    path("<uuid:meeting_id>/invitees/add", invitations.invitee_add, name="invitee_add"),
    path("invitees/<uuid:invitee_id>", invitations.invitee_detail, name="invitee"),
    path("invitees/<uuid:invitee_id>/letter", invitations.invitee_letter, name="invitee_letter"),
    # Public: the signed token is the key. Reached from a professional's invitation email.
    path("invitations/answer/<str:token>", invitations.invitation_respond, name="invitation_respond"),
]
