"""One form per assessment section. Every field is optional in a draft; the fields a section needs
are required only when the practitioner says the section is complete.

Answers are stored as the practitioner typed them (text, choice codes, and dates as their day, month
and year parts), so a draft with a half-typed date is kept, and a form is rebuilt from its answers."""

import datetime as dt

from django import forms
from markupsafe import Markup

from csepathway.core.forms import GovukDateField, GovukDateWidget

from . import decision_support, guardrails
from .models import Assessment

YES, NO = "yes", "no"
YES_NO = [(YES, "Yes"), (NO, "No")]
TEXT_LIMIT = 20_000
MAX_ENTRIES = 50

# The buttons of a section page (the `action` posted).
CONTINUE = "continue"
LATER = "later"
ADD = "add"


def _textarea(label: str, *, help_text: str = "", required: bool = True, message: str = "") -> forms.CharField:
    return forms.CharField(label=label, widget=forms.Textarea, help_text=help_text, required=required,
                           max_length=TEXT_LIMIT, error_messages={"required": message or f"Enter {label.lower()}"})


def _radios(label: str, choices, *, message: str, help_text: str = "", required: bool = True) -> forms.ChoiceField:
    return forms.ChoiceField(label=label, choices=choices, widget=forms.RadioSelect, help_text=help_text,
                             required=required, error_messages={"required": message})


def _checkboxes(label: str, choices, *, help_text: str = "", message: str = "",
                required: bool = False) -> forms.MultipleChoiceField:
    return forms.MultipleChoiceField(label=label, choices=choices, widget=forms.CheckboxSelectMultiple,
                                     help_text=help_text, required=required,
                                     error_messages={"required": message or "Select at least one"})


def date_from_parts(value) -> dt.date | None:
    """A stored date answer ({day, month, year}) as a date, or None when it is not a real date."""
    if not isinstance(value, dict):
        return None
    try:
        return dt.date(int(value.get("year", "")), int(value.get("month", "")), int(value.get("day", "")))
    except (TypeError, ValueError):
        return None


def display_value(field: forms.Field, value) -> str:
    """A stored answer as a person reads it: choice labels, dates in words, text as typed."""
    if isinstance(field, forms.MultipleChoiceField):
        labels = {str(v): str(t) for v, t in field.choices}
        return "\n".join(labels.get(str(v), str(v)) for v in (value or []))
    if isinstance(field, forms.ChoiceField):
        return {str(v): str(t) for v, t in field.choices}.get(str(value or ""), "")
    if isinstance(field.widget, GovukDateWidget):
        date = date_from_parts(value)
        if date:
            return f"{date.day} {date:%B %Y}"
        if isinstance(value, dict) and any(value.values()):
            return "/".join(str(value.get(k, "")) for k in ("day", "month", "year"))
        return ""
    return str(value or "")


