"""Forms of the action tracker: the filters and the status change."""

from django import forms

from ..models import Action
from .selectors import OPEN


class ActionFilterForm(forms.Form):
    status = forms.ChoiceField(label="Status", required=False,
                               choices=[("", "Any"), (OPEN, "Open (not done)"), *Action.Status.choices])
    kind = forms.ChoiceField(label="Kind", required=False, choices=[("", "Any"), *Action.Kind.choices])
    overdue = forms.BooleanField(label="Overdue only", required=False)


_OUT_OF_DATE = "Open the action again and choose the status"


class ActionStatusForm(forms.Form):
    status = forms.ChoiceField(label="What is the status of this action?", choices=Action.Status.choices,
                               widget=forms.RadioSelect, error_messages={"required": "Select the status"})
    # The version the editor saw: a save against an older one is refused, never silently applied.
    version = forms.IntegerField(widget=forms.HiddenInput, error_messages={
        "required": _OUT_OF_DATE, "invalid": _OUT_OF_DATE})
