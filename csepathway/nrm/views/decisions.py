"""Recording what happens after the online form is sent: the day it was sent, the reference number,
the reasonable-grounds and conclusive-grounds decisions, and the guardian referral. One small form
page each; a refusal (a decision too early, a stale save) is shown beside the form, nothing lost."""

from django.contrib import messages
from django.shortcuts import redirect
from django.utils import timezone

from csepathway.core import access
from csepathway.core.formatting import govuk_date
from csepathway.core.pages import render_form_page
from csepathway.core.refusals import Refused
from csepathway.core.services import StaleEdit

from .. import clocks, selectors, services
from ..access import REFERRAL_EDITORS
from ..decision_forms import ConclusiveGroundsForm, GuardianForm, ReasonableGroundsForm, ReferenceForm, ReferredForm
from ..forms import YES

STALE = ("Someone else changed this referral while you were editing it, so your changes have not been saved. "
         "What they saved is on the referral's page. Save again only if what you typed should replace it.")


def _form_page(request, referral, form, *, title, submit_text, intro="", status=200):
    return render_form_page(request, form, title=title, submit_text=submit_text, template="nrm/form_page.html",
                            status=status, referral=referral, episode=referral.episode, intro=intro)


def _decision_page(request, referral_id, *, form_class, initial, title, submit_text, save, done, intro):
    """GET shows the form; POST validates it and calls `save(referral, cleaned_data, version)`. A stale save
    (409) or a refusal shows the form again with the reason; success goes back to the referral."""
    referral = selectors.referral_for_editing(actor=request.user, referral_id=referral_id)
    if request.method != "POST":
        form = form_class(initial={**initial(referral), "version": referral.version})
        return _form_page(request, referral, form, title=title, submit_text=submit_text, intro=intro(referral))
    form = form_class(request.POST)
    status = 200
    if form.is_valid():
        try:
            save(referral, form.cleaned_data, form.cleaned_data.get("version") or 0)
        except StaleEdit as stale:
            # Keep what they typed, carry the saved version: saving again is then a deliberate choice.
            data = request.POST.copy()
            data["version"] = str(stale.current.version)
            form = form_class(data)
            form.is_valid()
            form.add_error(None, STALE)
            referral, status = stale.current, 409
        except Refused as refused:
            form.add_error(None, str(refused))
        else:
            messages.success(request, done)
            return redirect("nrm:detail", referral_id=referral.pk)
    return _form_page(request, referral, form, title=title, submit_text=submit_text, intro=intro(referral),
                      status=status)


@access.roles_required(*REFERRAL_EDITORS)
def referral_referred(request, referral_id):
    def save(referral, data, version):
        services.referral_mark_referred(actor=request.user, referral=referral, referred_on=data["referred_on"],
                                        reference=data["reference"], expected_version=version)

    return _decision_page(
        request, referral_id, form_class=ReferredForm, title="Record that you made the referral",
        submit_text="Save", save=save, done="The referral has been recorded as made.",
        initial=lambda r: {"referred_on": r.referred_on or timezone.localdate(), "reference": r.reference},
        intro=lambda r: ("Record this once you have submitted the online form. The reasonable-grounds decision is "
                         f"expected within {clocks.REASONABLE_GROUNDS_WORKING_DAYS} working days of the referral."))


@access.roles_required(*REFERRAL_EDITORS)
def referral_reference(request, referral_id):
    def save(referral, data, version):
        services.referral_reference_set(actor=request.user, referral=referral, reference=data["reference"],
                                        expected_version=version)

    return _decision_page(
        request, referral_id, form_class=ReferenceForm, title="NRM reference number", submit_text="Save",
        save=save, done="The NRM reference number has been saved.", initial=lambda r: {"reference": r.reference},
        intro=lambda r: f"The {r.get_decision_maker_display()} emails the reference number to the first responder.")


def _expected_intro(referral) -> str:
    expected = clocks.reasonable_grounds_expected_on(referral)
    if expected is None:
        return ""
    return (f"The referral was made on {govuk_date(referral.referred_on)}, so the decision was expected by "
            f"{govuk_date(expected)} ({clocks.REASONABLE_GROUNDS_WORKING_DAYS} working days).")


# The two decisions differ only in their form, their service (each with its own rules) and their intro.
_GROUNDS = {
    services.REASONABLE: (ReasonableGroundsForm, services.reasonable_grounds_record),
    services.CONCLUSIVE: (ConclusiveGroundsForm, services.conclusive_grounds_record),
}


def _grounds_page(request, referral_id, *, stage: str, intro):
    form_class, record = _GROUNDS[stage]
    name = services.DECISION_NAMES[stage]

    def save(referral, data, version):
        record(actor=request.user, referral=referral, outcome=data["outcome"], decided_on=data["decided_on"],
               expected_version=version)

    return _decision_page(
        request, referral_id, form_class=form_class, title=f"{name.capitalize()} decision",
        submit_text="Save decision", save=save, done=f"The {name} decision has been recorded.",
        initial=lambda r: {"outcome": getattr(r, stage), "decided_on": getattr(r, f"{stage}_on")}, intro=intro)


@access.roles_required(*REFERRAL_EDITORS)
def reasonable_grounds(request, referral_id):
    return _grounds_page(request, referral_id, stage=services.REASONABLE, intro=_expected_intro)


def _conclusive_intro(referral) -> str:
    earliest = clocks.conclusive_grounds_earliest(referral)
    refusal = clocks.conclusive_grounds_refusal(referral)
    if refusal:
        return refusal
    if earliest and earliest > timezone.localdate():
        return (f"The child has a recovery period of at least {clocks.RECOVERY_DAYS} days after the positive "
                f"reasonable-grounds decision of {govuk_date(referral.reasonable_grounds_on)}. A conclusive-grounds "
                f"decision can be recorded from {govuk_date(earliest)}.")
    return (f"The positive reasonable-grounds decision was on {govuk_date(referral.reasonable_grounds_on)}; the "
            f"recovery period of at least {clocks.RECOVERY_DAYS} days ended on {govuk_date(earliest)}.")


@access.roles_required(*REFERRAL_EDITORS)
def conclusive_grounds(request, referral_id):
    return _grounds_page(request, referral_id, stage=services.CONCLUSIVE, intro=_conclusive_intro)


@access.roles_required(*REFERRAL_EDITORS)
def guardian_referral(request, referral_id):
    def save(referral, data, version):
        services.guardian_referral_record(actor=request.user, referral=referral, referred=data["referred"] == YES,
                                          referred_on=data["referred_on"], expected_version=version)

    def initial(referral):
        answer = {True: "yes", False: "no"}.get(referral.guardian_referred, "")
        return {"referred": answer, "referred_on": referral.guardian_referred_on}

    return _decision_page(
        request, referral_id, form_class=GuardianForm, title="Independent Child Trafficking Guardian",
        submit_text="Save", save=save, done="The guardian referral has been recorded.", initial=initial,
        intro=lambda r: "Independent Child Trafficking Guardians give specialist support to trafficked children, "
                        "where the service runs in your area.")
