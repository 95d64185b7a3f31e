"""Forms for partner organisations (seed 000): the public "Register your interest" form,
the partner's own profile, colleagues, hosting offers, and reasons for decisions. They
validate and render; the services in ``placements.services.partners`` write."""

from crispy_forms.layout import Div, Fieldset
from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone

from kentplacements.forms import RenderedForm, group

from ..enums import CommunityCode, KentDistrict, OrganisationKind, PlacementType
from ..models import Community
from ..services.partners import MAX_PLACES_PER_OFFER, offer_problems
from ..validators import COMPANY_NUMBER, normalise_phone, normalise_postcode, normalise_registration_number

LONG_TEXT = 2000
REASON_TEXT = 500
ISO_DATE = "%Y-%m-%d"  # what <input type="date"> shows and sends


def _required(message):
    return {"required": message} if message else None


def _answer(label, *, widget, required_message="", max_length=200, **kwargs):
    """A typed answer; ``required_message`` (when given) says what to do if it is left empty."""
    return forms.CharField(
        label=label,
        required=bool(required_message),
        max_length=max_length,
        error_messages=_required(required_message),
        widget=widget,
        **kwargs,
    )


def _text(label, *, autocomplete=None, input_type="text", **kwargs):
    attrs = {"type": input_type, **({"autocomplete": autocomplete} if autocomplete else {})}
    return _answer(label, widget=forms.TextInput(attrs=attrs), **kwargs)


def _long_text(label, *, rows=4, autocomplete=None, max_length=LONG_TEXT, **kwargs):
    attrs = {"rows": rows, **({"autocomplete": autocomplete} if autocomplete else {})}
    return _answer(label, widget=forms.Textarea(attrs=attrs), max_length=max_length, **kwargs)


# What an EmailField of our models holds (Django's default for models.EmailField, RFC 5321's
# longest usable address). A form's EmailField has no limit of its own: without this a
# 255-320 character address passes the form and fails in the database (issue 8, section 4).
EMAIL_LENGTH = 254


def _email(label, *, required_message="", example="name@example.org", autocomplete="email", **kwargs):
    """An email address, optional unless ``required_message`` says what to do if it is empty."""
    return forms.EmailField(
        label=label,
        required=bool(required_message),
        max_length=EMAIL_LENGTH,
        widget=forms.EmailInput(attrs={"autocomplete": autocomplete}),
        error_messages={
            **(_required(required_message) or {}),
            "invalid": f"Enter an email address, like {example}.",
            "max_length": f"An email address can be up to {EMAIL_LENGTH} characters long: check this one.",
        },
        **kwargs,
    )


class PartnerForm(RenderedForm):
    """The partner forms' common base (kentplacements.forms.RenderedForm)."""


class OrganisationProfileForm(PartnerForm):
    """What a partner tells us about itself, on registering and when keeping it up to date."""

    name = _text(
        "Name of your organisation",
        autocomplete="organization",
        required_message="Enter the name of your organisation.",
    )
    kind = forms.ChoiceField(
        label="What kind of organisation is it?",
        choices=OrganisationKind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose what kind of organisation it is."},
    )
    registration_number = _text(
        "Charity or company number",
        max_length=20,
        help_text=(
            "Companies: your Companies House number, like 01234567 or SC123456. Registered charities: your "
            "charity number, like 1234567. Leave it empty if your charity or group is not registered."
        ),
    )
    kica_member = forms.BooleanField(label="We are a member of KICA", required=False)
    communities = forms.ModelMultipleChoiceField(
        label="Which communities do you work with?",
        queryset=Community.objects.all(),
        # Ticked boxes post the community's code, not its row number: a number too big
        # for the database (sent by a robot) would otherwise end in a server error.
        to_field_name="code",
        widget=forms.CheckboxSelectMultiple,
        help_text="Choose all that apply.",
        error_messages={"required": "Choose at least one community you work with."},
    )
    other_community = _text("If you chose other, which community?")
    address = _long_text(
        "Address", max_length=500, rows=3, autocomplete="street-address", required_message="Enter your address."
    )
    postcode = _text("Postcode", max_length=12, autocomplete="postal-code", required_message="Enter your postcode.")
    district = forms.ChoiceField(
        label="District of Kent",
        choices=[("", "Choose a district"), *KentDistrict.choices],
        error_messages={"required": "Choose the district of Kent you are in."},
    )
    premises_accessibility = _long_text(
        "How accessible are your premises?",
        help_text="For example: step-free access, parking, a hearing loop, or anything officers should know.",
    )
    placement_description = _long_text(
        "What would a placement with you involve?",
        help_text="For example: the people officers would meet, what they could join in with, and your usual hours.",
        required_message="Tell us briefly what a placement with you would involve.",
    )

    button_label = "Save the changes"

    def layout(self):
        return [
            Fieldset("About your organisation", "name", group(self, "kind"), "registration_number", "kica_member"),
            Fieldset("Who you work with", group(self, "communities"), "other_community"),
            Fieldset("Where you are", "address", "postcode", "district", "premises_accessibility"),
            Fieldset("Hosting student officers", "placement_description"),
        ]

    def clean_registration_number(self):
        return normalise_registration_number(self.cleaned_data["registration_number"])

    def clean_postcode(self):
        return normalise_postcode(self.cleaned_data["postcode"])

    def clean(self):
        cleaned = super().clean()
        self._check_registration_number(cleaned)
        self._check_other_community(cleaned)
        return cleaned

    def _check_registration_number(self, cleaned):
        """Every company is on the Companies House register, so a company gives its number.
        Charities with an income under £5,000 need not register, so for them (and for
        public bodies and community groups) the number is optional."""
        if cleaned.get("kind") != OrganisationKind.COMPANY or "registration_number" not in cleaned:
            return
        number = cleaned["registration_number"]
        if not number:
            self.add_error("registration_number", "Enter your company number, like 01234567 or SC123456.")
        elif not COMPANY_NUMBER.match(number):
            self.add_error("registration_number", "A company number has 8 characters, like 01234567 or SC123456.")

    def _check_other_community(self, cleaned):
        chosen = cleaned.get("communities")
        if chosen is None:
            return
        other_chosen = any(c.code == CommunityCode.OTHER for c in chosen)
        if other_chosen and not cleaned.get("other_community"):
            self.add_error("other_community", "Tell us which other community you work with.")
        elif cleaned.get("other_community") and not other_chosen:
            self.add_error("communities", "Tick “Other” as well, or clear the box about another community.")

    def profile(self) -> dict:
        """The organisation's answers, as the services take them."""
        return {name: self.cleaned_data[name] for name in OrganisationProfileForm.base_fields}


