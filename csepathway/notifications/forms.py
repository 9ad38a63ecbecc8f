from django import forms

YES, NO = "yes", "no"


class DigestPreferenceForm(forms.Form):
    weekly_digest = forms.ChoiceField(
        label="Do you want a weekly email summarising your unread notifications?",
        help_text="Sent on Monday mornings when you have unread notifications from the last 7 days. It says "
                  "how many, with a link to this page, and nothing about any child.",
        choices=[(YES, "Yes, send me a weekly summary"), (NO, "No")], widget=forms.RadioSelect,
        error_messages={"required": "Select yes if you want a weekly email summarising your notifications",
                        "invalid_choice": "Select yes if you want a weekly email summarising your notifications"})
