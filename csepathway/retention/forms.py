"""Forms for legal holds, disposal decisions and finding a record."""

from django import forms


class FindForm(forms.Form):
    reference = forms.CharField(
        label="Child's LCS or EHM reference, or child id", max_length=60,
        error_messages={"required": "Enter the child's LCS or EHM reference, or their child id"})


class HoldForm(forms.Form):
    reason = forms.CharField(
        label="Why must the record be kept?", widget=forms.Textarea,
        help_text="For example, a claim against the council, a public inquiry or a police investigation",
        error_messages={"required": "Enter why the record must be kept"})
    reference = forms.CharField(label="Case or inquiry reference (optional)", required=False, max_length=100)


class ReleaseHoldForm(forms.Form):
    reason = forms.CharField(
        label="Why is the hold no longer needed?", widget=forms.Textarea,
        error_messages={"required": "Enter why the hold is no longer needed"})


class ProposeForm(forms.Form):
    confirm = forms.BooleanField(
        label="I have checked the record is past its retention date and nothing requires it to be kept",
        error_messages={"required": "Confirm you have checked the record before you propose disposal"})


class ApproveForm(forms.Form):
    confirm = forms.BooleanField(
        label="I understand the record will be deleted for good and cannot be restored",
        error_messages={"required": "Confirm you understand the record will be deleted for good"})


class DeclineForm(forms.Form):
    reason = forms.CharField(
        label="Why should the record not be disposed of?", widget=forms.Textarea,
        error_messages={"required": "Enter why the record should not be disposed of"})
