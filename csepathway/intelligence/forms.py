"""Forms for the report, its pieces, the police grading and the register's merge. Error messages
say what to do, as the GOV.UK patterns ask."""

from django import forms

from csepathway.core.forms import GovukDateField

from . import validators
from .models import HowLearned, IntelligenceReport


def _how_learned(label: str = "How did you learn this?") -> forms.ChoiceField:
    return forms.ChoiceField(label=label, choices=HowLearned.choices, widget=forms.RadioSelect,
                             error_messages={"required": "Select how you learned this"})


def _text(label: str, *, required: bool = False, max_length: int = 200, message: str = "", **kwargs):
    return forms.CharField(label=label, required=required, max_length=max_length,
                           error_messages={"required": message} if message else {}, **kwargs)


def _textarea(label: str, *, required: bool = False, message: str = "", **kwargs):
    return forms.CharField(label=label, required=required, widget=forms.Textarea,
                           error_messages={"required": message} if message else {}, **kwargs)


class VersionedForm(forms.Form):
    """Carries the version the page was opened on, so a save on an older version is refused."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def expected_version(self) -> int:
        return self.cleaned_data.get("version") or -1


class ReportForm(VersionedForm):
    subject = _text("Who or what is the report about?", required=True, message="Enter who or what the report is about",
                    help_text="One subject per report: a person, a vehicle, a place. Write another report for "
                              "another subject unless they are linked.", validators=[validators.validate_subject])
    information = _textarea("What is the information?", required=True, message="Enter the information",
                            help_text="Short and factual: what happened, when, where and who was there.")
    how_learned = _how_learned()
    happened_on = GovukDateField(label="When did it happen? (optional)", required=False, past_only=True,
                                 help_text="For example, 27 3 2026")
    learned_on = GovukDateField(label="When did you learn it? (optional)", required=False, past_only=True,
                                help_text="For example, 27 3 2026")


class PersonForm(forms.Form):
    full_name = _text("Full name", required=True, message="Enter the person's full name",
                      help_text="First name and last name. Initials cannot be searched by the police.",
                      widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": False}))
    date_of_birth = GovukDateField(label="Date of birth", required=False, past_only=True,
                                   help_text="If you know it. For example, 14 3 1998")
    aliases = _text("Other names (optional)", max_length=300, help_text="Nicknames, street names or other names")
    description = _textarea("Description (optional)", help_text="Appearance, age if the date of birth is not known, "
                                                                "how they know the child")
    how_learned = _how_learned()

    def clean_full_name(self):
        value = " ".join(self.cleaned_data["full_name"].split())
        validators.validate_full_name(value)
        return value


class VehicleForm(forms.Form):
    registration = _text("Registration", required=True, max_length=12, message="Enter the registration",
                         help_text="For example, AB12 CDE",
                         widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": False,
                                                       "class": "govuk-input--width-10"}))
    make = _text("Make (optional)", max_length=60)
    model = _text("Model (optional)", max_length=60)
    colour = _text("Colour (optional)", max_length=40)
    how_learned = _how_learned()

    def clean_registration(self):
        value = self.cleaned_data["registration"]
        validators.validate_registration(value)
        return validators.normalise_registration(value)


class PhoneForm(forms.Form):
    number = _text("Phone number", required=True, max_length=20, message="Enter the phone number",
                   help_text="A UK number, for example 07700 900 982",
                   widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "off",
                                                 "class": "govuk-input--width-20"}))
    whose = _text("Whose number is it? (optional)")
    how_learned = _how_learned()

    def clean_number(self):
        value = self.cleaned_data["number"]
        validators.validate_phone(value)
        return validators.normalise_phone(value)


class UsernameForm(forms.Form):
    platform = _text("App or website", required=True, max_length=80, message="Enter the app or website",
                     help_text="For example, Snapchat or Instagram")
    handle = _text("Username", required=True, message="Enter the username",
                   widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": False}))
    how_learned = _how_learned()

    def clean_handle(self):
        value = validators.normalise_handle(self.cleaned_data["handle"])
        if not value:
            raise forms.ValidationError("Enter the username")
        return value


class PlaceForm(forms.Form):
    address = _text("Address or place", required=True, max_length=300, message="Enter the address or place",
                    help_text="Include where the child was taken, if that is what you know")
    description = _textarea("Description (optional)")
    how_learned = _how_learned()


class MoneyForm(forms.Form):
    amount = forms.DecimalField(label="Amount in pounds (optional)", required=False, min_value=0, max_digits=10,
                                decimal_places=2, widget=forms.TextInput(attrs={"inputmode": "decimal",
                                                                                "class": "govuk-input--width-10"}),
                                error_messages={"invalid": "Enter the amount as a number, for example 50 or 12.50",
                                                "min_value": "The amount cannot be less than 0",
                                                "max_decimal_places": "Enter the amount in pounds and pence"})
    description = _textarea("What was the money for, and who gave it to whom?", required=True,
                            message="Describe the money")
    how_learned = _how_learned()


class DescriptionForm(forms.Form):
    text = _textarea("Description", required=True, message="Enter the description",
                     help_text="A person you cannot name, clothing, a building, a gang's colours")
    how_learned = _how_learned()


class SendForm(VersionedForm):
    pass


class GradeForm(VersionedForm):
    police_reference = _text("Police reference", required=True, max_length=60, message="Enter the police reference",
                             widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": False,
                                                           "class": "govuk-input--width-20"}))
    source_evaluation = forms.ChoiceField(label="Source evaluation", widget=forms.RadioSelect,
                                          choices=IntelligenceReport.SourceEvaluation.choices,
                                          error_messages={"required": "Select the source evaluation"})
    intelligence_assessment = forms.ChoiceField(label="Intelligence assessment", widget=forms.RadioSelect,
                                                choices=IntelligenceReport.IntelligenceAssessment.choices,
                                                error_messages={"required": "Select the intelligence assessment"})
    handling_code = forms.ChoiceField(label="Handling code", widget=forms.RadioSelect,
                                      choices=IntelligenceReport.HandlingCode.choices,
                                      help_text="C narrows who can read the report to its author, the police "
                                                "coordinator and the CSE Team Manager",
                                      error_messages={"required": "Select the handling code"})


class MergeForm(forms.Form):
    keep = forms.ChoiceField(label="Which record should be kept?", widget=forms.RadioSelect,
                             error_messages={"required": "Select the record to keep"},
                             help_text="The other record's names, links and description move to it, and it is removed.")

    def __init__(self, *args, choices, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["keep"].choices = choices


class AssessmentEntriesForm(forms.Form):
    entries = forms.MultipleChoiceField(label="What should be added to the register?",
                                        widget=forms.CheckboxSelectMultiple,
                                        error_messages={"required": "Select at least one person or place"})

    def __init__(self, *args, choices, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["entries"].choices = choices
