"""A service's "no": one exception for every refusal a person can act on, and one way for a view to
show it beside the form that asked.

A service raises `Refused("a plain sentence")` when what was asked cannot be done as things stand
(the meeting is cancelled, the proposal was already decided); the sentence is shown as it is, so it
says why and what to do, in the users' words. Permission failures are not refusals: they are 403 or
404, and say nothing."""

from contextlib import contextmanager


class Refused(Exception):
    """`field` names the form field the sentence belongs beside; None puts it above the form."""

    def __init__(self, message: str, *, field: str | None = None):
        super().__init__(message)
        self.field = field


@contextmanager
def refusal_as_form_error(form, field: str | None = None):
    """Run the service call (and what follows it) inside this block. A refusal becomes an error on
    the form, everything typed stays, and the view carries on to show the form again.

        with refusal_as_form_error(form):
            services.meeting_cancel(actor=request.user, meeting=meeting, reason=...)
            messages.success(request, "The meeting has been cancelled.")
            return redirect(...)
        return render(request, ..., {"form": form})
    """
    try:
        yield
    except Refused as refused:
        form.add_error(refused.field or field, str(refused))


@contextmanager
def refusal_as_message(request):
    """For a button with no form of its own (remove a piece, publish): the refusal is shown as an
    error banner on the page the view returns to."""
    from django.contrib import messages

    try:
        yield
    except Refused as refused:
        messages.error(request, str(refused))
