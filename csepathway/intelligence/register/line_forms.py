"""The forms that put a county line on the register and link places to it."""

from django import forms

from .. import validators


class LineForm(forms.Form):
    number = forms.CharField(
        label="The line's phone number", max_length=20,
        help_text="The number drugs are ordered through, for example 07700 900 982",
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "off", "class": "govuk-input--width-20"}),
        error_messages={"required": "Enter the line's phone number"})
    line_name = forms.CharField(
        label="The line's name (optional)", max_length=100, required=False,
        help_text="The name the police know the line by, for example 'the Blade line'")
    description = forms.CharField(
        label="What is known about the line (optional)", widget=forms.Textarea, required=False,
        help_text="For example, which towns it runs between. Say how it is known.")

    def clean_number(self):
        value = self.cleaned_data["number"]
        validators.validate_phone(value)
        return validators.normalise_phone(value)


class LinePlaceForm(forms.Form):
    address = forms.CharField(
        label="Address or place", max_length=300,
        help_text="The full address with its postcode where you know it, or a description of the place",
        error_messages={"required": "Enter the address or place"})
    description = forms.CharField(
        label="How the place is linked to the line (optional)", widget=forms.Textarea, required=False,
        help_text="For example, an address the line uses to sell from, or where a child was found")
