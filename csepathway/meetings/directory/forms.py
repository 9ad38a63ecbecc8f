from django import forms

EMAIL_INVALID = "Enter an email address in the correct format, like name@example.com"


class DirectoryEntryForm(forms.Form):
    name = forms.CharField(label="Full name", max_length=200,
                           help_text="Or the name of an agency's shared mailbox, for example Testshire Police MASH",
                           error_messages={"required": "Enter the person's full name"})
    job_title = forms.CharField(label="Job title (optional)", max_length=200, required=False,
                                help_text="For example, school nurse or youth worker")
    agency = forms.CharField(label="Agency or organisation", max_length=200,
                             error_messages={"required": "Enter their agency or organisation"})
    email = forms.EmailField(label="Email address (optional)", required=False, max_length=254,
                             help_text="Needed to send them the calendar invitation",
                             error_messages={"invalid": EMAIL_INVALID})
    phone = forms.CharField(label="Phone number (optional)", max_length=40, required=False)
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0, required=False)

    def __init__(self, *args, editing: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["email"].widget.attrs.update({"autocomplete": "off", "spellcheck": False})
        if editing:
            self.fields["active"] = forms.BooleanField(
                label="Still invited to meetings", required=False,
                help_text="Untick when they leave or stop coming: they are no longer offered on the invite page")
            self.fields["version"].required = True
            self.order_fields(["name", "job_title", "agency", "email", "phone", "active", "version"])

    def entry_data(self) -> dict:
        data = self.cleaned_data
        values = {name: data.get(name, "") for name in ("name", "job_title", "agency", "email", "phone")}
        if "active" in self.fields:
            values["active"] = bool(data.get("active"))
        return values


class DirectoryChoiceForm(forms.Form):
    """The invite page's choice of several people from the directory."""

    entries = forms.MultipleChoiceField(
        label="Choose the professionals to invite", widget=forms.CheckboxSelectMultiple,
        help_text="Select all that apply. Each one with an email address is sent the calendar invitation.",
        error_messages={"required": "Select at least one person to invite",
                        "invalid_choice": "Select people from the list"})

    def __init__(self, *args, entries, **kwargs):
        super().__init__(*args, **kwargs)
        self.by_id = {str(entry.pk): entry for entry in entries}
        self.fields["entries"].choices = [
            (pk, f"{entry.name}, {entry.job_title + ', ' if entry.job_title else ''}{entry.agency}"
                 + ("" if entry.email else " (no email address)"))
            for pk, entry in self.by_id.items()]

    def chosen(self) -> list:
        return [self.by_id[pk] for pk in self.cleaned_data["entries"]]
