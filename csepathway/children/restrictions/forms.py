from django import forms

from csepathway.core.forms import GovukDateField

from ..models import BreakGlassGrant, RestrictionReason


def _person_label(user) -> str:
    where = f", {user.team.name}" if user.team_id else ""
    return f"{user} ({user.get_role_display()}{where})"


class _AllowListFields(forms.Form):
    allowed_users = forms.ModelMultipleChoiceField(
        label="People who may see the record", queryset=None, required=False, widget=forms.CheckboxSelectMultiple,
        help_text="You are added automatically. Only people who would see the record anyway can be let in.")
    allowed_teams = forms.ModelMultipleChoiceField(
        label="Teams who may see the record", queryset=None, required=False, widget=forms.CheckboxSelectMultiple)

    def __init__(self, *args, users, teams, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["allowed_users"].queryset = users
        self.fields["allowed_users"].label_from_instance = _person_label
        self.fields["allowed_teams"].queryset = teams


class RestrictionForm(_AllowListFields):
    reason = forms.ChoiceField(label="Why is the record being restricted?", choices=RestrictionReason.choices,
                               widget=forms.RadioSelect, error_messages={"required": "Choose a reason"})
    reason_detail = forms.CharField(label="Say more about the reason", required=False, widget=forms.Textarea,
                                    help_text="Needed when the reason is ‘Another reason’")
    review_due = GovukDateField(label="Review the restriction by", required=False,
                                help_text="Leave blank for 90 days from today")

    field_order = ["reason", "reason_detail", "allowed_users", "allowed_teams", "review_due"]

    def clean(self):
        data = super().clean()
        if data.get("reason") == RestrictionReason.OTHER and not (data.get("reason_detail") or "").strip():
            self.add_error("reason_detail", "Say why the record is restricted")
        return data


class RestrictionReviewForm(_AllowListFields):
    note = forms.CharField(label="Why is the restriction still needed?", widget=forms.Textarea,
                           error_messages={"required": "Say why the restriction is still needed"})
    next_review_due = GovukDateField(label="Next review by", error_messages={"required": "Enter the next review date"})

    field_order = ["note", "allowed_users", "allowed_teams", "next_review_due"]


class LiftRequestForm(forms.Form):
    reason = forms.CharField(label="Why can the restriction be lifted?", widget=forms.Textarea,
                             error_messages={"required": "Say why the restriction can be lifted"})


class LiftDeclineForm(forms.Form):
    reason = forms.CharField(label="Why must the restriction stay?", widget=forms.Textarea,
                             help_text="The person who asked sees this on the restriction page, not in the email.",
                             error_messages={"required": "Say why the restriction must stay"})


class ReferenceForm(forms.Form):
    reference = forms.CharField(label="LCS or EHM reference", max_length=40,
                                help_text="The exact reference, for example LCS-100234",
                                widget=forms.TextInput(attrs={"spellcheck": False, "class": "govuk-input--width-20"}),
                                error_messages={"required": "Enter the child's LCS or EHM reference"})

    def clean_reference(self):
        return self.cleaned_data["reference"].strip()


class EmergencyReasonForm(forms.Form):
    reason = forms.CharField(
        label="Why do you need to open this record now?", widget=forms.Textarea, min_length=10,
        help_text="Information governance reads this. Say what is happening and why it cannot wait.",
        error_messages={"required": "Say why you need to open this record now",
                        "min_length": "Say why you need to open this record now, in a sentence or more"})


class GrantReviewForm(forms.Form):
    outcome = forms.ChoiceField(label="What did you find?", choices=BreakGlassGrant.Outcome.choices,
                                widget=forms.RadioSelect, error_messages={"required": "Choose what you found"})
    note = forms.CharField(label="Note", required=False, widget=forms.Textarea,
                           help_text="Needed unless the access was justified")

    def clean(self):
        data = super().clean()
        if data.get("outcome") and data["outcome"] != BreakGlassGrant.Outcome.JUSTIFIED and not (
                data.get("note") or "").strip():
            self.add_error("note", "Say what you found")
        return data
