"""Forms of the training and designated-power pages (issue 11). They validate and render;
``volunteers.services.training`` and ``.powers`` write. The services' own checks run here
too, so each problem is shown next to its field and what was typed stays."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone

from kentplacements.forms import RenderedForm, group

from .forms import ISO_DATE
from .services.powers import granted_on_problem
from .services.training import WEEKENDS, session_problems, year_problem

LOCAL_MINUTE = "%Y-%m-%dT%H:%M"  # what <input type="datetime-local"> shows and sends


def _date(label, **kwargs):
    return forms.DateField(
        label=label,
        input_formats=[ISO_DATE, "%d/%m/%Y"],
        widget=forms.DateInput(format=ISO_DATE, attrs={"type": "date"}),
        error_messages={"required": "Enter the date.", "invalid": "Enter a real date, like 25/04/2027."},
        **kwargs,
    )


def _date_and_time(label):
    return forms.DateTimeField(
        label=label,
        input_formats=[LOCAL_MINUTE, "%d/%m/%Y %H:%M"],
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format=LOCAL_MINUTE),
        error_messages={
            "required": "Enter the date and time.",
            "invalid": "Enter a real date and a time, like 25/04/2027 09:00.",
        },
    )


class SetUpTrainingForm(RenderedForm):
    button_label = "Set up the training"

    starts_on = _date(
        "Training starts on",
        help_text=f"The first weekend is the Saturday on or after this day; then one every other weekend, "
        f"{WEEKENDS} in all. You can change each weekend's times and place afterwards.",
    )

    def clean_starts_on(self):
        starts_on = self.cleaned_data["starts_on"]
        if problem := year_problem(starts_on):
            raise ValidationError(problem, code="year")
        return starts_on


class SessionForm(RenderedForm):
    """A weekend's times and place; reschedule_session emails the trainees."""

    button_label = "Save and tell the trainees"

    starts_at = _date_and_time("Starts")
    ends_at = _date_and_time("Ends")
    location = forms.CharField(
        label="Where",
        max_length=200,
        help_text="The address the trainees come to.",
        error_messages={"required": "Say where the training takes place."},
    )

    def clean(self):
        cleaned = super().clean()
        if not {"starts_at", "ends_at", "location"} & set(self.errors):
            problems = session_problems(cleaned["starts_at"], cleaned["ends_at"], cleaned["location"])
            for field, message in problems.items():
                self.add_error(field, ValidationError(message, code="session"))
        return cleaned


class TraineeChoice(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return obj.applicant.full_name or obj.applicant.email


class RegisterForm(RenderedForm):
    """One weekend's register: a tick box per trainee, ticked when they attended. Each
    weekend's form has its own prefix, so the page's five registers have distinct fields."""

    def __init__(self, *args, session, trainees, attended_ids, **kwargs):
        super().__init__(*args, prefix=f"weekend-{session.pk}", **kwargs)
        saturday = f"{timezone.localtime(session.starts_at):%-d %B %Y}"
        self.session = session
        self.button_label = f"Save the register of {saturday}"
        self.fields["attended"] = TraineeChoice(
            label=f"Who attended the weekend of {saturday}?",
            queryset=trainees,
            required=False,
            initial=attended_ids,
            widget=forms.CheckboxSelectMultiple,
            help_text="Tick each trainee who attended. The others are recorded as not attending.",
            error_messages={
                "invalid_choice": "Someone ticked is no longer in training. Look at the list again and save it.",
            },
        )

    def layout(self):
        return [group(self, "attended")]


class GrantPowerForm(RenderedForm):
    button_label = "Grant this power"

    def __init__(self, *args, application, powers, **kwargs):
        super().__init__(*args, **kwargs)
        self.application = application
        self.fields["power"] = forms.ModelChoiceField(
            label="Designated power",
            queryset=powers,
            widget=forms.RadioSelect,
            empty_label=None,
            error_messages={
                "required": "Choose the power to grant.",
                "invalid_choice": "Choose one of the powers listed: the volunteer's role allows only these.",
            },
        )
        self.fields["granted_on"] = _date("Granted on", initial=timezone.localdate)

    def layout(self):
        return [group(self, "power"), "granted_on"]

    def clean_granted_on(self):
        granted_on = self.cleaned_data["granted_on"]
        if problem := granted_on_problem(self.application, granted_on):
            raise ValidationError(problem, code="granted_on")
        return granted_on


class WithdrawPowerForm(RenderedForm):
    button_label = "Withdraw the power"
    button_class = "btn btn-outline-danger"

    reason = forms.CharField(
        label="Why is the power withdrawn?",
        max_length=500,
        help_text="The volunteer reads this in their email.",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Say why the power is withdrawn."},
    )
