from django import forms


class ChildHistoryForm(forms.Form):
    child_id = forms.UUIDField(label="Child's record ID", help_text="The ID in the address of the child's record",
                               error_messages={"required": "Enter the child's record ID",
                                               "invalid": "Enter the record ID as it appears in the address"})


class UserHistoryForm(forms.Form):
    username = forms.CharField(label="Username", max_length=150,
                               error_messages={"required": "Enter the person's username"})
