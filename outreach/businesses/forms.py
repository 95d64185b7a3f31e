"""The public form a local business fills in, and the follow-up forms on the officer's page
(issue 12). They validate and render; outreach.businesses.services writes. The service's own
checks run here too, so each problem is said next to its field and what was typed stays."""

from crispy_forms.layout import Div
from django import forms

from kentplacements.forms import RenderedForm, group
from kentplacements.phones import normalise_phone

from ..forms import EMAIL_LENGTH
from .enums import BusinessOffer
from .services import NO_NOTE, NO_OFFER, NO_REASON, NOTE_LENGTH, OTHER_UNSAID, REASON_LENGTH, REQUIRED


def _text(label, name, *, max_length=200, required=True, **kwargs):
    messages = {"required": REQUIRED[name]} if required else {}
    return forms.CharField(label=label, max_length=max_length, required=required, error_messages=messages, **kwargs)


class BusinessInterestForm(RenderedForm):
    """Issue 12: "name, contact, what they offer". Anyone may fill it in, without an account."""

    button_label = "Register our interest"

    business_name = _text(
        "Name of your business", "business_name", widget=forms.TextInput(attrs={"autocomplete": "organization"})
    )
    area = _text(
        "Town or area in Kent",
        "area",
        max_length=100,
        help_text="Where the business is, for example Ashford or the Isle of Sheppey.",
    )
    contact_name = _text("Your full name", "contact_name", widget=forms.TextInput(attrs={"autocomplete": "name"}))
    job_title = forms.CharField(
        label="Your role or job title (optional)",
        max_length=200,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "organization-title"}),
    )
    email = forms.EmailField(
        label="Your email address",
        max_length=EMAIL_LENGTH,
        help_text="We email you a confirmation here, and use it to contact you.",
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        error_messages={"required": REQUIRED["email"], "invalid": "Enter an email address like name@example.org."},
    )
    phone = forms.CharField(
        label="Your phone number (optional)",
        max_length=30,
        required=False,
        help_text="If you would rather we rang.",
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"}),
    )
    offers = forms.MultipleChoiceField(
        label="How could your business support recruitment?",
        choices=BusinessOffer.choices,
        widget=forms.CheckboxSelectMultiple,
        help_text="Choose all that apply.",
        error_messages={"required": NO_OFFER, "invalid_choice": NO_OFFER},
    )
    offer_details = forms.CharField(
        label="Anything else you could offer, or would like us to know (optional)",
        max_length=2000,
        required=False,
        help_text="Needed if you chose “Something else”.",
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    # A honeypot: hidden from people (display: none), filled in by spam robots.
    website = forms.CharField(
        label="Leave this box empty",
        required=False,
        max_length=200,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    def layout(self):
        return [
            "business_name",
            "area",
            "contact_name",
            "job_title",
            "email",
            "phone",
            group(self, "offers"),
            "offer_details",
            Div("website", css_class="d-none"),
        ]

    def clean(self):
        cleaned = super().clean()
        if BusinessOffer.OTHER in cleaned.get("offers", ()) and not cleaned.get("offer_details", "").strip():
            self.add_error("offer_details", OTHER_UNSAID)
        return cleaned

    def clean_phone(self):
        phone = self.cleaned_data["phone"].strip()
        return normalise_phone(phone) if phone else ""

    @property
    def is_spam(self) -> bool:
        return bool(self.cleaned_data.get("website"))

    def details(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.fields if name != "website"}


class ContactedForm(RenderedForm):
    heading = "Record that you contacted them"
    button_label = "Record the contact"

    note = forms.CharField(
        label="What was discussed?",
        max_length=NOTE_LENGTH,
        help_text="For the staff who follow up: what they offered, what was agreed, when to call back. "
        "The business never sees it.",
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": NO_NOTE},
    )


class SupportingForm(RenderedForm):
    heading = "They are supporting recruitment"
    button_label = "Record that they are supporting recruitment"

    note = forms.CharField(
        label="Anything to note (optional)",
        max_length=NOTE_LENGTH,
        required=False,
        help_text="For the staff only. The business is emailed a thank-you.",
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class NotTakenForwardForm(RenderedForm):
    heading = "Not taken forward"
    button_label = "Record as not taken forward"
    button_class = "btn btn-outline-danger"

    reason = forms.CharField(
        label="Why is it not taken forward?",
        max_length=REASON_LENGTH,
        help_text="For the staff only: the business is not emailed. If you spoke to them, tell them yourself.",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": NO_REASON},
    )
