"""The vetting officer's forms: move one check (start, clear with its expiry, refuse,
withdraw, with private notes), and request a check. They check what was typed and keep it;
the services make the change and refuse it again if a form is bypassed."""

from django import forms
from django.core.exceptions import ValidationError

from kentplacements.forms import RenderedForm, group

from ..enums import CHECK_WORKFLOW, CheckStatus, CheckType

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
# what each move is called on the form, by the status it leads to
MOVES = {
    CheckStatus.IN_PROGRESS: "Start the check",
    CheckStatus.CLEARED: "Clear",
    CheckStatus.REFUSED: "Refuse",
    CheckStatus.WITHDRAWN: "Withdraw",
}


class CheckDecisionForm(RenderedForm):
    button_label, button_name = "Record", "check"

    decision = forms.ChoiceField(
        label="What happened", widget=forms.RadioSelect, error_messages={"required": "Choose what happened."}
    )
    expires_on = forms.DateField(
        label="Clearance expires on",
        required=False,
        widget=DATE,
        help_text="For a clearance: the day it lapses. Leave empty if it does not lapse.",
        error_messages={"invalid": "Enter a date."},
    )
    notes = forms.CharField(
        label="Private notes",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Only vetting officers see these.",
    )

    def __init__(self, *args, check, **kwargs):
        super().__init__(*args, prefix=f"check-{check.pk}", **kwargs)
        self.button_value = str(check.pk)
        self.fields["decision"].choices = [
            (status, label) for status, label in MOVES.items() if CHECK_WORKFLOW.can(check.status, status)
        ]

    def layout(self):
        return [group(self, "decision"), "expires_on", "notes"]

    def clean(self):
        data = super().clean()
        if data.get("expires_on") and data.get("decision") != CheckStatus.CLEARED:
            self.add_error("expires_on", ValidationError("An expiry date goes with a clearance only."))
        return data


class RequestCheckForm(RenderedForm):
    button_label, button_name, button_value = "Request the check", "request", "1"

    check_type = forms.ChoiceField(
        label="Check",
        choices=[("", "Choose a check"), *CheckType.choices],
        error_messages={"required": "Choose a check."},
    )
    required = forms.BooleanField(
        label="Required for clearance", required=False, initial=True, help_text="Untick for an extra check."
    )
