from django import forms


class DisclosureFilterForm(forms.Form):
    child_id = forms.UUIDField(label="Child's record ID", required=False,
                               error_messages={"invalid": "Enter the record ID as it appears in the address"})
    recipient = forms.CharField(label="Recipient", required=False, max_length=254)
