from django import forms


class ChildHistoryForm(forms.Form):
    child_id = forms.UUIDField(label="Child's record ID", help_text="The ID in the address of the child's record",
                               error_messages={"required": "Enter the child's record ID",
                                               "invalid": "Enter the record ID as it appears in the address"})


class UserHistoryForm(forms.Form):
    username = forms.CharField(label="Username", max_length=150,
                               error_messages={"required": "Enter the person's username"})


class AlertReviewForm(forms.Form):
    note = forms.CharField(label="What you found and did", widget=forms.Textarea, max_length=2000,
                           error_messages={"required": "Enter what you found and did about the alert"})


class DisclosureFilterForm(forms.Form):
    child_id = forms.UUIDField(label="Child's record ID", required=False,
                               error_messages={"invalid": "Enter the record ID as it appears in the address"})
    recipient = forms.CharField(label="Recipient", required=False, max_length=254)
