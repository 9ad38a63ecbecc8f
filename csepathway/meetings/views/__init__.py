"""Meetings views, one module per part of the journey: scheduling, invitations, minutes, actions."""
