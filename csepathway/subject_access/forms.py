"""Forms for starting, reviewing and releasing a subject access request."""

from django import forms

from csepathway.core.forms import GovukDateField

from .exemptions import OTHER, exemption_choices
from .models import BundleItem
from .redaction import missing_phrases

Decision = BundleItem.Decision


class StartForm(forms.Form):
    reference = forms.CharField(
        label="Child's LCS or EHM reference, or child id", max_length=60,
        error_messages={"required": "Enter the child's LCS or EHM reference, or their child id"})
    requester = forms.CharField(
        label="Who made the request", widget=forms.Textarea,
        help_text="The child, or who is acting for them and how they are entitled to (for example, "
                  "a parent with parental responsibility, or a solicitor with the child's consent)",
        error_messages={"required": "Enter who made the request"})
    received_on = GovukDateField(
        label="Date the request was received", past_only=True, help_text="For example, 27 3 2026",
        error_messages={"required": "Enter the date the request was received"})


class ItemReviewForm(forms.Form):
    decision = forms.ChoiceField(
        label="What should be released?", widget=forms.RadioSelect,
        choices=[(d.value, d.label) for d in (Decision.RELEASE, Decision.REDACT, Decision.WITHHOLD)],
        error_messages={"required": "Select what should be released"})
    exemption = forms.ChoiceField(label="Exemption", required=False, widget=forms.RadioSelect,
                                  help_text="Needed when you withhold the item or redact parts of it")
    exemption_detail = forms.CharField(label="If other, the exemption and why it applies", required=False,
                                       max_length=300)
    redactions = forms.CharField(
        label="Phrases to redact", required=False, widget=forms.Textarea,
        help_text="Copy each phrase exactly as it appears in the record, one phrase a line. "
                  "Every place it appears will be removed.")
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, item: BundleItem, **kwargs):
        super().__init__(*args, **kwargs)
        self.item = item
        self.fields["exemption"].choices = exemption_choices()

    def clean(self):
        data = super().clean()
        decision = data.get("decision")
        if decision in (Decision.WITHHOLD, Decision.REDACT) and not data.get("exemption"):
            self.add_error("exemption", "Select the exemption that applies")
        other = data.get("exemption") == OTHER and decision != Decision.RELEASE
        if other and not data.get("exemption_detail", "").strip():
            self.add_error("exemption_detail", "Enter the exemption and why it applies")
        phrases = [line.strip() for line in data.get("redactions", "").splitlines() if line.strip()]
        if decision == Decision.REDACT:
            if not phrases:
                self.add_error("redactions", "Enter at least one phrase to redact")
            else:
                missing = missing_phrases(f"{self.item.title}\n{self.item.text}", phrases)
                if missing:
                    self.add_error("redactions", "These phrases do not appear in the record, so nothing would be "
                                                 "removed: " + "; ".join(f"“{p}”" for p in missing))
        data["phrases"] = phrases
        return data


class ReleaseForm(forms.Form):
    confirm = forms.BooleanField(
        label="I have checked every item and the exemptions applied", required=True,
        error_messages={"required": "Confirm you have checked every item before you release the bundle"})
    version = forms.IntegerField(widget=forms.HiddenInput)


class GatherForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
