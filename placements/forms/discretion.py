"""The Head of Resourcing's exception to one rule for one application (protocol 2.3)."""

from django import forms

from kentplacements.forms import RenderedForm

from ..enums import ExceptionRule


class ExceptionForm(RenderedForm):
    button_label = "Grant the exception"

    rule = forms.ChoiceField(
        label="Which rule is the exception to?",
        choices=ExceptionRule.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose the rule."},
    )
    question = forms.ModelChoiceField(
        label="Which criterion? (for an exception to a criterion)",
        queryset=None,
        required=False,
        empty_label="Not a criterion",
    )
    rationale = forms.CharField(
        label="Rationale",
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Why this case warrants an exception (2.3: a clear rationale). Kept in the action log.",
        error_messages={"required": "Give the rationale for the exception."},
    )

    def __init__(self, *args, application, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["question"].queryset = application.programme.questions.all()

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("rule") == ExceptionRule.CRITERION and not cleaned.get("question"):
            self.add_error("question", "Choose the criterion the exception is for.")
        if cleaned.get("rule") not in (None, ExceptionRule.CRITERION) and cleaned.get("question"):
            self.add_error("question", "Only an exception to a criterion names one.")
        return cleaned
