"""The review of the Work Experience Protocol (seed 001, 7.1), on the monitoring page. Two
forms on one page: each has its own prefix, so their fields' ids differ."""

from django import forms

from kentplacements.forms import RenderedForm

from ..models.monitoring import NOTES_LENGTH

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _date(label, *, required=True, help_text="", missing="Enter the date."):
    return forms.DateField(
        label=label,
        required=required,
        widget=DATE_WIDGET,
        help_text=help_text,
        error_messages={"required": missing, "invalid": "Enter a real date, for example 1 February 2026."},
    )


def _next_after(form, reviewed_on):
    """The next review comes after the last (the database's protocol_next_review_after_last)."""
    next_review_on = form.cleaned_data.get("next_review_on")
    if reviewed_on and next_review_on and next_review_on <= reviewed_on:
        form.add_error("next_review_on", f"The next review must come after the last one, on {reviewed_on:%-d %B %Y}.")


class ProtocolReviewForm(RenderedForm):
    prefix = "review"
    button_label = "Record the review"
    form_action = "we_monitoring_review"

    reviewed_on = _date("Date of the review", missing="Enter the date the review took place.")
    next_review_on = _date(
        "Next review due (optional)",
        required=False,
        help_text="Leave it empty for two years after the review (protocol 7.1).",
    )
    notes = forms.CharField(
        label="What the review looked at",
        max_length=NOTES_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="For example: the changes it made to the protocol, or the significant change that prompted it.",
        error_messages={"required": "Say what the review looked at."},
    )

    def clean(self):
        cleaned = super().clean()
        _next_after(self, cleaned.get("reviewed_on"))
        return cleaned


class NextReviewForm(RenderedForm):
    prefix = "next"
    button_label = "Change the date"
    form_action = "we_monitoring_next_review"

    next_review_on = _date("Next review due", missing="Enter the date the next review is due.")
    reason = forms.CharField(
        label="Why the date changes",
        max_length=500,
        help_text="Protocol 7.1: a review every two years, or sooner after a significant change.",
        error_messages={"required": "Give the reason for changing the date."},
    )

    def __init__(self, *args, reviewed_on, **kwargs):
        super().__init__(*args, **kwargs)
        self.reviewed_on = reviewed_on

    def clean(self):
        cleaned = super().clean()
        _next_after(self, self.reviewed_on)
        return cleaned
