"""Forms for recording a meeting's minutes: an item's minutes, an action, a need and intervention."""

import datetime as dt

from django import forms

from csepathway.children.models import PLANS_FOR_NEEDS
from csepathway.core.formatting import govuk_date
from csepathway.core.forms import GovukDateField

from ..models import Action


class ItemMinutesForm(forms.Form):
    information_shared = forms.CharField(
        label="What information was shared?", widget=forms.Textarea,
        help_text="What each agency told the meeting about the child, in plain words",
        error_messages={"required": "Enter the information shared at the meeting"})
    risk_level = forms.ChoiceField(
        label="What risk level did the group agree?", widget=forms.RadioSelect,
        error_messages={"required": "Select the risk level the group agreed"})
    risk_level_rationale = forms.CharField(
        label="Why did the group agree this risk level?", widget=forms.Textarea,
        error_messages={"required": "Explain why the group agreed this risk level"})
    next_review_on = GovukDateField(label="Date of the next review", required=False)
    version = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=0)

    def __init__(self, *args, meeting_day: dt.date, levels: list[dict], current_level_label: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.meeting_day = meeting_day
        self.weeks = {level["code"]: int(level["review_weeks"]) for level in levels}
        self.fields["risk_level"].choices = [(level["code"], level.get("long_label") or level["label"])
                                             for level in levels]
        self.fields["risk_level"].help_text = (f"Before this meeting the level was {current_level_label}. "
                                               "Choose it again to confirm it, or choose another to change it.")
        defaults = "; ".join(f"{level['label']}: {self.weeks[level['code']]} weeks, "
                             f"{govuk_date(self.default_review(level['code']))}" for level in levels)
        self.fields["next_review_on"].help_text = (
            f"Leave this blank to use the usual interval for the level agreed ({defaults}). "
            "For example, 27 3 2027")

    def default_review(self, level: str) -> dt.date:
        return self.meeting_day + dt.timedelta(weeks=self.weeks[level])

    def clean(self):
        cleaned = super().clean()
        level, review = cleaned.get("risk_level"), cleaned.get("next_review_on")
        if review is None and level and "next_review_on" not in self.errors:
            # The default the guidance sets for the level agreed; the chair can type another.
            cleaned["next_review_on"] = self.default_review(level)
        elif review is not None and review <= self.meeting_day:
            self.add_error("next_review_on", "The date of the next review must be after the meeting")
        return cleaned

    def minutes_data(self) -> dict:
        data = self.cleaned_data
        return {name: data[name] for name in ("information_shared", "risk_level", "risk_level_rationale",
                                              "next_review_on")}


class ActionForm(forms.Form):
    description = forms.CharField(label="What is to be done?", widget=forms.Textarea,
                                  error_messages={"required": "Enter what is to be done"})
    kind = forms.ChoiceField(label="What kind of action is it?", choices=Action.Kind.choices,
                             widget=forms.RadioSelect,
                             error_messages={"required": "Select whether the action is support or disruption"})
    owner_name = forms.CharField(label="Who will do it? (optional if you choose their account below)",
                                 max_length=200, required=False)
    owner = forms.ModelChoiceField(
        label="Their account on CSE Pathway (optional)", queryset=None, required=False, empty_label="No account",
        help_text="Choose one if they have an account: only people with an account get reminders when it is due")
    agency = forms.CharField(label="Which agency are they from?", max_length=200,
                             error_messages={"required": "Enter the owner's agency"})
    due_on = GovukDateField(label="Due date", help_text="For example, 27 3 2027",
                            error_messages={"required": "Enter the due date"})

    def __init__(self, *args, owners, meeting_day: dt.date, **kwargs):
        super().__init__(*args, **kwargs)
        self.meeting_day = meeting_day
        self.fields["owner"].queryset = owners

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("owner_name", "").strip() and not cleaned.get("owner") and "owner" not in self.errors:
            self.add_error("owner_name", "Enter who will do it, or choose their account")
        due = cleaned.get("due_on")
        if due is not None and due < self.meeting_day:
            self.add_error("due_on", "The due date must be on or after the date of the meeting")
        return cleaned

    def action_data(self) -> dict:
        data = self.cleaned_data
        return {name: data[name] for name in ("description", "kind", "owner_name", "owner", "agency", "due_on")}


class InterventionForm(forms.Form):
    plan = forms.ChoiceField(label="Which plan does this need go into?", widget=forms.RadioSelect,
                             choices=[(plan.value, plan.label) for plan in PLANS_FOR_NEEDS],
                             help_text="The child's current plan is chosen to begin with",
                             error_messages={"required": "Select the plan this need goes into"})
    need = forms.CharField(label="What does the child need?", widget=forms.Textarea,
                           error_messages={"required": "Enter what the child needs"})
    intervention = forms.CharField(label="What was agreed to meet this need?", widget=forms.Textarea,
                                   help_text="This is added to the child's plan when the minutes are published",
                                   error_messages={"required": "Enter what was agreed to meet this need"})
