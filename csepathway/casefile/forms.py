"""The chronology's filter: kinds of event and a period, sent as GET parameters so a filtered view can
be bookmarked, paged through and exported as it stands."""

from django import forms

from csepathway.core.forms import GovukDateField

from .selectors import KINDS


class ChronologyFilterForm(forms.Form):
    kind = forms.MultipleChoiceField(label="Kinds of event", choices=list(KINDS.items()), required=False,
                                     widget=forms.CheckboxSelectMultiple,
                                     help_text="Leave all unticked to see everything.")
    since = GovukDateField(label="From", required=False, help_text="For example, 27 3 2026")
    until = GovukDateField(label="To", required=False, help_text="For example, 31 3 2026")

    def clean(self):
        data = super().clean()
        since, until = data.get("since"), data.get("until")
        if since and until and until < since:
            self.add_error("until", "The ‘to’ date must be the same as or after the ‘from’ date")
        return data

    def filters(self) -> dict:
        """What to show: everything when the form is empty or has an error (shown beside the field)."""
        if not self.is_bound or not self.is_valid():
            return {"kinds": (), "since": None, "until": None}
        data = self.cleaned_data
        return {"kinds": tuple(data["kind"]), "since": data["since"], "until": data["until"]}

    def query(self) -> dict:
        """The filters as GET parameters, for the page links and the exports."""
        if not self.is_bound or not self.is_valid():
            return {}
        query: dict = {"kind": list(self.cleaned_data["kind"])}
        for name in ("since", "until"):
            value = self.cleaned_data[name]
            if value:
                query |= {f"{name}_day": value.day, f"{name}_month": value.month, f"{name}_year": value.year}
        return query
