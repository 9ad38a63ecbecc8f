from django import forms

from csepathway.core.forms import AnswerWithReasonForm, GovukDateField
from csepathway.core.wording import say_lazy

from .models import ClosureReason, Conversation, Source


class ConcernForm(forms.Form):
    concern = forms.CharField(
        label="What is your concern?", widget=forms.Textarea,
        help_text="Say what you have seen or been told, when, and by whom. Use plain words and do not blame the child.",
        error_messages={"required": "Describe your concern"},
    )


class ManagerAdviceForm(forms.Form):
    manager = forms.ModelChoiceField(label="Which Team Manager gave the advice?", queryset=None,
                                     error_messages={"required": "Select the Team Manager"})
    given_on = GovukDateField(label="When was the advice given?", past_only=True,
                              error_messages={"required": "Enter the date the advice was given"})
    advice = forms.CharField(label="What was the advice?", widget=forms.Textarea,
                             error_messages={"required": "Enter the advice"})

    def __init__(self, *args, managers, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["manager"].queryset = managers


class AdviceRequestForm(forms.Form):
    question = forms.CharField(label="What would you like advice on?", widget=forms.Textarea,
                               help_text="Your Team Managers are emailed a link to this episode; the email says "
                                         "nothing about the child.",
                               error_messages={"required": "Enter what you would like advice on"})


class ConversationForm(forms.Form):
    held_with = forms.ChoiceField(label="Who did you talk to?", choices=Conversation.With.choices,
                                  widget=forms.RadioSelect, error_messages={"required": "Select who you talked to"})
    held_on = GovukDateField(label="When did you talk?", past_only=True,
                             error_messages={"required": "Enter the date of the conversation"})
    people = forms.CharField(label="Who took part?", max_length=200,
                             help_text="For example: the child and her foster carer",
                             error_messages={"required": "Enter who took part"})
    views = forms.CharField(label="What did they say? Use their own words", widget=forms.Textarea,
                            error_messages={"required": "Enter their views in their own words"})


class SubmitForm(forms.Form):
    source = forms.ChoiceField(label="Which system is this coming through?", choices=Source.choices,
                               widget=forms.RadioSelect, error_messages={"required": "Select the system"})
    source_reference = forms.CharField(label="The child's reference in that system", max_length=40, required=False,
                                       help_text="For example LCS-100234. Not needed for direct referrals.")

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("source") in (Source.LCS, Source.EHM) and not cleaned.get("source_reference"):
            self.add_error("source_reference", "Enter the child's reference in LCS or EHM")
        return cleaned


class CloseForm(forms.Form):
    reason = forms.ChoiceField(label="Why is the episode closing?", choices=ClosureReason.choices,
                               widget=forms.RadioSelect,
                               error_messages={"required": "Select why the episode is closing"})
    detail = forms.CharField(label="More detail", widget=forms.Textarea, required=False)
    # Closing cannot be undone, so it is said and agreed to, not done with one click.
    confirm = forms.BooleanField(
        label="I understand that a closed episode cannot be opened again: new worries start a new episode",
        error_messages={"required": "Confirm that you want to close the episode: it cannot be opened again"})

    def closure(self) -> dict:
        return {"reason": self.cleaned_data["reason"], "detail": self.cleaned_data["detail"]}

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("reason") == ClosureReason.OTHER and not cleaned.get("detail", "").strip():
            self.add_error("detail", "Explain why the episode is closing")
        return cleaned


class ReviewForm(forms.Form):
    risk_level = forms.ChoiceField(label="What is the risk level?", widget=forms.RadioSelect, choices=(),
                                   error_messages={"required": "Select the risk level"})
    mase_required = forms.TypedChoiceField(
        label=say_lazy("Is a MASE meeting needed?"), widget=forms.RadioSelect, coerce=lambda v: v == "yes",
        choices=[("yes", say_lazy("Yes, a MASE meeting is needed")),
                 ("no", say_lazy("No, a MASE meeting is not needed"))],
        error_messages={"required": say_lazy("Select whether a MASE meeting is needed")})
    rationale = forms.CharField(label="Why?", widget=forms.Textarea,
                                error_messages={"required": "Explain your view"})
    next_steps = forms.CharField(label="Next steps", widget=forms.Textarea, required=False)

    def __init__(self, *args, risk_levels, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["risk_level"].choices = risk_levels


class ReturnForm(forms.Form):
    reason = forms.CharField(label="What more do you need from the practitioner?", widget=forms.Textarea,
                             error_messages={"required": "Say what more information you need"})


class WorkspaceFilterForm(forms.Form):
    state = forms.ChoiceField(label="Status", required=False)
    risk_level = forms.ChoiceField(label="Risk level", required=False)
    team = forms.ChoiceField(label="Team", required=False)

    def __init__(self, *args, states, risk_levels, teams, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["state"].choices = [("", "Open (not closed)")] + states
        self.fields["risk_level"].choices = [("", "Any")] + risk_levels
        self.fields["team"].choices = [("", "Any")] + teams


class SignOffDecisionForm(AnswerWithReasonForm):
    """The Team Manager's answer to a request for sign-off (docs/adr/0043)."""

    agree = forms.TypedChoiceField(
        label="Your answer", widget=forms.RadioSelect, coerce=lambda value: value == "yes",
        choices=[("yes", "I sign off this assessment: it can go to the CSE team"),
                 ("no", "Return it to the practitioner with comments")],
        error_messages={"required": "Select whether you sign off the assessment"})
    comment = forms.CharField(
        label="Comments for the practitioner", widget=forms.Textarea, required=False,
        help_text="Needed if you return it: say what should change.")
    reason_needed = "Say what the practitioner should change"


class SignOffRequestForm(forms.Form):
    """Asking for sign-off is one button: the form carries nothing but the CSRF token."""
