"""Forms for what happens after the online form is sent: the day it was sent and the reference, the
reasonable-grounds and conclusive-grounds decisions, and the guardian referral. Every one carries the
version the page was opened with, so a stale save is refused."""

from django import forms

from csepathway.core.forms import GovukDateField

from .forms import NO, YES, YES_NO
from .models import Outcome


class _Versioned(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)


def _date(label: str, message: str, help_text: str = "For example, 27 3 2026") -> GovukDateField:
    return GovukDateField(label=label, past_only=True, help_text=help_text, error_messages={"required": message})


def _outcome(label: str, message: str) -> forms.ChoiceField:
    return forms.ChoiceField(label=label, choices=Outcome.choices, widget=forms.RadioSelect,
                             error_messages={"required": message})


class ReferredForm(_Versioned):
    referred_on = _date("When did you submit the online form?", "Enter the date you submitted the online form")
    reference = forms.CharField(label="NRM reference number (if you have it)", max_length=60, required=False,
                                help_text="The decision maker emails it to you. You can add it later.",
                                widget=forms.TextInput(attrs={"spellcheck": False}))


class ReferenceForm(_Versioned):
    reference = forms.CharField(label="NRM reference number", max_length=60,
                                widget=forms.TextInput(attrs={"spellcheck": False}),
                                error_messages={"required": "Enter the NRM reference number"})


class ReasonableGroundsForm(_Versioned):
    outcome = _outcome("What was the reasonable-grounds decision?", "Select the reasonable-grounds decision")
    decided_on = _date("Date of the decision", "Enter the date of the reasonable-grounds decision")


class ConclusiveGroundsForm(_Versioned):
    outcome = _outcome("What was the conclusive-grounds decision?", "Select the conclusive-grounds decision")
    decided_on = _date("Date of the decision", "Enter the date of the conclusive-grounds decision")


class GuardianForm(_Versioned):
    referred = forms.ChoiceField(
        label="Has the child been referred to the Independent Child Trafficking Guardian service?",
        choices=YES_NO, widget=forms.RadioSelect,
        error_messages={"required": "Select whether the child has been referred to the guardian service"})
    referred_on = GovukDateField(label="Date of the referral", past_only=True, required=False,
                                 help_text="For example, 27 3 2026")

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("referred") == YES and cleaned.get("referred_on") is None and "referred_on" not in self.errors:
            self.add_error("referred_on", "Enter the date of the referral to the guardian service")
        if cleaned.get("referred") == NO:
            cleaned["referred_on"] = None
        return cleaned
