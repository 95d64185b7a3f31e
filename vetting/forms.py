"""Signing the Work Placement Agreement: the full name typed, the declaration ticked, and
the hash of the text the page showed (so the signature is of the text read)."""

from crispy_forms.bootstrap import StrictButton
from crispy_forms.helper import FormHelper
from crispy_forms.layout import Layout
from django import forms


class SignAgreementForm(forms.Form):
    full_name = forms.CharField(
        label="Your full name",
        max_length=200,
        error_messages={"required": "Type your full name to sign."},
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    declaration = forms.BooleanField(error_messages={"required": "Tick the box to make the declaration."})
    shown_sha256 = forms.CharField(widget=forms.HiddenInput)

    def __init__(self, *args, declaration: str, button_label: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["declaration"].label = declaration
        # Drawn as every form of the site is (placements/forms/rendering.py, which vetting may
        # not import: DOMAIN.md §2): our own messages, no browser checks.
        self.helper = FormHelper()
        self.helper.attrs = {"novalidate": ""}
        self.helper.form_class = "kp-form"
        self.helper.error_text_inline = False
        submit = StrictButton(button_label, type="submit", css_class="btn btn-primary")
        self.helper.layout = Layout("full_name", "declaration", "shown_sha256", submit)
