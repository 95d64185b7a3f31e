"""Forms for replying to a presentation invitation, giving feedback on a placement and
writing a reflection. They check what was typed and show it next to the field; the
services make the change (and refuse it again if a form is bypassed)."""

from crispy_forms.layout import HTML
from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone

from kentplacements.forms import RenderedForm, group
from kentplacements.workflow import DomainError

from ..rsvp import MAX_ATTENDEES, attendee_list, attendee_problems
from ..services.presentations import WHEN_AND_WHERE, session_change_problems
from ..uploads import MAX_PRESENTATION_MB, PRESENTATION_TYPES, PRESENTATION_TYPES_TEXT, presentation_extension

ATTENDEES_MESSAGE = f"Enter how many people will attend, from 1 to {MAX_ATTENDEES}."
RATING_MESSAGE = "Choose a rating from 1 (poor) to 5 (excellent)."


class RsvpForm(RenderedForm):
    button_label = "Send your reply"
    attending = forms.TypedChoiceField(
        label="Will anyone from your organisation attend?",
        choices=[("yes", "Yes, we will attend"), ("no", "No, we cannot attend")],
        coerce=lambda answer: answer == "yes",
        widget=forms.RadioSelect,
        error_messages={"required": "Say whether anyone from your organisation will attend."},
    )
    attendees = forms.IntegerField(
        label="How many people will attend?",
        required=False,
        help_text=f"Up to {MAX_ATTENDEES}.",
        widget=forms.NumberInput(attrs={"min": 1, "max": MAX_ATTENDEES, "inputmode": "numeric"}),
        error_messages={"invalid": ATTENDEES_MESSAGE},
    )
    attendee_names = forms.CharField(
        label="Names of the people attending",
        required=False,
        help_text="One name per line.",
        widget=forms.Textarea(attrs={"rows": 4, "autocomplete": "off"}),
    )
    access_needs = forms.CharField(
        label="Access needs (optional)",
        required=False,
        help_text="For example step-free access, a hearing loop or a British Sign Language interpreter.",
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def layout(self):
        return [
            group(self, "attending"),
            HTML("<p>If you will attend:</p>"),
            "attendees",
            "attendee_names",
            "access_needs",
            HTML("<p>You can change or cancel your reply here until the date above.</p>"),
        ]

    @staticmethod
    def initial_for(invitation) -> dict:
        """The reply already given, so a partner changes it rather than starts again."""
        if not invitation.rsvp_status:
            return {}
        return {
            "attending": "yes" if invitation.attendees else "no",
            "attendees": invitation.attendees or None,
            "attendee_names": invitation.attendee_names,
            "access_needs": invitation.access_needs,
        }

    def clean(self):
        data = super().clean()
        if data.get("attending"):
            problems = attendee_problems(data.get("attendees"), attendee_list(data.get("attendee_names")))
            for field, message in problems.items():
                if field not in self.errors:
                    self.add_error(field, message)
        return data


class FeedbackForm(RenderedForm):
    button_label = "Send feedback"
    rating = forms.TypedChoiceField(
        label="How did the placement go?",
        choices=[(1, "1 – Poor"), (2, "2 – Fair"), (3, "3 – Good"), (4, "4 – Very good"), (5, "5 – Excellent")],
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={"required": RATING_MESSAGE, "invalid_choice": RATING_MESSAGE},
    )
    comment = forms.CharField(
        label="Comments (optional)",
        required=False,
        help_text="What went well, and what would make the next placement better?",
        widget=forms.Textarea(attrs={"rows": 5}),
    )

    def layout(self):
        later = HTML("<p>You can change your feedback later; we keep the earlier versions.</p>")
        return [group(self, "rating"), "comment", later]


class ReflectionForm(RenderedForm):
    button_label = "Save your reflection"
    summary = forms.CharField(
        label="Presentation summary",
        required=False,
        help_text="What your presentation told your colleagues, in a few paragraphs.",
        widget=forms.Textarea(attrs={"rows": 6}),
    )
    upload = forms.FileField(
        label="Your presentation file (optional)",
        required=False,
        help_text=f"Upload {PRESENTATION_TYPES_TEXT}, up to {MAX_PRESENTATION_MB} MB. "
        "A new file replaces the one you sent before.",
        widget=forms.FileInput(attrs={"accept": ",".join([".pdf", ".pptx", ".odp", *PRESENTATION_TYPES])}),
    )
    reflection = forms.CharField(
        label="Your reflection",
        help_text="What you learned about this community, and how it will influence you as a police officer in Kent.",
        widget=forms.Textarea(attrs={"rows": 8}),
        error_messages={"required": "Write your reflection on the placement."},
    )

    def clean_upload(self):
        upload = self.cleaned_data.get("upload")
        if upload:
            try:
                presentation_extension(upload)
            except DomainError as error:
                raise ValidationError(str(error), code="presentation_file") from error
        return upload


class SessionChangeForm(RenderedForm):
    """The Diversity Placements Officer moves a session (issue 9); change_session tells
    the partners who replied. The session's rules are checked here too, so each problem
    is shown next to its field."""

    button_label = "Change the session and email the partners"
    date = forms.DateField(
        label="Date",
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"required": "Enter the date.", "invalid": "Enter a real date, like 14/04/2027."},
    )
    starts_at = forms.TimeField(
        label="Start time",
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        error_messages={"required": "Enter the start time.", "invalid": "Enter a time, like 14:00."},
    )
    venue = forms.CharField(label="Venue", max_length=200, error_messages={"required": "Enter the venue."})
    room = forms.CharField(label="Room", max_length=100, error_messages={"required": "Enter the room."})
    reason = forms.CharField(
        label="Why does it change?",
        max_length=300,
        help_text="The partners who replied read this in the email we send them.",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Say why the session changes."},
    )

    def __init__(self, *args, session=None, **kwargs):
        self.session = session
        if session is not None:
            kwargs.setdefault("initial", {name: getattr(session, name) for name in WHEN_AND_WHERE})
        super().__init__(*args, **kwargs)

    def clean(self):
        cleaned = super().clean()
        if self.session is not None and not set(WHEN_AND_WHERE) & set(self.errors):
            moved = {name: cleaned[name] for name in WHEN_AND_WHERE}
            for field, message in session_change_problems(self.session, now=timezone.now(), **moved).items():
                self.add_error(field, message)
        return cleaned
