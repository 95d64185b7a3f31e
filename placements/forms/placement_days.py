"""Forms for the placement days: activities, the Student Placement Risk Assessment, DRAs,
assigning the escorting officer, the daily register and the diary. They check what was
typed and show it next to the field; the services make the change (and refuse it again
if a form is bypassed)."""

from crispy_forms.layout import Div
from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone

from kentplacements.forms import RenderedForm, group

from ..enums import ActivityKind, ActivityLocation
from ..models import RiskAttachment
from ..models.work_experience import DEFAULT_REVIEW_DAYS, RISK_FRAMEWORK_CHECKS
from ..personal_data import find_forbidden_situations, find_personal_data
from ..selectors.placement_days import escorting_officers
from ..services.placement_days import programme_day_problem

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
DATETIME = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
DIARY_MAX_LENGTH = 5000
MAX_REVIEW_DAYS = 14
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


class WarnsOfForbiddenSituations(RenderedForm):
    """Protocol 3.5.2: a participant is never deployed in an ERV nor attends a sudden death
    or a post mortem. Notes that mention one are saved only once the writer ticks that the
    participant was kept away from it (a note may rightly say "we stayed clear of ..."):
    the first save shows the warning next to the field and the tick box; the second, with
    the box ticked, saves. The service asks for the same tick."""

    forbidden_checked: tuple[str, ...] = ()
    not_forbidden = forms.BooleanField(
        label="I confirm this is not an ERV deployment, a sudden death, a post mortem or a similar incident "
        "attended by the participant",
        required=False,
    )

    def clean(self):
        data = super().clean()
        self.forbidden_mentions = {
            name: found for name in self.forbidden_checked if (found := find_forbidden_situations(data.get(name) or ""))
        }
        if self.forbidden_mentions and not data.get("not_forbidden"):
            for name, found in self.forbidden_mentions.items():
                self.add_error(
                    name,
                    f"This mentions {', '.join(found)}. Protocol 3.5.2: a participant is never deployed in an ERV "
                    "and never attends a sudden death or a post mortem. If they were kept away from it, tick the "
                    "confirmation below and save again.",
                )
        return data

    def layout(self):
        # The tick box is offered once there is something to confirm.
        shown = ["not_forbidden"] if getattr(self, "forbidden_mentions", None) else []
        return [name for name in super().layout() if name != "not_forbidden"] + shown


class ProgrammeDaysForm(RenderedForm):
    """A form about something that happened on one of the programme's days (issue 8): the
    day is checked next to its field; the service refuses it again if the form is bypassed."""

    def __init__(self, *args, programme, **kwargs):
        super().__init__(*args, **kwargs)
        self.programme = programme

    def _check_day(self, day):
        if problem := programme_day_problem(self.programme, day):
            raise ValidationError(problem, code="programme_day")


class ActivityForm(ProgrammeDaysForm, WarnsOfForbiddenSituations):
    button_label, button_name, button_value = "Record the activity", "save", "activity"
    forbidden_checked = ("notes",)
    date = _date("Date")
    # Protocol 3.5.6: only the activities that may be accommodated are offered.
    kind = forms.ChoiceField(
        label="Activity",
        choices=[("", "Choose an activity"), *ActivityKind.choices],
        error_messages={"required": "Choose the activity."},
    )
    # Protocol 3.5.2: "in most cases" on site; off site only with the escorting officer's confirmation.
    location = forms.ChoiceField(
        label="Where",
        choices=ActivityLocation.choices,
        initial=ActivityLocation.ON_SITE,
        widget=forms.RadioSelect,
        error_messages={"required": "Say whether the activity is on site or off site."},
    )
    off_site_covered = forms.BooleanField(
        label="Off site: I am the escorting officer and I confirm the Student Placement Risk Assessment covers it",
        required=False,
    )
    notes = _text("Notes", required=False)

    def clean_date(self):
        self._check_day(self.cleaned_data["date"])
        return self.cleaned_data["date"]

    def clean(self):
        data = super().clean()
        if data.get("location") == ActivityLocation.OFF_SITE and not data.get("off_site_covered"):
            self.add_error(
                "off_site_covered",
                "Protocol 3.5.2: confirm the Student Placement Risk Assessment covers this off-site activity.",
            )
        return data

    def layout(self):
        return [group(self, name) if name == "location" else name for name in super().layout()]


