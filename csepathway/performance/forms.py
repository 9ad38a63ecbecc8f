import datetime as dt

from django import forms

from csepathway.core.forms import PeriodForm

from .measures import Filters

MONTHS_SHOWN = 12


def default_period(today: dt.date) -> tuple[dt.date, dt.date]:
    """The last twelve months, this one included: a year of trend without choosing anything."""
    first = today.replace(day=1)
    for _ in range(MONTHS_SHOWN - 1):
        first = (first - dt.timedelta(days=1)).replace(day=1)
    return first, today


class PerformanceFilterForm(PeriodForm):
    """Team, agency and period, as GET parameters: a filtered dashboard can be bookmarked, and its
    download and the lists behind its figures carry the same filters."""

    team = forms.ChoiceField(label="Team", required=False)
    agency = forms.ChoiceField(label="Agency", required=False)

    def __init__(self, *args, teams, agencies, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["team"].choices = [("", "All teams"), *teams]
        self.fields["agency"].choices = [("", "All agencies"), *agencies]

    def clean(self):
        data = super().clean()
        since, until = data.get("since"), data.get("until")
        # Trends are by month; beyond two years a page of charts stops being readable (or small).
        if since and until and (until - since).days > 2 * 366:
            self.add_error("since", "Choose a period of 2 years or less")
        return data

    def filters(self, today: dt.date) -> Filters:
        since, until = default_period(today)
        data = self.cleaned_data if self.is_bound and self.is_valid() else {}
        return Filters(since=data.get("since") or since, until=data.get("until") or until,
                       team_id=data.get("team", ""), agency_id=data.get("agency", ""))

    def query(self) -> dict:
        """The chosen filters as GET parameters, for links and downloads."""
        if not (self.is_bound and self.is_valid()):
            return {}
        query = self.period_query()
        for name in ("team", "agency"):
            if self.cleaned_data.get(name):
                query[name] = self.cleaned_data[name]
        return query
