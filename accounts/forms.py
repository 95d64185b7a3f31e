from django import forms
from django.contrib.auth.forms import BaseUserCreationForm, UserChangeForm

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
