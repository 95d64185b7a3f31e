"""The form a volunteer logs or corrects a duty with (issue 11). It validates and renders;
volunteers.services.hours writes. The service's own checks run here too, each shown next
to the field it is about (a date in a closed month next to the date)."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone

from kentplacements.forms import RenderedForm

from .forms import ISO_DATE
from .models import DutyLog
from .services.hours import duty_problems

HOURS_ERRORS = {
    "required": "Give the hours you gave.",
    "invalid": "Give the hours as a number, like 2.5.",
    "max_digits": "A day has 24 hours: give at most 24.",
    "max_whole_digits": "A day has 24 hours: give at most 24.",
    "max_decimal_places": "Give the hours in quarters of an hour, like 2.5 or 3.75.",
}


class DutyForm(RenderedForm):
    button_label = "Log this duty"

    date = forms.DateField(
        label="Date of the duty",
        input_formats=[ISO_DATE, "%d/%m/%Y"],
        widget=forms.DateInput(format=ISO_DATE, attrs={"type": "date"}),
        error_messages={"required": "Give the date of the duty.", "invalid": "Give a date, like 14/11/2026."},
    )
    hours = forms.DecimalField(
        label="Hours",
        max_digits=4,
        decimal_places=2,
        help_text="In quarters of an hour: 2.5 is two and a half hours.",
        widget=forms.NumberInput(attrs={"min": "0.25", "max": "24", "step": "0.25", "inputmode": "decimal"}),
        error_messages=HOURS_ERRORS,
    )
    activity = forms.CharField(
        label="What did you do?",
        max_length=DutyLog._meta.get_field("activity").max_length,
        help_text="For example: a patrol of Tonbridge High Street with PCSO Khan.",
        error_messages={"required": "Say what the duty was."},
    )

    def __init__(self, *args, application, duty=None, **kwargs):
        if duty is None:
            kwargs.setdefault("initial", {"date": timezone.localdate()})  # most duties are logged the same day
        else:
            kwargs.setdefault("initial", {"date": duty.date, "hours": duty.hours, "activity": duty.activity})
            self.button_label = "Save the change"
        super().__init__(*args, **kwargs)
        self.application, self.duty = application, duty

    def clean(self):
        cleaned = super().clean()
        values = {name: cleaned.get(name) for name in ("date", "hours", "activity")}
        for name, problem in duty_problems(self.application, replacing=self.duty, **values).items():
            self.add_error(name, ValidationError(problem, code="duty"))
        return cleaned
