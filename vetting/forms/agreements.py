"""Signing the Work Placement Agreement: the full name typed, the declaration ticked, and
the hash of the text the page showed (so the signature is of the text read)."""

from django import forms

from kentplacements.forms import RenderedForm


class SignAgreementForm(RenderedForm):
    button_class = "btn btn-primary"

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
        self.button_label = button_label
