"""Forms of the outreach pages and back office. They validate and render; the services in
``outreach.services`` write. The services' own checks run here too, so each problem is
shown next to its field and what was typed stays."""

from crispy_forms.layout import Div
from django import forms
from django.core.exceptions import ValidationError

from kentplacements.forms import RenderedForm, group
from kentplacements.phones import normalise_phone

from .enums import RoleConsidered
from .models import MAX_PLACES

# What the model's EmailField holds (RFC 5321's longest usable address): a longer one
# would pass a form's EmailField and fail in the database.
EMAIL_LENGTH = 254


class RegistrationForm(RenderedForm):
    """Issue 12: "name, email, phone, the role being considered, access needs". Anyone may
    fill it in, without an account."""

    full_name = forms.CharField(
        label="Your full name",
        max_length=200,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
        error_messages={"required": "Enter your full name."},
    )
    email = forms.EmailField(
        label="Your email address",
        max_length=EMAIL_LENGTH,
        help_text="We email your confirmation here, with a link to cancel if you cannot come.",
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        error_messages={
            "required": "Enter your email address.",
            "invalid": "Enter an email address like name@example.org.",
        },
    )
    phone = forms.CharField(
        label="Your phone number",
        max_length=30,
        help_text="In case we need to reach you about the event.",
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"}),
        error_messages={"required": "Enter a phone number we can call you on."},
    )
    role_considered = forms.ChoiceField(
        label="Which role are you considering?",
        choices=RoleConsidered.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Choose the role you are considering, or “Not sure yet”.",
            "invalid_choice": "Choose one of the roles listed, or “Not sure yet”.",
        },
    )
    access_needs = forms.CharField(
        label="Access needs (optional)",
        required=False,
        max_length=2000,
        help_text="Anything we can arrange so you can take part: step-free access, a hearing loop, a British "
        "Sign Language interpreter, a quiet room, a prayer space, food you can eat. Only the Diversity "
        "Placements Officer reads this.",
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    # A honeypot: hidden from people (display: none), filled in by spam robots.
    website = forms.CharField(
        label="Leave this box empty",
        required=False,
        max_length=200,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    def __init__(self, *args, full: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.button_label = "Join the waiting list" if full else "Register"

    def layout(self):
        return [
            "full_name",
            "email",
            "phone",
            group(self, "role_considered"),
            "access_needs",
            Div("website", css_class="d-none"),
        ]

    def clean_full_name(self):
        return self.cleaned_data["full_name"].strip()

    def clean_phone(self):
        return normalise_phone(self.cleaned_data["phone"])

    @property
    def is_spam(self) -> bool:
        return bool(self.cleaned_data.get("website"))

    def details(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.fields if name != "website"}


class RegisterChoice(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return obj.full_name


class AttendanceForm(RenderedForm):
    """The event's register: a tick box per person holding a place, ticked when they came."""

    button_label = "Save the register"

    def __init__(self, *args, people, attended_ids, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["attended"] = RegisterChoice(
            label="Who came?",
            queryset=people,
            required=False,
            initial=attended_ids,
            widget=forms.CheckboxSelectMultiple,
            help_text="Tick each person who came. The others are recorded as not attending; "
            "you can save the register again to correct it.",
            error_messages={
                "invalid_choice": "Someone ticked is no longer registered for this event. Look at the register again."
            },
        )

    def layout(self):
        return [group(self, "attended")]


class PlacesForm(forms.Form):
    """The back office's question before changing an event's number of places."""

    capacity = forms.IntegerField(
        label="Places",
        min_value=1,
        max_value=MAX_PLACES,
        help_text="New places go to the waiting list first, in order, and each person is emailed.",
        error_messages={"required": "Give the number of places."},
    )


class CancelEventForm(forms.Form):
    reason = forms.CharField(
        label="Why is the event cancelled?",
        max_length=300,
        help_text="Everyone registered or waiting reads this in their email.",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Say why the event is cancelled."},
    )

    def clean_reason(self):
        reason = self.cleaned_data["reason"].strip()
        if not reason:
            raise ValidationError("Say why the event is cancelled.", code="required")
        return reason
