"""One form per section of the online NRM form. A draft ("Save and come back later") keeps whatever
was typed, checking only formats; the answers a section needs are required only when the
practitioner says it is done ("Save and continue"), each with a message saying what to enter."""

import datetime as dt

from django import forms

from csepathway.core.forms import GovukDateField

TEXT_LIMIT = 20_000
YES, NO, NOT_KNOWN = "yes", "no", "not_known"
YES_NO = [(YES, "Yes"), (NO, "No")]
YES_NO_NOT_KNOWN = [(YES, "Yes"), (NO, "No"), (NOT_KNOWN, "Not known")]

SEX_CHOICES = [("female", "Female"), ("male", "Male"), ("other", "Described another way"),
               (NOT_KNOWN, "Not known")]
WHERE_CHOICES = [("uk", "In the UK"), ("abroad", "Abroad"), ("both", "Both in the UK and abroad"),
                 (NOT_KNOWN, "Not known")]
# The online form's types of exploitation (several may apply).
EXPLOITATION_CHOICES = [("sexual", "Sexual exploitation"), ("criminal", "Criminal exploitation"),
                        ("labour", "Labour exploitation"), ("domestic_servitude", "Domestic servitude"),
                        ("organ_harvesting", "Organ harvesting"), (NOT_KNOWN, "Not known yet")]


def _text(label: str, *, help_text: str = "", max_length: int = 200, **attrs) -> forms.CharField:
    widget = forms.TextInput(attrs=attrs) if attrs else None
    return forms.CharField(label=label, help_text=help_text, max_length=max_length, required=False, widget=widget)


def _textarea(label: str, *, help_text: str = "") -> forms.CharField:
    return forms.CharField(label=label, help_text=help_text, max_length=TEXT_LIMIT, required=False,
                           widget=forms.Textarea)


def _radios(label: str, choices, *, help_text: str = "") -> forms.ChoiceField:
    return forms.ChoiceField(label=label, choices=choices, widget=forms.RadioSelect, required=False,
                             help_text=help_text)


def _blank(value) -> bool:
    return value is None or value == "" or value == []


class SectionForm(forms.Form):
    code = ""
    # Field -> the message shown when the section is marked done without it.
    needed: dict[str, str] = {}
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, complete: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.complete = complete

    def answer_names(self) -> list[str]:
        return [name for name in self.fields if name != "version"]

    def clean(self):
        cleaned = super().clean()
        if self.complete:
            for name, message in self.needed.items():
                if _blank(cleaned.get(name)) and name not in self.errors:
                    self.add_error(name, message)
            self.clean_complete(cleaned)
        return cleaned

    def clean_complete(self, cleaned: dict) -> None:
        """Checks across fields, made only when the section is marked done."""

    def answers(self) -> dict:
        """The cleaned answers as stored (dates as ISO text, so the content is plain JSON)."""
        stored = {}
        for name in self.answer_names():
            value = self.cleaned_data.get(name)
            stored[name] = value.isoformat() if isinstance(value, dt.date) else ("" if value is None else value)
        return stored

    @classmethod
    def initial_from(cls, answers: dict) -> dict:
        initial = dict(answers or {})
        for name, field in cls.base_fields.items():
            if isinstance(field, GovukDateField) and initial.get(name):
                try:
                    initial[name] = dt.date.fromisoformat(initial[name])
                except (TypeError, ValueError):
                    initial.pop(name)
        return initial


class NatureForm(SectionForm):
    code = "nature"
    needed = {"how_identified": "Enter how the child came to your attention",
              "reason": "Enter why you think the child may be a victim of trafficking or modern slavery",
              "safe_now": "Select whether the child is safe now"}
    how_identified = _textarea("How did the child come to your attention?",
                               help_text="For example, found at an address used to sell drugs, or what the child "
                                         "told a teacher")
    reason = _textarea("Why do you think the child may be a victim of trafficking or modern slavery?",
                       help_text="The signs you have seen or been told about")
    safe_now = _radios("Is the child in a safe place now?", YES_NO_NOT_KNOWN)


