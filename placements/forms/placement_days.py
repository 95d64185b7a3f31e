"""Forms for the placement days: activities, the Student Placement Risk Assessment, DRAs,
assigning the escorting officer, the daily register and the diary. They check what was
typed and show it next to the field; the services make the change (and refuse it again
if a form is bypassed)."""

from crispy_forms.layout import Div
from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone

from ..enums import ActivityKind
from ..personal_data import find_personal_data
from ..selectors.placement_days import escorting_officers
from ..services.placement_days import programme_day_problem
from .rendering import RenderedForm, group

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
DATETIME = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
PRESENT_CHOICES = [("yes", "Present"), ("no", "Absent")]


def _text(label, *, required=True, rows=3, help_text=""):
    return forms.CharField(
        label=label,
        required=required,
        help_text=help_text,
        widget=forms.Textarea(attrs={"rows": rows}),
        error_messages={"required": f"Enter {label.lower()}."},
    )


def _date(label):
    return forms.DateField(
        label=label, widget=DATE, error_messages={"required": f"Enter the {label.lower()}.", "invalid": "Enter a date."}
    )


class ProgrammeDaysForm(RenderedForm):
    """A form about something that happened on one of the programme's days (issue 8): the
    day is checked next to its field; the service refuses it again if the form is bypassed."""

    def __init__(self, *args, programme, **kwargs):
        super().__init__(*args, **kwargs)
        self.programme = programme

    def _check_day(self, day):
        if problem := programme_day_problem(self.programme, day):
            raise ValidationError(problem, code="programme_day")


class ActivityForm(ProgrammeDaysForm):
    button_label, button_name, button_value = "Record the activity", "save", "activity"
    date = _date("Date")
    # Protocol 3.5.6: only the activities that may be accommodated are offered.
    kind = forms.ChoiceField(
        label="Activity",
        choices=[("", "Choose an activity"), *ActivityKind.choices],
        error_messages={"required": "Choose the activity."},
    )
    notes = _text("Notes", required=False)

    def clean_date(self):
        self._check_day(self.cleaned_data["date"])
        return self.cleaned_data["date"]


class RiskAssessmentForm(RenderedForm):
    button_label, button_name, button_value = "Save the assessment", "save", "risk"
    assessed_on = _date("Date of the assessment")
    review_due = _date("Review due")
    summary = _text("Assessment", rows=6, help_text="The hazards of each attachment and how they are controlled.")

    def clean(self):
        data = super().clean()
        if data.get("assessed_on") and data.get("review_due") and data["review_due"] < data["assessed_on"]:
            self.add_error("review_due", "The review date must be on or after the date of the assessment.")
        return data


class RiskReviewForm(RenderedForm):
    button_label, button_name, button_value = "Save the assessment", "save", "risk"
    review_due = _date("Next review due")
    summary = _text("Assessment", rows=6, help_text="Update the assessment as it stands after this review.")


class DraForm(ProgrammeDaysForm):
    button_label, button_name, button_value = "Record the DRA", "save", "dra"
    occurred_at = forms.DateTimeField(
        label="When it happened",
        widget=DATETIME,
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"],
        error_messages={"required": "Enter when it happened.", "invalid": "Enter a date and time."},
    )
    event = _text("Incident or event")
    hazards = _text("Hazards")
    controls = _text("What was done to keep the participant safe")
    outcome = _text("Outcome", required=False)

    def clean_occurred_at(self):
        self._check_day(timezone.localdate(self.cleaned_data["occurred_at"]))
        return self.cleaned_data["occurred_at"]


class EscortingOfficerForm(RenderedForm):
    button_label, button_name, button_value = "Assign", "save", "officer"
    officer = forms.ModelChoiceField(
        label="Escorting officer",
        queryset=escorting_officers(),
        empty_label="Choose an escorting officer",
        error_messages={"required": "Choose the escorting officer."},
    )


class RegisterForm(RenderedForm):
    """One present/absent choice and a note per participant on the day's register."""

    button_label = "Save the register"

    def __init__(self, *args, rows, **kwargs):
        super().__init__(*args, **kwargs)
        self.rows = rows
        for application in rows:
            record = application.records_of_day[0] if application.records_of_day else None
            name = application.applicant.full_name
            self.fields[f"present_{application.pk}"] = forms.ChoiceField(
                label=f"{name}: present or absent",
                choices=PRESENT_CHOICES,
                initial=("yes" if record.present else "no") if record else None,
                widget=forms.RadioSelect,
                error_messages={"required": f"Say whether {name} is present."},
            )
            self.fields[f"note_{application.pk}"] = forms.CharField(
                label=f"Note about {name}",
                required=False,
                max_length=300,
                initial=record.note if record else "",
            )

    def entries(self):
        """(application, present, note) for each row, from the cleaned data."""
        for application in self.rows:
            present = self.cleaned_data[f"present_{application.pk}"] == "yes"
            yield application, present, self.cleaned_data[f"note_{application.pk}"]

    def layout(self):
        return [
            Div(group(self, f"present_{application.pk}"), f"note_{application.pk}", css_class="border-bottom mb-3")
            for application in self.rows
        ]


class DiaryForm(RenderedForm):
    button_label = "Save your note"
    date = _date("Date")
    text = _text(
        "Your notes",
        rows=8,
        help_text="Do not write names, phone numbers, emails, vehicle registrations or crime reference numbers.",
    )

    def clean_text(self):
        # Protocol 3.4.3: refuse to save until the text is clean; what was typed stays.
        text = self.cleaned_data["text"]
        if found := find_personal_data(text):
            raise ValidationError(
                f"This looks like personal data: {', '.join(found)}. Please remove it before saving.",
                code="personal_data",
            )
        return text
