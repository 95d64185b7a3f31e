"""Forms for work experience (seed 001): registering interest, the application (saved as a
draft or sent), and the recruitment team's reason for declining. They validate and
render; ``placements.services.work_experience`` writes."""

from crispy_forms.layout import Div, Fieldset
from django import forms
from django.core.exceptions import ValidationError

from kentplacements.forms import RenderedForm, button, form_helper, group

from ..enums import DeclineReason
from ..models import WorkExperienceApplication
from ..services.work_experience import (
    APPLICATION_FIELDS,
    PLAUSIBLE_AGES,
    application_problems,
    date_of_birth_problem,
    question_field,
)
from ..validators import normalise_phone
from .partners import ISO_DATE, _email, _long_text, _text

SEND = "send"  # the name of the "Send application" button
YES_NO = [("yes", "Yes"), ("no", "No")]


class InterestForm(forms.Form):
    """Protocol 3.2.3: hear when a suitable programme opens."""

    full_name = _text("Your name", autocomplete="name", required_message="Enter your name.")
    email = _email("Email address", required_message="Enter your email address.")
    # A honeypot: hidden from people (display: none), filled in by spam robots.
    website = forms.CharField(label="Leave this empty", required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = form_helper("full_name", "email", Div("website", css_class="d-none"), buttons=[button("Tell me")])

    @property
    def is_spam(self) -> bool:
        return bool(self.cleaned_data.get("website"))


class ApplicationForm(forms.Form):
    """The application. Saving a draft keeps whatever is typed; sending checks everything
    (the service's own checks, shown next to the field they are about)."""

    date_of_birth = forms.DateField(
        label="Date of birth",
        required=False,
        input_formats=[ISO_DATE, "%d/%m/%Y"],
        widget=forms.DateInput(format=ISO_DATE, attrs={"type": "date", "autocomplete": "bday"}),
        help_text="Your age on the first day of the programme decides whether a parent or guardian must consent. "
        f"It must be between {PLAUSIBLE_AGES.start} and {PLAUSIBLE_AGES.stop - 1}.",
        error_messages={"invalid": "Enter your date of birth, like 14/03/2010."},
    )
    school = _text("School or college", autocomplete="organization")
    school_email = _email(
        "School or college contact email (optional)",
        example="name@school.kent.sch.uk",
        autocomplete="off",
        help_text="The teacher who arranges work experience. We only write to them if your placement has to end early.",
    )
    statement = _long_text(
        "Personal statement", rows=6, help_text="Why would you like to do work experience with Kent Police?"
    )
    reasonable_adjustments = _long_text(
        "Reasonable adjustments (optional)", help_text="Anything we can do to make the placement work for you."
    )
    emergency_contact_name = _text("Emergency contact's name", autocomplete="off")
    emergency_contact_phone = _text("Emergency contact's phone number", max_length=30, input_type="tel")
    guardian_name = _text("Parent or guardian's name", autocomplete="off")
    guardian_email = _email("Parent or guardian's email", autocomplete="off")
    guardian_phone = _text("Parent or guardian's phone number", max_length=30, input_type="tel")

    def __init__(self, *args, programme, sending=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.programme, self.sending = programme, sending
        self.questions = list(programme.questions.all())
        for question in self.questions:
            self.fields[question_field(question.pk)] = forms.ChoiceField(
                label=question.text, choices=YES_NO, widget=forms.RadioSelect, required=False
            )
        self.helper = form_helper(
            Fieldset("About you", "date_of_birth", "school", "school_email"),
            *(
                [Fieldset("The criteria", *[group(self, question_field(q.pk)) for q in self.questions])]
                if self.questions
                else []
            ),
            Fieldset("Your application", "statement", "reasonable_adjustments"),
            Fieldset("In an emergency", "emergency_contact_name", "emergency_contact_phone"),
            Fieldset(
                "Parent or guardian (if you are under 18 on the first day)",
                "guardian_name",
                "guardian_email",
                "guardian_phone",
            ),
            buttons=[button("Send application", name=SEND), button("Save draft", primary=False)],
        )

    @staticmethod
    def initial_from(application) -> dict:
        initial = {name: getattr(application, name) for name in APPLICATION_FIELDS}
        for question_id, answer in application.eligibility_answers.items():
            initial[question_field(question_id)] = "yes" if answer else "no"
        return initial

    def clean_date_of_birth(self):
        born = self.cleaned_data["date_of_birth"]
        if born and (problem := date_of_birth_problem(self.programme, born)):
            raise ValidationError(problem, code="implausible_age")
        return born

    def clean_emergency_contact_phone(self):
        return self._phone("emergency_contact_phone")

    def clean_guardian_phone(self):
        return self._phone("guardian_phone")

    def _phone(self, name):
        value = self.cleaned_data[name]
        return normalise_phone(value) if value else value

    def clean(self):
        cleaned = super().clean()
        if self.sending:
            # the same checks the service makes, each next to its field (one message a field)
            draft = WorkExperienceApplication(programme=self.programme, **self.answers())
            for name, problem in application_problems(draft).items():
                if name not in self.errors:
                    self.add_error(name, problem)
        return cleaned

    def answers(self) -> dict:
        answers = {name: self.cleaned_data.get(name) for name in APPLICATION_FIELDS if name in self.fields}
        answers["eligibility_answers"] = {
            str(q.pk): self.cleaned_data[question_field(q.pk)] == "yes"
            for q in self.questions
            if self.cleaned_data.get(question_field(q.pk))
        }
        return answers


class DeclineForm(forms.Form):
    """The admin's intermediate page for declining applications (protocol 3.1.2, 3.2.2)."""

    reason = forms.ChoiceField(
        label="Why are these applications declined?",
        choices=DeclineReason.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose the reason."},
    )
    note = forms.CharField(
        label="A note for the applicant (optional)",
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class ApplicationDeclineForm(RenderedForm, DeclineForm):
    """The application page's decline (issue 10): one application, any of the reasons."""

    button_label = "Decline the application"
    button_class = "btn btn-danger"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reason"].label = "Why is the application declined?"
        self.fields["note"].help_text = "The applicant reads this in our email, so write it for them."


class DiscontinueReasonForm(forms.Form):
    """Protocol 2.4: discontinued "without notice, where standards are not met" (the admin's
    intermediate page asks this too)."""

    reason = forms.CharField(
        label="Which standard of behaviour was not met?",
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="The participant, their parent or guardian (under 18) and their school read this in our email.",
        error_messages={"required": "Give the conduct reason for discontinuing the placement."},
    )


class DiscontinueForm(RenderedForm, DiscontinueReasonForm):
    button_label = "Discontinue the placement"
    button_class = "btn btn-danger"
