"""The equality questions (issue 12): nine optional questions, one per protected
characteristic, each answered by choosing one answer or left out."""

from crispy_forms.layout import Fieldset
from django import forms

from kentplacements.forms import button, form_helper, group

from .characteristics import CHARACTERISTICS


class EqualityForm(forms.Form):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for c in CHARACTERISTICS:
            self.fields[c.field] = forms.ChoiceField(
                label=c.question,
                choices=c.choices.choices,
                required=False,
                widget=forms.RadioSelect,
                help_text=c.help_text,
                error_messages={"invalid_choice": "Choose one of the answers, or leave this question out."},
            )
        self.helper = form_helper(
            Fieldset("About you (every question is optional)", *(group(self, c.field) for c in CHARACTERISTICS)),
            buttons=[button("Send my answers")],
        )

    def answers(self) -> dict:
        return {c.field: self.cleaned_data.get(c.field) or "" for c in CHARACTERISTICS}
