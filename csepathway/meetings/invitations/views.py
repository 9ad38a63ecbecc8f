"""Invitations: adding invitees, changing their status, printing the letter, and the public page a
professional answers on. Thin: forms, selectors and services."""

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.cache import never_cache

from csepathway.core import access as page_access
from csepathway.core.pdf import render_pdf
from csepathway.core.presenters import person_name
from csepathway.core.refusals import Refused, refusal_as_form_error
from csepathway.core.services import StaleEdit

from .. import ical
from ..access import has_started
from ..directory import selectors as directory_selectors
from ..directory.access import may_keep
from ..directory.forms import DirectoryChoiceForm
from ..models import Invitee
from ..presenters import meeting_href, when
from . import access
from . import presenters as invitation_presenters
from . import selectors as invitation_selectors
from . import services as invitation_services
from .forms import InviteeForm, InviteeStatusForm
from .services import LinkExpired, LinkInvalid


def _added_message(invitee: Invitee) -> str:
    if invitee.kind == Invitee.Kind.PROFESSIONAL and invitee.email:
        return f"{invitee.name} has been invited and sent the calendar invitation."
    if invitee.kind == Invitee.Kind.PROFESSIONAL:
        return f"{invitee.name} has been added. They have no email address, so let them know about the meeting."
    return f"{invitee.name} has been invited. Download their letter below to print or give to them."


DIRECTORY_PREFIX = "directory"


def _directory_form(request, actor):
    """The choice of several from the directory; bound only when that form was the one sent."""
    entries = directory_selectors.directory_for_inviting(actor=actor)
    sent = request.method == "POST" and request.POST.get("form") == DIRECTORY_PREFIX
    return DirectoryChoiceForm(request.POST if sent else None, entries=entries, prefix=DIRECTORY_PREFIX), sent


@page_access.roles_required(*access.INVITERS)
def invitee_add(request, meeting_id):
    meeting = invitation_selectors.meeting_for_inviting(actor=request.user, meeting_id=meeting_id)
    choose, from_directory = _directory_form(request, request.user)
    form = InviteeForm(request.POST if request.method == "POST" and not from_directory else None,
                       agenda=meeting.agenda)
    if from_directory and choose.is_valid():
        with refusal_as_form_error(choose):
            invited = invitation_services.invitees_add_from_directory(
                actor=request.user, meeting=meeting, entry_ids=[entry.pk for entry in choose.chosen()])
            messages.success(request, _added_several_message(invited))
            return redirect("meetings:detail", meeting_id=meeting.pk)
    elif form.is_bound and form.is_valid():
        with refusal_as_form_error(form):
            invitee = invitation_services.invitee_add(actor=request.user, meeting=meeting, **form.invitee_data())
            messages.success(request, _added_message(invitee))
            return redirect("meetings:detail", meeting_id=meeting.pk)
    return render(request, "meetings/invitations/add.html", {
        "page_title": "Invite someone to the meeting", "form": form, "choose": choose,
        "has_directory": bool(choose.by_id), "page_has_errors": bool(form.errors or choose.errors),
        "caption": when(meeting), "back_href": meeting_href(meeting),
        "directory_href": reverse("meetings:directory") if may_keep(request.user) else "",
    })


def _added_several_message(invited: list[Invitee]) -> str:
    names = ", ".join(invitee.name for invitee in invited)
    return f"Invited: {names}. Those with an email address have been sent the calendar invitation."


def _stale_form(request, stale: StaleEdit) -> InviteeStatusForm:
    data = request.POST.copy()
    data["version"] = str(stale.current.version)
    form = InviteeStatusForm(data, started=has_started(stale.current.meeting))
    form.is_valid()
    form.add_error(None, "Someone else changed this invitation while you had the page open: it is now "
                         f"'{stale.current.get_status_display()}'. Check it, then save again if you still want "
                         "to change it.")
    return form


@page_access.roles_required(*access.ATTENDANCE_KEEPERS)
def invitee_detail(request, invitee_id):
    invitee = invitation_selectors.invitee_for_status(actor=request.user, invitee_id=invitee_id)
    form = InviteeStatusForm(request.POST or None, initial={"status": invitee.status, "version": invitee.version},
                             started=has_started(invitee.meeting))
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            invitation_services.invitee_status_set(actor=request.user, invitee=invitee,
                                                   status=form.cleaned_data["status"],
                                                   version=form.cleaned_data["version"])
        except StaleEdit as stale:
            form, status = _stale_form(request, stale), 409
            invitee = stale.current
        except Refused as refused:
            form.add_error(None, str(refused))
        else:
            messages.success(request, f"The status for {invitee.name} has been saved.")
            return redirect("meetings:detail", meeting_id=invitee.meeting_id)
    return render(request, "meetings/invitations/invitee.html", {
        "page_title": f"Invitation: {invitee.name}", "invitee": invitee, "form": form,
        "page_has_errors": bool(form.errors), "rows": invitation_presenters.invitee_rows(invitee),
        "back_href": meeting_href(invitee.meeting),
        "letter": access.may_download_letter(request.user, invitee),
    }, status=status)


@page_access.roles_required(*access.INVITERS)
def invitee_letter(request, invitee_id):
    invitee = invitation_selectors.invitee_for_letter(actor=request.user, invitee_id=invitee_id)
    pdf = render_pdf("meetings/letters/invitation.html", invitation_presenters.letter_context(invitee))
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{invitation_presenters.letter_filename(invitee)}"'
    # The letter names the child: no shared or browser cache keeps a copy.
    response["Cache-Control"] = "no-store"
    return response


def _link_problem(request, *, expired: LinkExpired | None):
    return render(request, "meetings/invitations/link_problem.html", {
        "page_title": "This link has expired" if expired else "This link is not valid", "minimal_page": True,
        "expired": expired is not None, "cancelled": bool(expired and expired.cancelled),
        "inviter": person_name(expired.invitee.invited_by) if expired else "", "contact_email": ical.organizer_email(),
    }, status=410 if expired else 404)


@page_access.public
@never_cache
def invitation_respond(request, token):
    """GET only shows what the answer will be, with a button: mail scanners follow links, so only the
    POST (with its CSRF token) records anything."""
    try:
        if request.method == "POST":
            invitee = invitation_services.invitee_respond(token=token, answer=request.POST.get("answer", ""))
            answer = invitation_services.ACCEPT if invitee.status == Invitee.Status.ACCEPTED else "decline"
            return render(request, "meetings/invitations/thanks.html", {
                "page_title": "Thank you for letting us know", "minimal_page": True,
                **invitation_presenters.respond_context(invitee, answer)})
        invitee, answer = invitation_selectors.invitation_from_token(token)
    except LinkExpired as expired:
        return _link_problem(request, expired=expired)
    except LinkInvalid:
        return _link_problem(request, expired=None)
    return render(request, "meetings/invitations/respond.html", {
        "page_title": "Can you come to the meeting?" if answer == invitation_services.ACCEPT
        else "You cannot come to the meeting", "minimal_page": True, "answer": answer,
        **invitation_presenters.respond_context(invitee, answer)})
