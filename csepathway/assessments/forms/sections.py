"""The forms of the individual assessment sections, each built on SectionForm."""

from django import forms
from markupsafe import Markup

from csepathway.core.forms import GovukDateField

from .. import decision_support, guardrails
from .base import NO, YES, YES_NO, RepeatableSectionForm, SectionForm, _checkboxes, _radios, _textarea


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

    def initial_from(self, answers: dict) -> dict:
        initial = super().initial_from(answers)
        if "practitioner_name" not in answers and self.actor is not None:
            initial["practitioner_name"] = self.actor.display_name
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
