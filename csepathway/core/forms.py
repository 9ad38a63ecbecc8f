"""Form pieces shared by every app: the GOV.UK date input and a version-checked model form base."""

import datetime as dt
import re
import zoneinfo

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError


class GovukDateWidget(forms.MultiWidget):
    """Three boxes (day, month, year) as the GOV.UK date input pattern asks."""

    template_name = "django/forms/widgets/multiwidget.html"

    def __init__(self, attrs=None):
        widgets = {
            "day": forms.TextInput(attrs={"inputmode": "numeric"}),
            "month": forms.TextInput(attrs={"inputmode": "numeric"}),
            "year": forms.TextInput(attrs={"inputmode": "numeric"}),
        }
        super().__init__(widgets, attrs)

    def decompress(self, value):
        if isinstance(value, dt.date):
            return [value.day, value.month, value.year]
        return [None, None, None]


class GovukDateField(forms.MultiValueField):
    widget = GovukDateWidget

    def __init__(self, *, past_only: bool = False, **kwargs):
        self.past_only = past_only
        fields = (forms.CharField(), forms.CharField(), forms.CharField())
        kwargs.setdefault("error_messages", {})
        super().__init__(fields=fields, require_all_fields=False, **kwargs)

    def compress(self, data_list):
        if not data_list or not any(data_list):
            return None
        day, month, year = (str(part or "").strip() for part in data_list)
        label = (self.label or "date").lower()
        missing = [name for name, part in (("day", day), ("month", month), ("year", year)) if not part]
        if missing:
            raise ValidationError(f"The {label} must include a {' and '.join(missing)}")
        try:
            value = dt.date(int(year), int(month), int(day))
        except ValueError as error:
            raise ValidationError(f"The {label} must be a real date") from error
        if len(year) != 4:
            raise ValidationError("Year must include 4 numbers")
        if self.past_only and value > dt.date.today():
            raise ValidationError(f"The {label} must be today or in the past")
        return value


_TIME = re.compile(r"^\s*(\d{1,2})[:.](\d{2})\s*$")


class TimeField(forms.CharField):
    """A 24-hour time typed as text, for example 14:00 (GOV.UK asks for text, not a time picker)."""

    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", 5)
        kwargs.setdefault("help_text", "Use the 24-hour clock, for example 14:00")
        super().__init__(**kwargs)
        self.widget.attrs.update({"inputmode": "numeric", "class": "govuk-input--width-5"})

    def clean(self, value):
        value = super().clean(value)
        if value in self.empty_values:
            return None
        match = _TIME.match(value)
        label = (self.label or "time").lower()
        if not match or int(match[1]) > 23 or int(match[2]) > 59:
            raise forms.ValidationError(f"Enter the {label} as hours and minutes, for example 14:00")
        return dt.time(int(match[1]), int(match[2]))


def aware_datetime(day: dt.date, time: dt.time) -> dt.datetime:
    """A day and a time typed in the service's time zone, as an aware datetime. A time the clocks
    skip or pass twice takes the earlier reading (fold 0)."""
    return dt.datetime.combine(day, time, tzinfo=zoneinfo.ZoneInfo(settings.TIME_ZONE))


class PeriodForm(forms.Form):
    """A filter with a period, `since` to `until` (days), sent as GET parameters so a filtered page
    can be bookmarked, paged through and downloaded as it stands."""

    since = GovukDateField(label="From", required=False, help_text="For example, 27 3 2026")
    until = GovukDateField(label="To", required=False, help_text="For example, 31 3 2026")

    def clean(self):
        data = super().clean()
        since, until = data.get("since"), data.get("until")
        if since and until and until < since:
            self.add_error("until", "The ‘to’ date must be the same as or after the ‘from’ date")
        return data

    def period_query(self) -> dict:
        """The period as GET parameters (valid forms only)."""
        query = {}
        for name in ("since", "until"):
            value = self.cleaned_data[name]
            if value:
                query |= {f"{name}_day": value.day, f"{name}_month": value.month, f"{name}_year": value.year}
        return query


class AnswerWithReasonForm(forms.Form):
    """A Team Manager's yes or no, where a no must say why (subclasses name `agree`, `comment` and
    `reason_needed`, the error shown beside the comment)."""

    reason_needed = "Say why"

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("agree") is False and not (cleaned.get("comment") or "").strip():
            self.add_error("comment", self.reason_needed)
        return cleaned