class SectionForm(forms.Form):
    """Base for every section. `mode` is "draft" (save whatever was typed, no checks) or "continue"
    (the practitioner answered "Have you completed this section?": when yes, the section's required
    fields are checked)."""

    completed = _radios("Have you completed this section?",
                        [(YES, "Yes, I’ve completed this section"), (NO, "No, I’ll come back to it later")],
                        message="Select whether you have completed this section", required=False)

    def __init__(self, data=None, *, assessment: Assessment, actor=None, mode: str = "draft", answers=None,
                 extra_entries: int = 0, **kwargs):
        super().__init__(data, **kwargs)
        self.assessment = assessment
        self.actor = actor
        self.mode = mode
        self.stored = dict(answers if answers is not None else assessment.sections.get(self.code, {}) or {})
        self.extra_entries = extra_entries
        self.build()
        completing = mode == CONTINUE and self.data.get(self.add_prefix("completed")) == YES
        self.completing = completing
        for name, field in self.fields.items():
            if name == "completed":
                field.required = mode == CONTINUE
            elif not completing:
                field.required = False
        self.initial = {**self.initial_from(self.stored), **self.initial}
        self.initial.setdefault("completed", self.completed_initial())

    # Subclasses -------------------------------------------------------------------------------------

    code = ""

    def build(self) -> None:
        """Add the fields that depend on the assessment's configuration."""

    def clean_complete(self, cleaned: dict) -> None:
        """Checks across fields, only when the section is being completed."""

    # Shared -----------------------------------------------------------------------------------------

    def completed_initial(self) -> str | None:
        if self.code in self.assessment.completed_sections:
            return YES
        return NO if self.code in self.assessment.sections else None

    def checkbox_items(self, name: str) -> list[dict]:
        """GOV.UK checkbox items for a multiple-choice field, keeping what was ticked. (The shared
        field() renderer tests RadioSelect before CheckboxSelectMultiple, which subclasses it, so the
        template calls govukCheckboxes itself with these items.)"""
        selected = {str(v) for v in (self[name].value() or [])}
        return [{"value": value, "text": str(label), "checked": str(value) in selected}
                for value, label in self.fields[name].choices]

    def answer_names(self) -> list[str]:
        return [name for name in self.fields if name != "completed"]

    def answer_fields(self) -> list:
        return [self[name] for name in self.answer_names()]

    def initial_from(self, answers: dict) -> dict:
        initial = {}
        for name in self.answer_names():
            if name not in answers:
                continue
            value = answers[name]
            if isinstance(self.fields[name], GovukDateField) and isinstance(value, dict):
                value = [value.get("day", ""), value.get("month", ""), value.get("year", "")]
            initial[name] = value
        return initial

    def raw(self, name: str):
        field = self.fields[name]
        return field.widget.value_from_datadict(self.data, self.files, self.add_prefix(name))

    @staticmethod
    def normalise(field: forms.Field, value):
        """A posted value made safe to store: known choices only, text trimmed and bounded."""
        if isinstance(field, forms.MultipleChoiceField):
            valid = {str(v) for v, _ in field.choices}
            values = value if isinstance(value, list | tuple) else ([value] if value else [])
            return list(dict.fromkeys(str(v) for v in values if str(v) in valid))
        if isinstance(field, forms.ChoiceField):
            valid = {str(v) for v, _ in field.choices}
            return str(value) if value is not None and str(value) in valid else ""
        if isinstance(field.widget, GovukDateWidget):
            parts = list(value) if isinstance(value, list | tuple) else ["", "", ""]
            parts = (parts + ["", "", ""])[:3]
            keys = ("day", "month", "year")
            return {key: str(part or "").strip()[:10] for key, part in zip(keys, parts, strict=True)}
        limit = getattr(field, "max_length", None) or TEXT_LIMIT
        return str(value or "").strip()[:limit]

    def answers(self) -> dict:
        """What was posted, as stored answers (no checks: a draft keeps everything typed)."""
        return {name: self.normalise(self.fields[name], self.raw(name)) for name in self.answer_names()}

    def clean(self):
        cleaned = super().clean()
        if self.completing:
            self.clean_complete(cleaned)
        return cleaned

    # Showing answers ------------------------------------------------------------------------------

    def display(self, name: str, value) -> str:
        return display_value(self.fields[name], value)

    def summary_rows(self, answers: dict | None = None) -> list[tuple[str, str]]:
        """(question, answer) for every question, as a person reads them."""
        answers = self.stored if answers is None else answers
        return [(str(self.fields[name].label), self.display(name, answers.get(name))) for name in self.answer_names()]


