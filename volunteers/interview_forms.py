"""Forms of the interview pages (issue 11). They validate and render;
``volunteers.services.interviews`` writes."""

from datetime import datetime, timedelta

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone

from kentplacements.forms import RenderedForm, group

from .forms import ISO_DATE
from .services.interviews import period_problem

LONGEST_INTERVIEW = 240  # minutes
MOST_SLOTS_A_DAY = 20


class PublishSlotsForm(RenderedForm):
    """A day's interviews, back to back: the first start, each one's length, how many."""

    button_label = "Publish these interview times"

    day = forms.DateField(
        label="Day",
        input_formats=[ISO_DATE, "%d/%m/%Y"],
        widget=forms.DateInput(format=ISO_DATE, attrs={"type": "date"}),
        error_messages={"required": "Enter the day of the interviews.", "invalid": "Enter a date, like 12/02/2027."},
    )
    first_start = forms.TimeField(
        label="First interview starts at",
        widget=forms.TimeInput(format="%H:%M", attrs={"type": "time"}),
        error_messages={"required": "Enter the time of the first interview.", "invalid": "Enter a time, like 09:30."},
    )
    minutes = forms.IntegerField(
        label="Length of each interview, in minutes",
        min_value=5,
        max_value=LONGEST_INTERVIEW,
        error_messages={
            "required": "Enter the length of each interview.",
            "invalid": "Enter the length as a number of minutes, like 45.",
            "min_value": "An interview lasts at least 5 minutes.",
            "max_value": f"An interview lasts at most {LONGEST_INTERVIEW} minutes.",
        },
    )
    count = forms.IntegerField(
        label="How many interviews",
        min_value=1,
        max_value=MOST_SLOTS_A_DAY,
        error_messages={
            "required": "Enter how many interviews to publish.",
            "invalid": "Enter how many interviews as a number, like 6.",
            "min_value": "Publish at least one interview.",
            "max_value": f"Publish at most {MOST_SLOTS_A_DAY} interviews a day.",
        },
    )
    location = forms.CharField(
        label="Where",
        max_length=200,
        help_text="The address the candidates come to.",
        error_messages={"required": "Enter where the interviews take place."},
    )

    def __init__(self, *args, campaign, **kwargs):
        super().__init__(*args, **kwargs)
        self.campaign = campaign
        if campaign.interviews_start_on:
            self.fields[
                "day"
            ].help_text = (
                f"Between {campaign.interviews_start_on:%-d %B %Y} and {campaign.interviews_end_on:%-d %B %Y}."
            )

    def clean(self):
        cleaned = super().clean()
        if not self.errors:
            start = timezone.make_aware(datetime.combine(cleaned["day"], cleaned["first_start"]))
            end = start + timedelta(minutes=cleaned["minutes"] * cleaned["count"])
            if problem := period_problem(self.campaign, start, end):
                self.add_error("day", ValidationError(problem, code="outside_period"))
        return cleaned


class SlotChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return str(obj)


class BookInterviewForm(RenderedForm):
    def __init__(self, *args, slots, button_label, **kwargs):
        super().__init__(*args, **kwargs)
        self.button_label = button_label
        self.fields["slot"] = SlotChoice(
            label="Choose a time",
            queryset=slots,
            widget=forms.RadioSelect,
            empty_label=None,
            error_messages={
                "required": "Choose a time for your interview.",
                "invalid_choice": "That time is no longer free. Choose another time.",
            },
        )

    def layout(self):
        return [group(self, "slot")]


OUTCOMES = [
    ("passed", "Passed: the application goes on"),
    ("failed", "Not passed: the application is not taken further"),
]


class InterviewOutcomeForm(RenderedForm):
    button_label = "Record the outcome"

    outcome = forms.ChoiceField(
        label="Outcome of the interview",
        choices=OUTCOMES,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose whether the candidate passed the interview."},
    )
    reason = forms.CharField(
        label="If not passed, why",
        required=False,
        max_length=500,
        help_text="The candidate reads this in their email.",
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def layout(self):
        return [group(self, "outcome"), "reason"]

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("outcome") == "failed" and not cleaned.get("reason", "").strip():
            self.add_error("reason", ValidationError("Give the reason the candidate did not pass.", code="required"))
        return cleaned
