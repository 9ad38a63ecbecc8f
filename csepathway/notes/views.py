from django.shortcuts import render

from csepathway.core import access

from . import selectors, services


@access.signed_in
def case_note_detail(request, note_id):
    note = selectors.case_note_get(actor=request.user, note_id=note_id)
    services.case_note_mark_read(actor=request.user, note=note)
    return render(request, "notes/detail.html", {"page_title": note.title, "note": note})