class RepeatableSectionForm(SectionForm):
    """A section holding a list of entries (missing episodes, people, places). Each entry's fields are
    named `entries-<n>-<field>`; an entry left blank is dropped, so clearing one removes it. "Add
    another" saves the draft and shows one more blank entry: no JavaScript needed."""

    entry_noun = "entry"
    # The entry fields that must be answered for a (non-blank) entry when the section is completed.
    entry_required: dict[str, str] = {}

    def entry_fields(self) -> dict[str, forms.Field]:
        return {}

    def top_fields(self) -> dict[str, forms.Field]:
        return {}

    def entry_count(self) -> int:
        if self.is_bound:
            try:
                return max(0, min(MAX_ENTRIES, int(self.data.get(self.add_prefix("entry_count"), 0))))
            except (TypeError, ValueError):
                return 0
        stored = len(self.stored.get("entries") or [])
        return min(MAX_ENTRIES, max(stored, 1) + (self.extra_entries if stored else 0))

    def build(self) -> None:
        self.fields.update(self.top_fields())
        self.count = self.entry_count()
        for index in range(self.count):
            for name, field in self.entry_fields().items():
                self.fields[f"entries-{index}-{name}"] = field

    def entry_names(self) -> list[str]:
        return list(self.entry_fields())

    def top_names(self) -> list[str]:
        return list(self.top_fields())

    def initial_from(self, answers: dict) -> dict:
        flat = {name: answers[name] for name in self.top_names() if name in answers}
        for index, entry in enumerate(answers.get("entries") or []):
            for name in self.entry_names():
                if name in entry:
                    flat[f"entries-{index}-{name}"] = entry[name]
        return super().initial_from(flat)

    @staticmethod
    def _blank(value) -> bool:
        if isinstance(value, dict):
            return not any(str(v).strip() for v in value.values())
        if isinstance(value, list):
            return not value
        return not str(value or "").strip()

    def posted_entries(self) -> list[tuple[int, dict]]:
        entries = []
        for index in range(self.count):
            entry = {name: self.normalise(self.fields[f"entries-{index}-{name}"], self.raw(f"entries-{index}-{name}"))
                     for name in self.entry_names()}
            if not all(self._blank(value) for value in entry.values()):
                entries.append((index, entry))
        return entries

    def answers(self) -> dict:
        answers = {name: self.normalise(self.fields[name], self.raw(name)) for name in self.top_names()}
        answers["entries"] = [entry for _, entry in self.posted_entries()]
        return answers

    def entry_groups(self) -> list[dict]:
        """For the template: each entry's number and bound fields."""
        return [{"number": index + 1, "anchor": f"entry-{index + 1}",
                 "fields": [self[f"entries-{index}-{name}"] for name in self.entry_names()]}
                for index in range(self.count)]

    def clean_complete(self, cleaned: dict) -> None:
        for index, entry in self.posted_entries():
            for name, message in self.entry_required.items():
                if self._blank(entry.get(name)) and f"entries-{index}-{name}" not in self.errors:
                    self.add_error(f"entries-{index}-{name}", f"{message} ({self.entry_noun} {index + 1})")

    def summary_rows(self, answers: dict | None = None) -> list[tuple[str, str]]:
        answers = self.stored if answers is None else answers
        rows = [(str(self.fields[name].label), self.display(name, answers.get(name))) for name in self.top_names()]
        entry_fields = self.entry_fields()
        for number, entry in enumerate(answers.get("entries") or [], start=1):
            parts = []
            for name, field in entry_fields.items():
                shown = display_value(field, entry.get(name))
                if shown:
                    parts.append(f"{field.label}: {shown}")
            rows.append((f"{self.entry_noun.capitalize()} {number}", "\n".join(parts)))
        return rows



# The sections -----------------------------------------------------------------------------------------


class ChildDetailsForm(SectionForm):
    code = "child_details"
    agencies_involved = _textarea(
        "Who is involved with the child and their family?",
        help_text="List the agencies and professionals, with a contact for each if you have one. For example: "
                  "school (designated safeguarding lead), school nurse, youth offending service, CAMHS.",
        message="Enter who is involved with the child and their family")
    plan_notes = _textarea("Anything to add about the child's current plan", required=False,
                           help_text="The plan recorded on the child's record is shown above.")


class ReasonForm(SectionForm):
    code = "reason"
    reason = _textarea("Why are you completing this assessment now?",
                       help_text="Say what happened and what the screening found.",
                       message="Enter why you are completing this assessment")

    def initial_from(self, answers: dict) -> dict:
        initial = super().initial_from(answers)
        if "reason" not in answers and self.assessment.screening_id:
            initial["reason"] = self.assessment.screening.reason
        return initial


class ChildVoiceForm(SectionForm):
    code = "child_voice"
    views = _textarea("What does the child say about what is happening?",
                      help_text="Use their own words. Say how they feel about home, school, friends and the people "
                                "you are worried about, and what they want to happen.",
                      message="Enter what the child says, in their own words")
    how_gathered = _textarea("How and when did you hear their views?", required=False,
                             help_text="If you could not speak with the child, say why and what you will do next.")


class ParentsViewsForm(SectionForm):
    code = "parents_views"
    views = _textarea("What do the child's parents or carers say?",
                      help_text="Use their own words, and say who said what.",
                      message="Enter what the parents or carers say, in their own words")
    who = _textarea("Who did you speak to, and when?", required=False)


