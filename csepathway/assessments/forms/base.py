"""One form per assessment section. Every field is optional in a draft; the fields a section needs
are required only when the practitioner says the section is complete.

Answers are stored as the practitioner typed them (text, choice codes, and dates as their day, month
and year parts), so a draft with a half-typed date is kept, and a form is rebuilt from its answers."""

import datetime as dt

from django import forms

from csepathway.core.forms import GovukDateField, GovukDateWidget
from csepathway.core.forms_rendering import checkbox_items

from ..models import Assessment

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
        return checkbox_items(self[name])

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


