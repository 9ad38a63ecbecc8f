"""The screening form, built from the tool version it is shown with. The version's id travels in a
hidden field, so the answers are stored against the version the practitioner saw."""

from django import forms

from csepathway.core.forms import AnswerWithReasonForm
from csepathway.core.forms_rendering import checkbox_items
from csepathway.core.models import ConfigurationVersion

from .models import Outcome
from .services import contradicts_itself

NOT_PRESENT = "absent"
NOT_PRESENT_LABEL = "Not present"


def _choices(items) -> list[tuple[str, str]]:
    return [(item["code"], item["label"]) for item in items]


class ScreeningForm(forms.Form):
    tool_version = forms.CharField(widget=forms.HiddenInput)
    # The episode's version when the page was shown: a screening saved by someone else meanwhile is
    # not silently replaced (see episodes.screening_services).
    episode_version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, tool: ConfigurationVersion, **kwargs):
        super().__init__(*args, **kwargs)
        self.tool = tool
        data = tool.data
        self.fields["tool_version"].initial = str(tool.pk)
        windows = [(NOT_PRESENT, NOT_PRESENT_LABEL), *_choices(data.get("time_windows", []))]
        # Each indicator with a time window is one radio question: the significant (sexual
        # exploitation) indicators, and from version 2 the criminal-exploitation indicators beside them.
        self.significant = self._windowed(data.get("significant_indicators", []), "significant", windows)
        self.criminal = self._windowed(data.get("criminal_indicators", []), "criminal", windows)
        self.fields["other_indicators"] = forms.MultipleChoiceField(
            label="Other indicators", required=False, widget=forms.CheckboxSelectMultiple,
            choices=_choices(data.get("other_indicators", [])), help_text="Select all that apply.")
        self.fields["vulnerabilities"] = forms.MultipleChoiceField(
            label="Vulnerabilities", required=False, widget=forms.CheckboxSelectMultiple,
            choices=_choices(data.get("vulnerabilities", [])), help_text="Select all that apply.")
        self.fields["reason"] = forms.CharField(
            label="Why are you screening this child now?", widget=forms.Textarea,
            help_text="For example, what you or others have seen or been told, and when.",
            error_messages={"required": "Enter the reason for screening"})
        self.outcomes = data.get("outcomes", [])
        self.fields["outcome"] = forms.ChoiceField(
            label="Outcome of the screening", widget=forms.RadioSelect, choices=_choices(self.outcomes),
            error_messages={"required": "Select the outcome of the screening"})
        self.fields["no_risk_reason"] = forms.CharField(
            label="If the outcome is 'No current risk' but a significant indicator was seen in the last 6 months, "
                  "say why", widget=forms.Textarea, required=False,
            help_text="Your Team Manager will be asked to agree before this outcome stands.")

    def _windowed(self, items, prefix: str, windows) -> list[tuple[str, str]]:
        names = []
        for item in items:
            name = f"{prefix}_{item['code']}"
            self.fields[name] = forms.ChoiceField(
                label=item["label"], choices=windows, widget=forms.RadioSelect,
                error_messages={"required": f"Select when '{item['label']}' was seen, or select "
                                            f"'{NOT_PRESENT_LABEL}'"})
            names.append((item["code"], name))
        return names

    # The fields in the order the page groups them.
    def significant_fields(self):
        return [self[name] for _code, name in self.significant]

    def criminal_fields(self):
        return [self[name] for _code, name in self.criminal]

    def checkbox_items(self, name: str) -> list[dict]:
        return checkbox_items(self[name])

    def outcome_items(self) -> list[dict]:
        """GOV.UK radio items for the outcome, each with what it means as its hint."""
        selected = self["outcome"].value()
        return [{"value": item["code"], "text": item["label"], "checked": item["code"] == selected,
                 "hint": {"text": item.get("meaning", "")}} for item in self.outcomes]

    def clean(self):
        cleaned = super().clean()
        significant, criminal = self._present(self.significant, cleaned), self._present(self.criminal, cleaned)
        cleaned["significant_indicators"], cleaned["criminal_indicators"] = significant, criminal
        if (cleaned.get("outcome") == Outcome.AT_RISK and not significant and not criminal
                and not cleaned.get("other_indicators")):
            unanswered = any(name in self.errors for _code, name in [*self.significant, *self.criminal])
            if not unanswered:
                self.add_error("outcome", "You selected 'At risk' but no indicators: select the indicators you "
                                          "have seen, or select 'No current risk'")
        if (cleaned.get("outcome") and contradicts_itself(significant_indicators=significant,
                                                          criminal_indicators=criminal, outcome=cleaned["outcome"])
                and not (cleaned.get("no_risk_reason") or "").strip()):
            self.add_error("no_risk_reason", "Say why there is no current risk when a significant indicator was "
                                             "seen in the last 6 months, or select 'At risk'")
        return cleaned

    @staticmethod
    def _present(names, cleaned) -> dict:
        return {code: cleaned[name] for code, name in names if cleaned.get(name) and cleaned[name] != NOT_PRESENT}

    def answers(self) -> dict:
        """The answers, as the screening service takes them."""
        data = self.cleaned_data
        return {
            "significant_indicators": data["significant_indicators"],
            "criminal_indicators": data["criminal_indicators"],
            "other_indicators": data["other_indicators"],
            "vulnerabilities": data["vulnerabilities"],
            "reason": data["reason"],
            "outcome": data["outcome"],
            "no_risk_reason": data.get("no_risk_reason", ""),
        }


class ScreeningAgreementForm(AnswerWithReasonForm):
    """The Team Manager's answer to a screening that contradicts itself."""

    agree = forms.TypedChoiceField(
        label="Your answer", widget=forms.RadioSelect, coerce=lambda value: value == "yes",
        choices=[("yes", "I agree there is no current risk"),
                 ("no", "I do not agree: the practitioner should screen again")],
        error_messages={"required": "Select whether you agree there is no current risk"})
    comment = forms.CharField(
        label="Comments for the practitioner", widget=forms.Textarea, required=False,
        help_text="Needed if you do not agree: say what the practitioner should look at again.")
    reason_needed = "Say why you do not agree, so the practitioner knows what to look at again"