class VulnerabilitiesForm(SectionForm):
    code = "vulnerabilities"

    def build(self) -> None:
        catalogue = decision_support.screening_catalogue(self.assessment)
        choices = [(item["code"], item["label"]) for item in catalogue.get("vulnerabilities", [])]
        self.fields["vulnerabilities"] = _checkboxes(
            "Which of these apply to the child?", choices,
            help_text="Those ticked in the screening are already selected. Select all that apply now.")
        self.fields["details"] = _textarea("Tell us more about these vulnerabilities", required=False)

    def initial_from(self, answers: dict) -> dict:
        initial = super().initial_from(answers)
        if "vulnerabilities" not in answers and self.assessment.screening_id:
            initial["vulnerabilities"] = list(self.assessment.screening.vulnerabilities or [])
        return initial


def _named(text: str, name: str) -> Markup:
    return Markup('{}<span class="govuk-visually-hidden"> ({})</span>').format(text, name)


def _legend(html: Markup) -> dict:
    return {"fieldset": {"legend": {"html": html, "classes": "govuk-fieldset__legend--s"}}}


EVIDENCE, CONCERN = "evidence", "concern"
BASIS_CHOICES = [(EVIDENCE, "Evidence: seen, heard, disclosed or recorded"),
                 (CONCERN, "Professional concern: not yet evidenced")]


class IndicatorsForm(SectionForm):
    code = "indicators"

    def build(self) -> None:
        windows = [(w["code"], w["label"]) for w in decision_support.time_windows(self.assessment)]
        self.indicators = decision_support.screened_indicators(self.assessment)
        for indicator in self.indicators:
            code, label = indicator.code, indicator.label
            self.fields[f"{code}-evidence"] = _textarea(
                "What have you seen, heard or been told?", message=f"Enter the evidence for ‘{label}’")
            self.fields[f"{code}-window"] = _radios("When was it?", windows,
                                                    message=f"Select when ‘{label}’ happened")
            self.fields[f"{code}-basis"] = _radios("Is this evidence or a professional concern?", BASIS_CHOICES,
                                                   message=f"Select whether ‘{label}’ is evidence or a concern")
        self.fields["additional"] = _textarea(
            "Anything else you have seen or been told since the screening", required=False,
            help_text="Name any indicator not ticked in the screening, with what you know about it.")

    def initial_from(self, answers: dict) -> dict:
        initial = super().initial_from(answers)
        for indicator in self.indicators:
            if indicator.window and f"{indicator.code}-window" not in answers:
                initial[f"{indicator.code}-window"] = indicator.window
        return initial

    def indicator_groups(self) -> list[dict]:
        """Each indicator's questions, with overrides that name the indicator to screen readers (the
        questions repeat for every indicator)."""
        groups = []
        for i in self.indicators:
            evidence, window, basis = (self[f"{i.code}-{part}"] for part in ("evidence", "window", "basis"))
            groups.append({"code": i.code, "label": i.label, "significant": i.significant, "fields": [
                (evidence, {"label": {"html": _named(evidence.label, i.label)}}),
                (window, _legend(_named(window.label, i.label))),
                (basis, _legend(_named(basis.label, i.label))),
            ]})
        return groups

    def summary_rows(self, answers: dict | None = None) -> list[tuple[str, str]]:
        answers = self.stored if answers is None else answers
        rows = []
        for indicator in self.indicators:
            parts = [self.display(f"{indicator.code}-{part}", answers.get(f"{indicator.code}-{part}"))
                     for part in ("window", "basis", "evidence")]
            kind = "Significant indicator" if indicator.significant else "Other indicator"
            rows.append((f"{kind}: {indicator.label}", "\n".join(p for p in parts if p)))
        rows.append((str(self.fields["additional"].label), self.display("additional", answers.get("additional"))))
        return rows


MISSING_CHOICES = [(YES, "Yes"), (NO, "No"), ("not_known", "Not known")]
RHI_CHOICES = [(YES, "Yes"), (NO, "No"), ("not_yet", "Not yet: it is still within the time allowed")]