class SecurityBriefingForm(ProgrammeDaysForm):
    """Protocol 3.4.1: who explained the force's security requirements, and when."""

    button_label, button_name, button_value = "Record the briefing", "save", "briefing"
    given_by = forms.CharField(
        label="Nominated local contact who gave the briefing",
        max_length=200,
        error_messages={"required": "Enter who gave the briefing."},
    )
    given_on = _date("Date of the briefing")

    def clean_given_on(self):
        self._check_day(self.cleaned_data["given_on"])
        return self.cleaned_data["given_on"]


class RiskAssessmentForm(RenderedForm):
    button_label, button_name, button_value = "Save the assessment", "save", "risk"
    assessed_on = _date("Date of the assessment")
    review_every_days = forms.IntegerField(
        label="Review every (days)",
        min_value=1,
        max_value=MAX_REVIEW_DAYS,
        initial=DEFAULT_REVIEW_DAYS,
        help_text="Protocol 3.5.4: reviewed regularly, until the placement ends.",
        error_messages={
            "required": "Enter how many days apart the reviews are.",
            "invalid": "Enter a whole number of days.",
            "min_value": "Enter 1 day or more.",
            "max_value": f"Review at least every {MAX_REVIEW_DAYS} days.",
        },
    )
    summary = _text("Assessment", rows=6, help_text="The hazards of each attachment and how they are controlled.")


class RiskAttachmentForm(RenderedForm):
    """Protocol 3.5.4: one attachment (activity area) and the framework's checks for it."""

    button_label, button_name, button_value = "Add the attachment", "save", "attachment"
    kind = forms.ChoiceField(label="Attachment", error_messages={"required": "Choose the attachment."})
    findings = _text(
        "Hazards and precautions", help_text="What could go wrong on this attachment, and what prevents it."
    )

    def __init__(self, *args, covered=(), **kwargs):
        super().__init__(*args, **kwargs)
        # the areas not yet covered (protocol 3.5.6's list)
        self.fields["kind"].choices = [("", "Choose an attachment")] + [
            (value, label) for value, label in ActivityKind.choices if value not in covered
        ]
        for name in RISK_FRAMEWORK_CHECKS:
            label = RiskAttachment._meta.get_field(name).verbose_name
            self.fields[name] = forms.BooleanField(
                label=label[:1].upper() + label[1:],
                error_messages={"required": "Protocol 3.5.4: apply this step of the framework to the attachment."},
            )


class RiskReviewForm(RenderedForm):
    button_label, button_name, button_value = "Save the assessment", "save", "risk"
    summary = _text(
        "Assessment",
        rows=6,
        help_text="Update the assessment as it stands after this review; the next review falls due at its interval.",
    )


class DraForm(ProgrammeDaysForm, WarnsOfForbiddenSituations):
    button_label, button_name, button_value = "Record the DRA", "save", "dra"
    forbidden_checked = ("event", "hazards", "controls", "outcome")
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


class DiaryForm(WarnsOfForbiddenSituations):
    button_label = "Save your note"
    forbidden_checked = ("text",)
    date = _date("Date")
    text = forms.CharField(
        label="Your notes",
        # bounds the look-up of other people's names (personal_data) as well as the page
        max_length=DIARY_MAX_LENGTH,
        help_text="Do not write names, dates of birth, addresses or postcodes, phone numbers, emails, "
        "vehicle registrations or crime reference numbers.",
        widget=forms.Textarea(attrs={"rows": 8}),
        error_messages={
            "required": "Enter your notes.",
            "max_length": "Keep a note under %(limit_value)d characters (it has %(show_value)d).",
        },
    )

    def __init__(self, *args, writer, **kwargs):
        super().__init__(*args, **kwargs)
        self.writer = writer

    def clean_text(self):
        # Protocol 3.4.3: refuse to save until the text is clean; what was typed stays.
        text = self.cleaned_data["text"]
        if found := find_personal_data(text, writer=self.writer):
            raise ValidationError(
                f"This looks like personal data: {', '.join(found)}. Please remove it before saving.",
                code="personal_data",
            )
        return text
