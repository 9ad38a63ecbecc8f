"""The forms for a missing episode, the child's return and the return home interview. A date and a
time are typed apart, as GOV.UK asks (a date input, then a 24-hour time), and joined here."""

from django import forms

from csepathway.core.forms import GovukDateField, TimeField, aware_datetime

from .models import InterviewFinding, MissingFrom, ReturnHomeInterview


def _when(cleaned: dict, form: forms.Form, prefix: str):
    day, time = cleaned.get(f"{prefix}_date"), cleaned.get(f"{prefix}_time")
    if day and time:
        return aware_datetime(day, time)
    if day and not time and f"{prefix}_time" not in form.errors:
        form.add_error(f"{prefix}_time", "Enter the time, for example 14:00")
    elif time and not day and f"{prefix}_date" not in form.errors:
        form.add_error(f"{prefix}_date", "Enter the date")
    return None


class _Versioned(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=0)


class MissingEpisodeForm(_Versioned):
    missing_from = forms.ChoiceField(label="Where was the child missing from?", choices=MissingFrom.choices,
                                     widget=forms.RadioSelect,
                                     error_messages={"required": "Select where the child was missing from"})
    started_date = GovukDateField(label="Date the child went missing", help_text="For example, 27 3 2027",
                                  error_messages={"required": "Enter the date the child went missing"})
    started_time = TimeField(label="Time the child went missing", help_text="Use the 24-hour clock, for "
                             "example 23:30. If it is not known, the time they were last seen",
                             error_messages={"required": "Enter the time the child went missing"})
    reported_by = forms.CharField(label="Who reported the child missing?", max_length=200,
                                  help_text="Their name and role, for example the residential home's manager",
                                  error_messages={"required": "Enter who reported the child missing"})
    police_reference = forms.CharField(label="Police reference (optional)", max_length=40, required=False)

    def clean(self):
        cleaned = super().clean()
        cleaned["started_at"] = _when(cleaned, self, "started")
        return cleaned

    def record_data(self) -> dict:
        data = self.cleaned_data
        return {"missing_from": data["missing_from"], "started_at": data["started_at"],
                "reported_by": data["reported_by"].strip(), "police_reference": data["police_reference"].strip()}


class ReturnForm(_Versioned):
    returned_date = GovukDateField(label="Date the child returned or was found", help_text="For example, 29 3 2027",
                                   error_messages={"required": "Enter the date the child returned"})
    returned_time = TimeField(label="Time the child returned or was found",
                              error_messages={"required": "Enter the time the child returned"})
    where_found = forms.CharField(label="Where was the child found?", max_length=300,
                                  help_text="For example, came back to the placement on their own, or found by "
                                  "police at a train station",
                                  error_messages={"required": "Enter where the child was found"})

    def clean(self):
        cleaned = super().clean()
        cleaned["returned_at"] = _when(cleaned, self, "returned")
        return cleaned


class MissingEpisodeChangeForm(MissingEpisodeForm):
    """The episode's details and, once recorded, its return: correcting a mistake in either."""

    returned_date = GovukDateField(label="Date the child returned or was found", required=False)
    returned_time = TimeField(label="Time the child returned or was found", required=False)
    where_found = forms.CharField(label="Where was the child found?", max_length=300, required=False)

    def __init__(self, *args, returned: bool, **kwargs):
        super().__init__(*args, **kwargs)
        if not returned:
            for name in ("returned_date", "returned_time", "where_found"):
                del self.fields[name]
        else:
            self.fields["returned_date"].required = True
            self.fields["returned_time"].required = True
            self.fields["where_found"].required = True

    def clean(self):
        cleaned = super().clean()
        if "returned_date" in self.fields:
            cleaned["returned_at"] = _when(cleaned, self, "returned")
        return cleaned

    def record_data(self) -> dict:
        data = super().record_data()
        if "returned_date" in self.fields:
            data |= {"returned_at": self.cleaned_data["returned_at"],
                     "where_found": self.cleaned_data["where_found"].strip()}
        return data


class InterviewForm(_Versioned):
    offered_on = GovukDateField(label="Date the interview was offered", help_text="For example, 30 3 2027",
                                error_messages={"required": "Enter the date the interview was offered"})
    outcome = forms.ChoiceField(label="Has the interview happened?", choices=ReturnHomeInterview.Outcome.choices,
                                widget=forms.RadioSelect, required=False)
    outcome_date = GovukDateField(label="Date it was held or declined (if it was)", required=False)
    outcome_time = TimeField(label="Time it was held or declined (if it was)", required=False)
    interviewer = forms.CharField(label="Who held or offered the interview? (optional)", max_length=200,
                                  required=False, help_text="Their name and organisation: the interview is "
                                  "offered by someone independent of the child's care")
    findings = forms.CharField(label="What did the interview find? (optional)", required=False,
                               widget=forms.Textarea,
                               help_text="Why the child went missing, where and with whom, what happened, "
                               "and what the child said they need, in their words where you can")
    finding_flags = forms.MultipleChoiceField(label="Anything others must act on (optional)", required=False,
                                              choices=InterviewFinding.choices,
                                              widget=forms.CheckboxSelectMultiple)

    def clean(self):
        cleaned = super().clean()
        cleaned["outcome_at"] = _when(cleaned, self, "outcome")
        if cleaned.get("outcome") and cleaned["outcome_at"] is None and not (
                "outcome_date" in self.errors or "outcome_time" in self.errors):
            self.add_error("outcome_date", "Enter the date it was held or declined")
        return cleaned

    def record_data(self) -> dict:
        data = self.cleaned_data
        return {"offered_on": data["offered_on"], "outcome": data.get("outcome") or "",
                "outcome_at": data["outcome_at"], "interviewer": data["interviewer"].strip(),
                "findings": data["findings"].strip(), "finding_flags": list(data["finding_flags"])}