class MissingEpisodesForm(RepeatableSectionForm):
    code = "missing_episodes"
    entry_noun = "missing episode"
    entry_required = {"went_missing": "Enter the date the child went missing",
                      "return_interview": "Select whether a return home interview was done"}

    def top_fields(self):
        return {"any_missing": _radios("Has the child been missing from home, care or school?", MISSING_CHOICES,
                                       message="Select whether the child has been missing")}

    def entry_fields(self):
        return {
            "went_missing": GovukDateField(label="Date they went missing", required=False,
                                           help_text="For example, 27 3 2026"),
            "came_back": GovukDateField(label="Date they came back", required=False,
                                        help_text="Leave blank if they have not come back"),
            "return_interview": _radios("Was a return home interview done?", RHI_CHOICES, required=False,
                                        message="Select whether a return home interview was done"),
            "notes": _textarea("What do you know about this episode?", required=False,
                               help_text="Where they were found, who with, what they said"),
        }

    def clean_complete(self, cleaned: dict) -> None:
        super().clean_complete(cleaned)
        if cleaned.get("any_missing") == YES and not self.posted_entries():
            self.add_error("entries-0-went_missing" if self.count else "any_missing",
                           "Enter at least one missing episode, or answer no")


ANY_KNOWN_CHOICES = [(YES, "Yes"), (NO, "No")]


