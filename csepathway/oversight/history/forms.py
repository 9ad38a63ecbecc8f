from django import forms

from csepathway.core.forms import PeriodForm


class ChildHistoryForm(forms.Form):
    child_id = forms.UUIDField(label="Child's record ID", help_text="The ID in the address of the child's record",
                               error_messages={"required": "Enter the child's record ID",
                                               "invalid": "Enter the record ID as it appears in the address"})


class UserHistoryForm(forms.Form):
    username = forms.CharField(label="Username", max_length=150,
                               error_messages={"required": "Enter the person's username"})


class ChildNameForm(forms.Form):
    name = forms.CharField(label="Child's name or reference", max_length=200,
                           help_text="A first name, last name or known-as name, or an LCS or EHM reference",
                           error_messages={"required": "Enter the child's name or reference"})


# The kinds of access a history can be narrowed to, in the words information governance uses.
KINDS = {"read": "Opened or read", "downloaded": "Downloaded", "changed": "Changed", "refused": "Refused"}


class HistoryFilterForm(PeriodForm):
    """Narrow a child's access history: a person, a period, a kind of access. GET parameters, so a
    filtered history can be bookmarked, paged through and downloaded as it stands."""

    person = forms.CharField(label="Person", required=False, max_length=150,
                             help_text="Their name or username")
    kind = forms.ChoiceField(label="Kind of access", required=False, choices=[("", "Everything"), *KINDS.items()])

    def filters(self) -> dict:
        if not self.is_bound or not self.is_valid():
            return {"person": "", "since": None, "until": None, "kind": ""}
        data = self.cleaned_data
        return {"person": data["person"].strip(), "since": data["since"], "until": data["until"],
                "kind": data["kind"]}

    def query(self) -> dict:
        if not self.is_bound or not self.is_valid():
            return {}
        return {name: self.cleaned_data[name] for name in ("person", "kind") if self.cleaned_data[name]} | (
            self.period_query())
