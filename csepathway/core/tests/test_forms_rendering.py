from django import forms

from csepathway.core.forms_rendering import govuk_field


class ChoicesForm(forms.Form):
    many = forms.MultipleChoiceField(choices=[("a", "A"), ("b", "B")], widget=forms.CheckboxSelectMultiple)
    one = forms.ChoiceField(choices=[("a", "A"), ("b", "B")], widget=forms.RadioSelect)


def test_multiple_choice_renders_as_checkboxes_with_every_ticked_value():
    spec = govuk_field(ChoicesForm({"many": ["a", "b"], "one": "b"})["many"])
    assert spec["kind"] == "checkboxes"
    assert [item["checked"] for item in spec["params"]["items"]] == [True, True]


def test_single_choice_renders_as_radios():
    spec = govuk_field(ChoicesForm({"many": ["a"], "one": "b"})["one"])
    assert spec["kind"] == "radios"
    assert [item["checked"] for item in spec["params"]["items"]] == [False, True]
