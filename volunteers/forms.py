"""Forms for volunteer recruitment (seed 002): the application and the team's reason for
rejecting one. They validate and render; ``volunteers.services.applications`` writes."""

from crispy_forms.layout import Fieldset
from django import forms
from django.core.exceptions import ValidationError

from kentplacements.forms import RenderedForm, button, form_helper, group

from .services.applications import APPLICATION_FIELDS, eligibility_problems

ISO_DATE = "%Y-%m-%d"  # what <input type="date"> shows and sends
LONG_TEXT = 2000
YES_NO = [("yes", "Yes"), ("no", "No")]
YES_NO_FIELDS = ("lives_or_works_in_area", "can_give_hours", "right_to_volunteer")


def _yes_no(label, required_message):
    return forms.ChoiceField(
        label=label, choices=YES_NO, widget=forms.RadioSelect, error_messages={"required": required_message}
    )


def _long_text(label, required_message, help_text):
    return forms.CharField(
        label=label,
        max_length=LONG_TEXT,
        help_text=help_text,
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"required": required_message},
    )


class VolunteerApplicationForm(forms.Form):
    """The application. The service's eligibility checks run here too, each shown next to
    the field it is about (an under-18 date of birth next to the date of birth)."""

    date_of_birth = forms.DateField(
        label="Date of birth",
        input_formats=[ISO_DATE, "%d/%m/%Y"],
        widget=forms.DateInput(format=ISO_DATE, attrs={"type": "date", "autocomplete": "bday"}),
        error_messages={
            "required": "Enter your date of birth.",
            "invalid": "Enter your date of birth, like 27/03/1990.",
        },
    )
    lives_or_works_in_area = _yes_no(
        "Do you live or work in the campaign's area?", "Answer whether you live or work in the area."
    )
    can_give_hours = _yes_no("Can you give the role's hours each month?", "Answer whether you can give the hours.")
    right_to_volunteer = _yes_no(
        "Do you have the right to volunteer in the UK?", "Answer whether you have the right to volunteer in the UK."
    )
    motivation = _long_text(
        "Why do you want to volunteer?",
        "Tell us why you want to volunteer.",
        "What draws you to the role, and what you would bring to your local community.",
    )
    availability = _long_text(
        "When are you available?",
        "Tell us when you are available.",
        "The days and times you could volunteer, for example weekday evenings and Saturdays.",
    )

    def __init__(self, *args, campaign, **kwargs):
        super().__init__(*args, **kwargs)
        self.campaign = campaign
        role = campaign.role
        self.fields["date_of_birth"].help_text = f"You need to be {role.minimum_age} or over on the day you apply."
        self.fields["lives_or_works_in_area"].help_text = campaign.area
        self.fields["can_give_hours"].help_text = f"{role.monthly_hours} hours a month."
        self.helper = form_helper(
            Fieldset("About you", "date_of_birth", *(group(self, name) for name in YES_NO_FIELDS)),
            Fieldset("Your application", "motivation", "availability"),
            buttons=[button("Send application")],
        )

    def clean(self):
        cleaned = super().clean()
        for name, problem in eligibility_problems(self.campaign, self.answers()).items():
            if name not in self.errors:
                self.add_error(name, ValidationError(problem, code="ineligible"))
        return cleaned

    def answers(self) -> dict:
        answers = {name: self.cleaned_data.get(name) for name in APPLICATION_FIELDS}
        for name in YES_NO_FIELDS:
            if answers[name] is not None:
                answers[name] = answers[name] == "yes"
        return answers


class RejectForm(RenderedForm):
    button_label = "Reject"
    button_class = "btn btn-danger"

    reason = forms.CharField(
        label="Why is this application not taken further?",
        max_length=500,
        help_text="The applicant reads this in their email.",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Give the reason the application is not taken further."},
    )

    def clean_reason(self):
        reason = self.cleaned_data["reason"].strip()
        if not reason:
            raise ValidationError("Give the reason the application is not taken further.", code="required")
        return reason