class ContactDetailsForm(PartnerForm):
    """A person who speaks for a partner organisation (a colleague added in the portal)."""

    full_name = _text("Full name", autocomplete="name", required_message="Enter their full name.")
    email = _email("Email address", required_message="Enter their email address.")
    phone = _text("Phone number (optional)", max_length=30, autocomplete="tel", input_type="tel")

    button_label = "Add and invite"

    def clean_phone(self):
        phone = self.cleaned_data["phone"]
        return normalise_phone(phone) if phone else ""

    def contact(self) -> dict:
        """The person's answers, as the services take them."""
        return {name: self.cleaned_data[name] for name in ContactDetailsForm.base_fields}


class RegisterInterestForm(OrganisationProfileForm, ContactDetailsForm):
    """Seed 000: "Register your interest". Anyone may fill it in, without an account."""

    full_name = _text("Your full name", autocomplete="name", required_message="Enter your full name.")
    email = _email("Your email address", required_message="Enter your email address.")
    # The Diversity Placements Officer rings new partners to talk the placements through.
    phone = _text(
        "Your phone number",
        max_length=30,
        autocomplete="tel",
        input_type="tel",
        required_message="Enter a phone number we can call you on.",
    )
    # A honeypot: hidden from people (display: none), filled in by spam robots.
    website = forms.CharField(
        label="Leave this box empty",
        required=False,
        max_length=200,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    field_order = [*OrganisationProfileForm.base_fields, *ContactDetailsForm.base_fields, "website"]
    button_label = "Register your interest"

    def layout(self):
        return [
            *super().layout(),
            Fieldset("Who we should contact", "full_name", "email", "phone"),
            Div("website", css_class="d-none"),
        ]

    @property
    def is_spam(self) -> bool:
        return bool(self.cleaned_data.get("website"))


class HostingOfferForm(PartnerForm):
    placement_type = forms.ChoiceField(
        label="Which placement can you host?",
        choices=PlacementType.choices,
        widget=forms.RadioSelect,
        help_text="The 2-day placement falls in the 19-week initial training course; the 4-day placement "
        "a few months after officers become operational.",
        error_messages={"required": "Choose the 2-day or the 4-day placement."},
    )
    places = forms.IntegerField(
        label="How many officers can you host?",
        help_text=f"From 1 to {MAX_PLACES_PER_OFFER}.",
        error_messages={"required": "Enter how many officers you can host.", "invalid": "Enter a whole number."},
    )
    available_from = forms.DateField(
        label="Available from",
        widget=forms.DateInput(attrs={"type": "date"}, format=ISO_DATE),
        error_messages={"required": "Enter the first day you can host.", "invalid": "Enter a real date."},
    )
    available_until = forms.DateField(
        label="Available until",
        widget=forms.DateInput(attrs={"type": "date"}, format=ISO_DATE),
        error_messages={"required": "Enter the last day you can host.", "invalid": "Enter a real date."},
    )
    notes = _long_text(
        "Anything officers should know (optional)",
        max_length=1000,
        rows=3,
        help_text="For example: start and finish times, what to wear, what to bring.",
    )

    button_label = "Offer these places"

    def layout(self):
        return [group(self, "placement_type"), "places", "available_from", "available_until", "notes"]

    def clean(self):
        cleaned = super().clean()
        problems = offer_problems(
            places=cleaned.get("places"),
            available_from=cleaned.get("available_from"),
            available_until=cleaned.get("available_until"),
            today=timezone.localdate(),
        )
        for field, message in problems.items():
            self.add_error(field, message)
        return cleaned


class OfferPlacesForm(PartnerForm):
    places = forms.IntegerField(
        label="How many officers can you host?",
        error_messages={"required": "Enter how many officers you can host.", "invalid": "Enter a whole number."},
    )

    button_label = "Save the number of places"

    def __init__(self, *args, offer, **kwargs):
        super().__init__(*args, initial={"places": offer.places}, **kwargs)
        self.offer = offer
        self.fields["places"].help_text = (
            f"From {max(offer.places_taken, 1)} to {MAX_PLACES_PER_OFFER}: "
            f"{offer.places_taken} of these places are already taken."
        )

    def clean_places(self):
        places = self.cleaned_data["places"]
        problems = offer_problems(places=places, places_taken=self.offer.places_taken)
        if problems:
            raise ValidationError(problems["places"])
        return places


class ReasonForm(PartnerForm):
    """A reason for a decision, required or optional, worded for the page it is on."""

    reason = forms.CharField(max_length=REASON_TEXT, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, label, button, required=True, help_text="", required_message="Give a reason.", **kwargs):
        self.button_label = button
        super().__init__(*args, **kwargs)
        field = self.fields["reason"]
        field.label, field.required, field.help_text = label, required, help_text
        field.error_messages["required"] = required_message
