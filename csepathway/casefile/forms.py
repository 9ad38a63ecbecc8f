"""The chronology's filter: kinds of event and a period, sent as GET parameters so a filtered view can
be bookmarked, paged through and exported as it stands."""

from django import forms

from csepathway.core.forms import PeriodForm

from .selectors import KINDS


class ChronologyFilterForm(PeriodForm):
    kind = forms.MultipleChoiceField(label="Kinds of event", choices=list(KINDS.items()), required=False,
                                     widget=forms.CheckboxSelectMultiple,
                                     help_text="Leave all unticked to see everything.")

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
        return {"kind": list(self.cleaned_data["kind"])} | self.period_query()
