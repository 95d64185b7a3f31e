"""Forms of the programme's pages. They validate and render; programme.services writes.
The application asks no protected characteristic: those are the separate, optional
equality questions offered once it is sent (outreach.equality)."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone

from kentplacements.forms import RenderedForm, group
from kentplacements.phones import normalise_phone

from ..enums import EventKind, EventStatus
from ..models import OutreachEvent
from .enums import ProgrammeStage, SupportChannel
from .selectors import staff_members


def _required(message):
    return {"required": message}


class ProgrammeApplicationForm(RenderedForm):
    button_label = "Send my application"

    why = forms.CharField(
        label="Why would you like the programme's support?",
        max_length=3000,
        help_text="A few sentences: where you are with your application to Kent Police and what would help you.",
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages=_required("Say why you would like the programme's support."),
    )
    stages_wanted = forms.MultipleChoiceField(
        label="Which stages would you like help with?",
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "required": "Choose at least one stage you would like help with.",
            "invalid_choice": "Choose stages from the list.",
        },
    )
    phone = forms.CharField(
        label="Your phone number",
        max_length=30,
        help_text="So your buddy can ring you to arrange your sessions.",
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"}),
        error_messages=_required("Enter a phone number we can call you on."),
    )
    access_needs = forms.CharField(
        label="Access needs (optional)",
        required=False,
        max_length=2000,
        help_text="Anything we can arrange so you can take part in sessions, workshops and visits.",
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, intake, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["stages_wanted"].choices = [(s, ProgrammeStage(s).label) for s in intake.stages]

    def layout(self):
        return ["why", group(self, "stages_wanted"), "phone", "access_needs"]

    def clean_why(self):
        why = self.cleaned_data["why"].strip()
        if not why:
            raise ValidationError("Say why you would like the programme's support.", code="required")
        return why

    def clean_phone(self):
        return normalise_phone(self.cleaned_data["phone"])

    def answers(self) -> dict:
        return dict(self.cleaned_data)


class BuddyChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.full_name} ({obj.email})" if obj.full_name else obj.email


class BuddyForm(RenderedForm):
    """Enrol with a buddy, or change the buddy of an enrolled candidate."""

    button_name = "assign_buddy"

    def __init__(self, *args, enrolled: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.button_label = "Change the buddy" if enrolled else "Enrol with this buddy"
        self.fields["buddy"] = BuddyChoice(
            label="New buddy" if enrolled else "Buddy",
            queryset=staff_members(),
            help_text="Any member of staff. They are emailed, and see this candidate under “Candidates you buddy”.",
            error_messages={"required": "Choose a buddy.", "invalid_choice": "Choose a buddy from the list."},
        )


class DeclineForm(RenderedForm):
    button_label = "Decline the application"
    button_class = "btn btn-outline-danger"

    reason = forms.CharField(
        label="Why is the application declined?",
        max_length=500,
        help_text="For the Diversity Team's records: the candidate's email does not give it.",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages=_required("Say why the application is declined."),
    )

    def clean_reason(self):
        reason = self.cleaned_data["reason"].strip()
        if not reason:
            raise ValidationError("Say why the application is declined.", code="required")
        return reason


class SupportSessionForm(RenderedForm):
    button_label = "Log the session"

    held_on = forms.DateField(
        label="Date of the session",
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"required": "Give the date of the session.", "invalid": "Give a date like 2027-03-14."},
    )
    channel = forms.ChoiceField(
        label="How was it held?",
        choices=SupportChannel.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Say how the session was held.", "invalid_choice": "Choose one of the ways."},
    )
    notes = forms.CharField(
        label="Notes",
        max_length=5000,
        help_text="Read by the candidate's buddy and the Diversity Team only: not by the candidate, nor anyone "
        "deciding on an application.",
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages=_required("Write the session's notes."),
    )

    def layout(self):
        return ["held_on", group(self, "channel"), "notes"]

    def clean_held_on(self):
        held_on = self.cleaned_data["held_on"]
        if held_on > timezone.localdate():
            raise ValidationError("Give the date the session was held: today or earlier.")
        return held_on

    def clean_notes(self):
        notes = self.cleaned_data["notes"].strip()
        if not notes:
            raise ValidationError("Write the session's notes.", code="required")
        return notes


def coming_familiarisation_visits():
    return OutreachEvent.objects.filter(
        kind=EventKind.FAMILIARISATION, status=EventStatus.PUBLISHED, starts_at__gt=timezone.now()
    ).order_by("starts_at", "pk")


class VisitChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        left = "full: join the waiting list" if obj.is_full else f"{obj.places_left} places left"
        return f"{obj} at {obj.venue} ({left})"


class BookVisitForm(RenderedForm):
    button_label = "Book this visit"
    button_name = "book"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["event"] = VisitChoice(
            label="Familiarisation visit",
            queryset=coming_familiarisation_visits(),
            widget=forms.RadioSelect,
            error_messages={"required": "Choose a visit.", "invalid_choice": "Choose a visit from the list."},
        )

    def layout(self):
        return [group(self, "event")]
