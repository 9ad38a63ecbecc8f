from django import forms

from csepathway.core.forms import GovukDateField

from .models import Gender, LacLegalStatus, Plan


class ChildForm(forms.Form):
    first_name = forms.CharField(label="First name", max_length=100,
                                 error_messages={"required": "Enter the child's first name"})
    last_name = forms.CharField(label="Last name", max_length=100,
                                error_messages={"required": "Enter the child's last name"})
    aliases = forms.CharField(
        label="Other names, aliases and nicknames", required=False, widget=forms.Textarea,
        help_text="One on each line. Include street names and online usernames the child is known by.",
    )
    date_of_birth = GovukDateField(label="Date of birth", past_only=True, help_text="For example, 27 3 2011",
                                   error_messages={"required": "Enter the child's date of birth"})
    gender = forms.ChoiceField(label="Gender", choices=Gender.choices, widget=forms.RadioSelect,
                               error_messages={"required": "Select the child's gender"})
    ethnicity = forms.CharField(label="Ethnicity", max_length=100, required=False)
    first_language = forms.CharField(label="First language", max_length=60, required=False)
    has_learning_disability = forms.BooleanField(label="The child has a learning disability", required=False)
    has_send = forms.BooleanField(label="The child has special educational needs or a disability (SEND)",
                                  required=False)
    address = forms.CharField(label="Address", required=False, widget=forms.Textarea)
    address_protected = forms.BooleanField(
        label="The address is protected (for example a refuge or a confidential placement)", required=False)
    school = forms.CharField(label="School or college", max_length=200, required=False)
    plan = forms.ChoiceField(label="Current plan", choices=Plan.choices, widget=forms.RadioSelect,
                             error_messages={"required": "Select the child's current plan"})
    lac_legal_status = forms.ChoiceField(
        label="Legal status (looked after children only)", required=False,
        choices=[("", "Not looked after")] + list(LacLegalStatus.choices),
    )
    lcs_reference = forms.CharField(label="LCS reference", max_length=40, required=False)
    ehm_reference = forms.CharField(label="EHM reference", max_length=40, required=False)
    allocated_team = forms.ModelChoiceField(label="Allocated team", queryset=None, required=False,
                                            empty_label="Not allocated")
    allocated_worker = forms.ModelChoiceField(label="Allocated worker", queryset=None, required=False,
                                              empty_label="Not allocated")
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, teams, workers, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["allocated_team"].queryset = teams
        self.fields["allocated_worker"].queryset = workers

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("plan") == Plan.LAC and not cleaned.get("lac_legal_status"):
            self.add_error("lac_legal_status", "Select the legal status for a looked after child")
        return cleaned

    def alias_list(self) -> list[str]:
        return [line for line in self.cleaned_data.get("aliases", "").splitlines() if line.strip()]

    def record_data(self) -> dict:
        return {k: v for k, v in self.cleaned_data.items() if k not in ("aliases", "version")}


class ChildSearchForm(forms.Form):
    q = forms.CharField(
        label="Search by name, alias, date of birth or LCS or EHM reference", required=False, max_length=100,
        help_text="For example, Sky Testchild, 14/02/2011 or LCS-100234",
    )
