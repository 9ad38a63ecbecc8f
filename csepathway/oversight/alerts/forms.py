from django import forms


class AlertReviewForm(forms.Form):
    note = forms.CharField(label="What you found and did", widget=forms.Textarea, max_length=2000,
                           error_messages={"required": "Enter what you found and did about the alert"})