class AssociatesForm(RepeatableSectionForm):
    code = "associates"
    entry_noun = "person"
    entry_required = {"description": "Describe the person and why they are a concern"}

    def top_fields(self):
        return {"any_known": _radios("Do you know of any associates or persons of concern?", ANY_KNOWN_CHOICES,
                                     message="Select whether you know of any associates or persons of concern")}

    def entry_fields(self):
        return {
            "name": forms.CharField(label="Name", required=False, max_length=200),
            "nickname": forms.CharField(label="Nickname or street name", required=False, max_length=200),
            "date_of_birth": GovukDateField(label="Date of birth", required=False,
                                            help_text="If you know it. For example, 14 3 1998"),
            "description": _textarea("Description and why they are a concern", required=False,
                                     help_text="Appearance, age if the date of birth is not known, how they know "
                                               "the child"),
            "phone": forms.CharField(label="Phone number", required=False, max_length=60,
                                     widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": False})),
            "vehicle": forms.CharField(label="Vehicle", required=False, max_length=200,
                                       help_text="Make, model, colour and registration if known"),
            "online_handle": forms.CharField(label="Online name or handle", required=False, max_length=200,
                                             help_text="And the app or website",
                                             widget=forms.TextInput(attrs={"spellcheck": False})),
        }

    def clean_complete(self, cleaned: dict) -> None:
        super().clean_complete(cleaned)
        if cleaned.get("any_known") == YES and not self.posted_entries():
            self.add_error("entries-0-description" if self.count else "any_known",
                           "Enter at least one person, or answer no")


class PlacesForm(RepeatableSectionForm):
    code = "places"
    entry_noun = "place"
    entry_required = {"place": "Enter the name or address of the place"}

    def top_fields(self):
        return {"any_known": _radios("Do you know of any places of concern?", ANY_KNOWN_CHOICES,
                                     message="Select whether you know of any places of concern")}

    def entry_fields(self):
        return {
            "place": forms.CharField(label="Name or address of the place", required=False, max_length=300),
            "description": _textarea("Why is it a concern?", required=False,
                                     help_text="For example: a park, a takeaway, a house, a hotel or an online space"),
        }

    def clean_complete(self, cleaned: dict) -> None:
        super().clean_complete(cleaned)
        if cleaned.get("any_known") == YES and not self.posted_entries():
            self.add_error("entries-0-place" if self.count else "any_known",
                           "Enter at least one place, or answer no")


class ExploitationForm(SectionForm):
    code = "exploitation"

    def build(self) -> None:
        data = self.assessment.configuration.data
        self.fields["types"] = _checkboxes(
            "What type of exploitation is the child at risk of?",
            [(t["code"], t["label"]) for t in data.get("exploitation_types", [])],
            help_text="Select all that apply", required=True,
            message="Select at least one type of exploitation")
        self.fields["models"] = _checkboxes(
            "Which models of exploitation are you seeing?",
            [(m["code"], m["label"]) for m in data.get("exploitation_models", [])],
            help_text="Select all that apply, if you know")
        self.fields["details"] = _textarea("Tell us more", required=False)

    def nrm_prompt(self) -> bool:
        types = set(self.stored.get("types") or [])
        return bool(types & set(self.assessment.configuration.data.get("nrm_prompt_types", [])))


class StrengthsForm(SectionForm):
    code = "strengths"

    def build(self) -> None:
        data = self.assessment.configuration.data
        self.fields["strengths"] = _checkboxes(
            "Which strengths and protective factors does the child have?",
            [(s["code"], s["label"]) for s in data.get("strengths", [])], help_text="Select all that apply")
        self.fields["details"] = _textarea("Other strengths and protective factors", required=False,
                                           help_text="What is going well, and who helps keep the child safe")

    def clean_complete(self, cleaned: dict) -> None:
        if not cleaned.get("strengths") and not (cleaned.get("details") or "").strip():
            self.add_error("strengths", "Select the child's strengths, or describe them below")


class AnalysisForm(SectionForm):
    code = "analysis"
    analysis = _textarea(
        "What is your analysis?",
        help_text="Bring together what you know: the indicators, the vulnerabilities and strengths, the child's "
                  "and family's views. What do you think is happening, and what needs to change?",
        message="Enter your analysis")


class RiskLevelForm(SectionForm):
    code = "risk_level"

    def build(self) -> None:
        self.levels = decision_support.risk_levels(self.assessment)
        self.fields[guardrails.LEVEL_FIELD] = _radios(
            "What risk level do you propose?",
            [(level["code"], level.get("long_label") or level["label"]) for level in self.levels],
            help_text="Use your professional judgement. The decision support is there to help, not to decide.",
            message="Select the risk level you propose")
        self.fields[guardrails.RATIONALE_FIELD] = _textarea(
            "Why is this the right level?",
            help_text="Reviewers will read this. Refer to the evidence, the child's voice and their strengths.",
            message="Enter the rationale for the risk level you propose")
        self.fields[guardrails.LOWER_REASON_FIELD] = _textarea(
            "If the level is lower than the indicators suggest, explain why", required=False,
            help_text="Only needed when your level is lower than the decision support suggests. Reviewers will "
                      "see this.")

    def level_items(self) -> list[dict]:
        """The radio items with each level's meaning as its hint."""
        value = str(self[guardrails.LEVEL_FIELD].value() or "")
        return [{"value": level["code"], "text": level.get("long_label") or level["label"],
                 "hint": {"text": level.get("meaning", "")}, "checked": level["code"] == value}
                for level in self.levels]


class CompletionForm(SectionForm):
    code = "completion"
    completed_with_child = _radios("Was the assessment completed with the child?", YES_NO,
                                   message="Select yes if the assessment was completed with the child")
    completed_with_parents = _radios("Was the assessment completed with the child's parents or carers?", YES_NO,
                                     message="Select yes if the assessment was completed with the parents or carers")
    details = _textarea("If not, why not?", required=False)


class SignOffForm(SectionForm):
    code = "sign_off"
    practitioner_name = forms.CharField(label="Practitioner's name", max_length=200,
                                        error_messages={"required": "Enter the practitioner's name"})
    practitioner_date = GovukDateField(label="Date the practitioner signed off", past_only=True,
                                       help_text="For example, 27 3 2026",
                                       error_messages={"required": "Enter the date the practitioner signed off"})
    manager_name = forms.CharField(label="Manager's name", max_length=200,
                                   error_messages={"required": "Enter the manager's name"})
    manager_date = GovukDateField(label="Date the manager signed off", past_only=True,
                                  help_text="For example, 27 3 2026",
                                  error_messages={"required": "Enter the date the manager signed off"})

    def initial_from(self, answers: dict) -> dict:
        initial = super().initial_from(answers)
        if "practitioner_name" not in answers and self.actor is not None:
            initial["practitioner_name"] = self.actor.get_full_name() or self.actor.username
        return initial


FORMS: dict[str, type[SectionForm]] = {
    form.code: form for form in (
        ChildDetailsForm, ReasonForm, ChildVoiceForm, ParentsViewsForm, VulnerabilitiesForm, IndicatorsForm,
        MissingEpisodesForm, AssociatesForm, PlacesForm, ExploitationForm, StrengthsForm, AnalysisForm,
        RiskLevelForm, CompletionForm, SignOffForm,
    )
}


def section_form(code: str, data=None, **kwargs) -> SectionForm:
    return FORMS[code](data, **kwargs)
