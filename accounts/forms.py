from django import forms
from django.contrib.auth.forms import BaseUserCreationForm, UserChangeForm

from kentplacements.forms import RenderedForm

from .models import User


class SignupDetailsForm(forms.Form):
    """Extra fields on allauth's sign-up form (ACCOUNT_SIGNUP_FORM_CLASS)."""

    full_name = forms.CharField(
        label="Full name", max_length=200, widget=forms.TextInput(attrs={"autocomplete": "name"})
    )

    field_order = ["full_name", "email", "password1", "password2"]

    def signup(self, request, user):
        user.full_name = self.cleaned_data["full_name"].strip()
        user.save(update_fields=["full_name"])


class StaffUserCreationForm(BaseUserCreationForm):
    class Meta:
        model = User
        fields = ("email", "full_name")


class StaffUserChangeForm(UserChangeForm):
    class Meta:
        model = User
        fields = "__all__"


# --- subject access and erasure (issue 13) ---------------------------------------------------
# The address is sent in a POST, never in a page's address, so it stays out of the access logs
# and the browser's history (no personal data in logs).


class AddressField(forms.EmailField):
    """Addresses are found whatever their capitals (accounts are kept in lower case), and shown so."""

    def clean(self, value):
        return super().clean(value).lower()


class PersonSearchForm(RenderedForm):
    button_label = "Find what is held"

    email = AddressField(
        label="Their email address",
        help_text="The address they used: an account, an application, an event registration.",
        widget=forms.EmailInput(attrs={"autocomplete": "off"}),
    )


class PersonActionForm(RenderedForm):
    """A button on the person's page: the address travels with it, hidden."""

    email = AddressField(widget=forms.HiddenInput)

    def __init__(self, *args, action="", label="", confirm=False, danger=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.form_action = action
        self.button_label = label
        self.button_class = "btn btn-danger" if danger else None
        if confirm:
            self.fields["confirm"] = forms.CharField(widget=forms.HiddenInput, initial="yes")
