from django import forms

from ..models import Invitee


class InviteeForm(forms.Form):
    kind = forms.ChoiceField(label="Who are you inviting?", choices=Invitee.Kind.choices, widget=forms.RadioSelect,
                             error_messages={"required": "Select who you are inviting"})
    agenda_item = forms.ChoiceField(label="Which child's part of the meeting is it for?", required=False,
                                    widget=forms.RadioSelect,
                                    help_text="Only needed for the child or their family. Leave it for a professional "
                                              "coming to the whole meeting.")
    name = forms.CharField(label="Full name", max_length=200, required=False,
                           help_text="For the child, you can leave this blank: we use the name on their record.")
    relationship = forms.CharField(label="Relationship to the child, or job title", max_length=200, required=False,
                                   help_text="For example, mother, foster carer, school nurse or youth worker")
    agency = forms.CharField(label="Agency or organisation", max_length=200, required=False,
                             help_text="Needed for a professional, for example Testshire Police or the school")
    email = forms.EmailField(label="Email address (optional)", required=False, max_length=254,
                             help_text="A professional with an email address is sent the calendar invitation and can "
                                       "tell us whether they can come. The child and family get a printed letter.",
                             error_messages={"invalid": "Enter an email address in the correct format, like "
                                                        "name@example.com"})

    def __init__(self, *args, agenda, **kwargs):
        super().__init__(*args, **kwargs)
        self.agenda = {str(item.pk): item for item in agenda}
        if len(self.agenda) > 1:
            self.fields["agenda_item"].choices = [(pk, item.episode.child.full_name)
                                                  for pk, item in self.agenda.items()]
        else:
            # One child on the agenda: nothing to choose.
            del self.fields["agenda_item"]
        self.fields["email"].widget.attrs.update({"autocomplete": "off", "spellcheck": False})

    def clean(self):
        cleaned = super().clean()
        kind = cleaned.get("kind")
        if kind and kind != Invitee.Kind.CHILD and not cleaned.get("name", "").strip():
            self.add_error("name", "Enter the name of the person you are inviting")
        if kind == Invitee.Kind.FAMILY and not cleaned.get("relationship", "").strip():
            self.add_error("relationship", "Enter their relationship to the child, for example mother")
        if kind == Invitee.Kind.PROFESSIONAL and not cleaned.get("agency", "").strip():
            self.add_error("agency", "Enter the professional's agency or organisation")
        if kind in (Invitee.Kind.CHILD, Invitee.Kind.FAMILY) and "agenda_item" in self.fields \
                and not cleaned.get("agenda_item"):
            self.add_error("agenda_item", "Select which child's part of the meeting it is for")
        return cleaned

    def invitee_data(self) -> dict:
        data = self.cleaned_data
        return {"kind": data["kind"], "name": data.get("name", ""), "relationship": data.get("relationship", ""),
                "agency": data.get("agency", ""), "email": data.get("email", ""),
                "agenda_item": self.agenda.get(data.get("agenda_item") or "")}


class InviteeStatusForm(forms.Form):
    status = forms.ChoiceField(label="Where has this invitation got to?", choices=Invitee.Status.choices,
                               widget=forms.RadioSelect, error_messages={"required": "Select the status"})
    # The invitee's version when the page was opened, for the version check.
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)

    def __init__(self, *args, started: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        if not started:
            # Attendance is recorded once the meeting has started; before then it is not offered.
            self.fields["status"].choices = [(value, label) for value, label in Invitee.Status.choices
                                             if value != Invitee.Status.ATTENDED]
            self.fields["status"].help_text = "You can record that they attended once the meeting has started."
