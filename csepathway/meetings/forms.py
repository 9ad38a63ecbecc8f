
from django import forms
from django.utils import timezone

from csepathway.core.forms import GovukDateField, TimeField
from csepathway.core.forms import aware_datetime as _aware

from .models import MaseMeeting


class _WhenWhereForm(forms.Form):
    date = GovukDateField(label="Date of the meeting", help_text="For example, 27 3 2027",
                          error_messages={"required": "Enter the date of the meeting"})
    start_time = TimeField(label="Start time", error_messages={"required": "Enter the start time"})
    end_time = TimeField(label="End time", error_messages={"required": "Enter the end time"})
    location = forms.CharField(label="Where is the meeting?", max_length=300,
                               help_text="The place, or 'Online' for an online meeting",
                               error_messages={"required": "Enter where the meeting is"})
    online_link = forms.URLField(label="Online meeting link (optional)", required=False, max_length=500,
                                 assume_scheme="https",
                                 error_messages={"invalid": "Enter the online meeting link as a web address"})

    def clean(self):
        cleaned = super().clean()
        day, start, end = cleaned.get("date"), cleaned.get("start_time"), cleaned.get("end_time")
        if day and start and end:
            if end <= start:
                self.add_error("end_time", "The end time must be after the start time")
            elif day < timezone.localdate():
                self.add_error("date", "The date of the meeting must be today or in the future")
            else:
                cleaned["starts_at"], cleaned["ends_at"] = _aware(day, start), _aware(day, end)
        return cleaned

    def when_where(self) -> dict:
        data = self.cleaned_data
        return {"starts_at": data["starts_at"], "ends_at": data["ends_at"], "location": data["location"],
                "online_link": data["online_link"]}


class ScheduleForm(_WhenWhereForm):
    kind = forms.ChoiceField(label="What kind of meeting is it?", choices=MaseMeeting.Kind.choices,
                             widget=forms.RadioSelect, error_messages={"required": "Select the kind of meeting"})
    chair = forms.ModelChoiceField(label="Who will chair the meeting?", queryset=None, empty_label="Select a chair",
                                   error_messages={"required": "Select the chair"})

    persons_of_concern = forms.CharField(
        label="People of concern (contextual meetings only, optional)", required=False, widget=forms.Textarea,
        help_text="Adults or young people the meeting will look at, one a line")
    places_of_concern = forms.CharField(
        label="Places of concern (contextual meetings only, optional)", required=False, widget=forms.Textarea,
        help_text="Addresses, businesses or areas, one a line")
    themes = forms.CharField(label="Themes (contextual meetings only, optional)", required=False,
                             widget=forms.Textarea, help_text="For example, links between the children on the agenda")

    field_order = ["kind", "date", "start_time", "end_time", "location", "online_link", "chair",
                   "persons_of_concern", "places_of_concern", "themes"]

    def contextual_topics(self) -> dict:
        return {name: self.cleaned_data[name] for name in ("persons_of_concern", "places_of_concern", "themes")}

    def __init__(self, *args, chairs, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["chair"].queryset = chairs


class RescheduleForm(_WhenWhereForm):
    pass


class CancelForm(forms.Form):
    reason = forms.CharField(label="Why is the meeting cancelled?", widget=forms.Textarea,
                             help_text="This stays on the record. It is not sent to the people invited.",
                             error_messages={"required": "Enter why the meeting is cancelled"})


class AgendaAddForm(forms.Form):
    episode = forms.ChoiceField(label="Which child's episode should the meeting look at?", widget=forms.RadioSelect,
                                error_messages={"required": "Select the child to add to the agenda"})

    def __init__(self, *args, episodes, **kwargs):
        super().__init__(*args, **kwargs)
        self.episodes = {str(episode.pk): episode for episode in episodes}
        self.fields["episode"].choices = [(pk, episode.child.full_name) for pk, episode in self.episodes.items()]

    def chosen(self):
        return self.episodes[self.cleaned_data["episode"]]
