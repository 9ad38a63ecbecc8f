"""Partner information reports: write a draft, add its pieces, check and send it to the police,
and (the police coordinator only) record the police reference and grading. Thin: forms, selectors
and services."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.views.decorators.http import require_POST
from markupsafe import Markup

from csepathway.core import access as page_access
from csepathway.core.pages import posted, render_form_page
from csepathway.core.refusals import Refused, refusal_as_form_error, refusal_as_message
from csepathway.core.services import StaleEdit
from csepathway.episodes import selectors as episode_selectors

from . import access, presenters, selectors, services
from .forms import GradeForm, ReportForm, SendForm
from .offers import offer_initial, offers
from .pieces import PIECES

STALE_REPORT = ("Someone else changed this report while you were working on it. It is shown below as it is now: "
                "check it and make your changes again.")


def _detail(report) -> str:
    return reverse("intelligence:detail", args=[report.pk])


def _form_page(request, form, title, submit_text, *, caption, back_href, back_text="Back to the report",
               status=200, **extra):
    return render_form_page(request, form, title=title, submit_text=submit_text, caption=caption,
                            back_href=back_href, back_text=back_text, status=status, **extra)


def _editable(request, report_id):
    report = selectors.report_get(actor=request.user, report_id=report_id, purpose="edited")
    if not access.may_edit_report(request.user, report):
        raise PermissionDenied
    return report


def _report_initial(report) -> dict:
    return {name: getattr(report, name) for name in services.REPORT_FIELDS} | {"version": report.version}


@page_access.signed_in
def report_new(request, episode_id):
    episode = episode_selectors.episode_get(actor=request.user, episode_id=episode_id)
    if not access.may_draft_report(request.user, episode):
        raise PermissionDenied
    form = ReportForm(posted(request))
    if request.method == "POST" and form.is_valid():
        report = services.report_create(actor=request.user, episode=episode, data=form.cleaned_data)
        messages.success(request, "Your draft report has been saved. Add the people, vehicles, phone numbers and "
                                  "places it names, then check and send it.")
        return redirect(_detail(report))
    return _form_page(request, form, "Write an intelligence report", "Save draft", caption=episode.child.full_name,
                      back_href=reverse("episodes:detail", args=[episode.pk]), back_text="Back to the episode",
                      intro="A partner information report for the police Force Intelligence Bureau. Keep it short "
                            "and factual. The police grade it, not you.")


@page_access.signed_in
def report_detail(request, report_id):
    report = selectors.report_with_pieces(actor=request.user, report_id=report_id)
    return render(request, "intelligence/report_detail.html", {
        "page_title": "Intelligence report", "report": report, "pieces": PIECES.values(),
        **presenters.report_page(report, request.user)})


@page_access.signed_in
def report_edit(request, report_id):
    report = _editable(request, report_id)
    form = ReportForm(posted(request), initial=_report_initial(report))
    if request.method == "POST" and form.is_valid():
        try:
            services.report_update(actor=request.user, report=report, data=form.cleaned_data,
                                   expected_version=form.expected_version())
        except StaleEdit as stale:
            form = ReportForm(initial=_report_initial(stale.current))
            return _form_page(request, form, "Change the report", "Save changes", caption=report.child.full_name,
                              back_href=_detail(report), warning=STALE_REPORT, status=409)
        except Refused as refused:
            form.add_error(None, str(refused))
        else:
            messages.success(request, "The report has been saved.")
            return redirect(_detail(report))
    return _form_page(request, form, "Change the report", "Save changes", caption=report.child.full_name,
                      back_href=_detail(report))


@page_access.signed_in
def piece_add(request, report_id, kind):
    piece_type = PIECES.get(kind)
    if piece_type is None:
        raise Http404("No such piece")
    report = _editable(request, report_id)
    assessment = report.episode.assessment if report.episode_id else None
    chosen = offer_initial(assessment, kind, request.GET.get("use", "")) if request.method == "GET" else {}
    form = piece_type.form(posted(request), initial=chosen)
    if request.method == "POST" and form.is_valid():
        with refusal_as_form_error(form):
            services.piece_add(actor=request.user, report=report, kind=kind, data=form.cleaned_data)
            messages.success(request, f"The {piece_type.noun} has been added to the report.")
            return redirect(_detail(report))
    from_assessment = offers(assessment, kind)
    aside = render_to_string("intelligence/offers.html", {"offers": from_assessment, "noun": piece_type.noun},
                             request=request) if from_assessment else ""
    return _form_page(request, form, piece_type.add_label, f"Add {piece_type.noun}",
                      caption=report.subject, back_href=_detail(report), aside=Markup(aside))  # noqa: S704


@require_POST
@page_access.signed_in
def piece_remove(request, report_id, kind, piece_id):
    if kind not in PIECES:
        raise Http404("No such piece")
    report = _editable(request, report_id)
    with refusal_as_message(request):
        services.piece_remove(actor=request.user, report=report, kind=kind, piece_id=piece_id)
        messages.success(request, f"The {PIECES[kind].noun} has been removed from the report.")
    return redirect(_detail(report))


@page_access.signed_in
def report_send(request, report_id):
    report = selectors.report_with_pieces(actor=request.user, report_id=report_id, purpose="checked")
    if report.status != report.Status.DRAFT and report.sent_by_id == request.user.pk:
        # The second click of a double-click, arriving after the first has sent it.
        messages.success(request, "The report has been sent to the police intelligence mailbox.")
        return redirect(_detail(report))
    if not access.may_edit_report(request.user, report):
        raise PermissionDenied
    form = SendForm(posted(request), initial={"version": report.version})
    error = ""
    if request.method == "POST" and form.is_valid():
        try:
            services.report_send(actor=request.user, report=report, expected_version=form.expected_version())
        except StaleEdit:
            error = "The report changed after you opened this page. Check it again below before you send it."
            report = selectors.report_with_pieces(actor=request.user, report_id=report_id, purpose="checked")
            form = SendForm(initial={"version": report.version})
        except Refused as refused:
            error = str(refused)
        else:
            messages.success(request, "The report has been sent to the police intelligence mailbox.")
            return redirect(_detail(report))
    return render(request, "intelligence/send.html", {
        "page_title": "Check the report before you send it", "report": report, "form": form, "error": error,
        "page_has_errors": bool(error), "mailbox_missing": not services.police_mailbox(),
        **presenters.report_page(report, request.user), "piece_groups": presenters.piece_cards(report, removable=False),
    }, status=400 if error else 200)


@page_access.roles_required(*access.GRADERS)
def report_grade(request, report_id):
    report = selectors.report_get(actor=request.user, report_id=report_id, purpose="grading_viewed")
    if not access.may_grade_report(request.user, report):
        messages.error(request, "This report has not been sent yet, so it cannot be graded.")
        return redirect(_detail(report))
    initial = {name: getattr(report, name) for name in services.GRADING_FIELDS} | {"version": report.version}
    form = GradeForm(posted(request), initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.report_grade(actor=request.user, report=report, data=form.cleaned_data,
                                  expected_version=form.expected_version())
        except StaleEdit:
            form.add_error(None, "Someone else changed this report while you were grading it. Open it again "
                                 "and check it before you grade it.")
        except Refused as refused:
            form.add_error(None, str(refused))
        else:
            messages.success(request, "The police reference and grading have been recorded.")
            return redirect(_detail(report))
    return _form_page(request, form, "Record the police reference and grading", "Save grading",
                      caption=report.subject, back_href=_detail(report),
                      intro="The 3x5x2 grading: source evaluation, intelligence assessment and handling code.")
