"""The strategic picture's filter: a period (GET parameters, so a filtered page can be bookmarked,
paged and printed as it stands) and, on the map, the one entity to focus on."""

import re

from django import forms

from csepathway.core.forms import PeriodForm

from .period import MAX_MONTHS, Period, default_period

_FOCUS = re.compile(r"^(child|person|place|vehicle):[0-9a-f-]{36}$|^phone:0[0-9]{9,10}$")


class StrategicFilterForm(PeriodForm):
    focus = forms.CharField(required=False, widget=forms.HiddenInput, max_length=60)

    def clean_focus(self):
        focus = (self.cleaned_data.get("focus") or "").strip()
        if focus and not _FOCUS.match(focus):
            raise forms.ValidationError("Choose someone or something on the map to focus on")
        return focus

    def clean(self):
        data = super().clean()
        if self.errors:
            return data
        period = self._period(data)
        if len(period.months) > MAX_MONTHS:
            self.add_error("since", f"Choose a period of {MAX_MONTHS} months or less")
        return data

    @staticmethod
    def _period(data) -> Period:
        default = default_period()
        since, until = data.get("since"), data.get("until")
        if since and not until:
            until = max(since, default.until)
        if until and not since:
            since = default_period(until).since
        return Period(since or default.since, until or default.until)

    def period(self) -> Period:
        """The period asked for, or the last twelve months when nothing (or nothing valid) was."""
        if self.is_bound and self.is_valid():
            return self._period(self.cleaned_data)
        return default_period()

    def focus_key(self) -> str:
        return self.cleaned_data["focus"] if self.is_bound and self.is_valid() else ""

    def query(self) -> dict:
        """The filter as GET parameters, for paging and the PDF."""
        if not self.is_bound or not self.is_valid():
            return {}
        focus = {"focus": self.cleaned_data["focus"]} if self.cleaned_data["focus"] else {}
        return self.period_query() | focus