class ChildForm(SectionForm):
    code = "child"
    needed = {"full_name": "Enter the child's full name", "sex": "Select the child's sex",
              "nationality": "Enter the child's nationality, or say it is not known",
              "interpreter": "Select whether the child needs an interpreter"}
    full_name = _text("Full name", autocomplete="off", spellcheck=False)
    also_known_as = _textarea("Also known as", help_text="Other names, nicknames or spellings, one on each line")
    date_of_birth = GovukDateField(label="Date of birth", past_only=True, required=False,
                                   help_text="For example, 14 3 2011")
    age = forms.IntegerField(label="Age", min_value=0, max_value=25, required=False,
                             widget=forms.TextInput(attrs={"inputmode": "numeric", "class": "govuk-input--width-3"}),
                             error_messages={"invalid": "Enter the age as a number, like 15",
                                             "min_value": "Enter the age as a number, like 15",
                                             "max_value": "Enter the age as a number, like 15"})
    sex = _radios("Sex", SEX_CHOICES)
    nationality = _text("Nationality", help_text="If you do not know, say so")
    languages = _text("Languages the child speaks", help_text="Their first language first")
    interpreter = _radios("Does the child need an interpreter?", YES_NO)
    interpreter_details = _text("Interpreter needs", help_text="The language or dialect, and anything else that "
                                                               "helps, for example a woman interpreter")

    def clean_complete(self, cleaned: dict) -> None:
        if cleaned.get("date_of_birth") is None and cleaned.get("age") is None and "date_of_birth" not in self.errors:
            self.add_error("date_of_birth", "Enter the date of birth or, if it is not known, the child's age")
        if cleaned.get("interpreter") == YES and not cleaned.get("interpreter_details"):
            self.add_error("interpreter_details", "Enter the language or dialect the interpreter needs to speak")


class WhatHappenedForm(SectionForm):
    code = "what_happened"
    needed = {"account": "Enter what happened to the child", "where": "Select where it happened"}
    account = _textarea("What happened to the child?",
                        help_text="In the order it happened. Use the child's own words where you can.")
    where = _radios("Where did it happen?", WHERE_CHOICES)
    places = _textarea("Where exactly?", help_text="Towns, addresses or countries, and the route if the child was "
                                                   "moved")
    when = _textarea("When did it happen?", help_text="Dates, or the period it went on for, if you know")


class ExploitationForm(SectionForm):
    code = "exploitation"
    needed = {"types": "Select at least one type of exploitation, or not known yet"}
    types = forms.MultipleChoiceField(label="What types of exploitation may the child have experienced?",
                                      choices=EXPLOITATION_CHOICES, widget=forms.CheckboxSelectMultiple,
                                      required=False, help_text="Select all that apply")
    details = _textarea("Tell us more", help_text="What the child was made to do, and by whom, if you know")


class PoliceForm(SectionForm):
    code = "police"
    needed = {"reported": "Select whether this has been reported to the police"}
    reported = _radios("Has this been reported to the police?", YES_NO)
    police_force = _text("Police force")
    crime_reference = _text("Crime reference number", max_length=60, spellcheck=False)

    def clean_complete(self, cleaned: dict) -> None:
        if cleaned.get("reported") == YES and not cleaned.get("crime_reference"):
            self.add_error("crime_reference", "Enter the crime reference number the police gave")


class SupportForm(SectionForm):
    code = "support"
    needed = {"needs": "Enter the support the child needs"}
    needs = _textarea("What support does the child need?",
                      help_text="For example, safety, somewhere to live, health, education, someone to talk to")
    in_place = _textarea("What support is already in place?")


class FirstResponderForm(SectionForm):
    code = "first_responder"
    needed = {"organisation": "Enter your organisation", "name": "Enter your name",
              "job_title": "Enter your job title", "email": "Enter your email address"}
    organisation = _text("Organisation")
    name = _text("Your name", autocomplete="name", spellcheck=False)
    job_title = _text("Job title")
    email = forms.EmailField(label="Email address", required=False, max_length=254,
                             help_text="The decision maker sends the reference number and decisions here",
                             widget=forms.EmailInput(attrs={"autocomplete": "email"}),
                             error_messages={"invalid": "Enter an email address in the correct format, like "
                                                        "name@example.com"})
    phone = _text("Phone number", max_length=40, autocomplete="tel")


FORMS: dict[str, type[SectionForm]] = {form.code: form for form in (
    NatureForm, ChildForm, WhatHappenedForm, ExploitationForm, PoliceForm, SupportForm, FirstResponderForm)}


def display(code: str, name: str, value) -> str:
    """A stored answer as a person reads it: choice labels, dates in words, text as typed."""
    field = FORMS[code].base_fields[name]
    if _blank(value):
        return ""
    if isinstance(field, forms.MultipleChoiceField):
        labels = dict(field.choices)
        return "\n".join(str(labels.get(v, v)) for v in value)
    if isinstance(field, forms.ChoiceField):
        return str(dict(field.choices).get(value, value))
    if isinstance(field, GovukDateField):
        try:
            day = dt.date.fromisoformat(value)
        except (TypeError, ValueError):
            return str(value)
        return f"{day.day} {day:%B %Y}"
    return str(value)


def questions(code: str) -> list[tuple[str, str]]:
    """(field name, question) for a section, in the form's order."""
    return [(name, str(field.label)) for name, field in FORMS[code].base_fields.items() if name != "version"]
