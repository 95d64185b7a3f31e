"""Forms for the fitness test and the medical certificate (issue 11). They validate and
render; volunteers.services.fitness and .medical write. The upload is checked here with
the service's own check, so a refused file is explained next to the field."""

from django import forms
from django.core.exceptions import ValidationError

from kentplacements.forms import RenderedForm
from kentplacements.workflow import DomainError
from placements.uploads import MAX_PRESENTATION_MB

from .services.medical import MEDICAL_TYPES, MEDICAL_TYPES_TEXT, check_medical_file

REASON_HELP = "The applicant reads this in their email."


class FitnessBookingForm(RenderedForm):
    button_label = "Book the fitness test"

    booked_for = forms.DateTimeField(
        label="Date and time",
        input_formats=["%Y-%m-%dT%H:%M", "%d/%m/%Y %H:%M"],
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        error_messages={"required": "Give the date and time of the test.", "invalid": "Give a date and a time."},
    )
    place = forms.CharField(
        label="Place",
        max_length=200,
        help_text="The address the applicant goes to.",
        error_messages={"required": "Say where the fitness test takes place."},
    )


class FitnessResultForm(RenderedForm):
    button_label = "Record the result"

    result = forms.ChoiceField(
        label="Result",
        choices=[("passed", "Passed"), ("failed", "Failed")],
        widget=forms.RadioSelect,
        error_messages={"required": "Say whether the applicant passed."},
    )
    assessor = forms.CharField(
        label="Assessor", max_length=150, error_messages={"required": "Give the assessor's name."}
    )
    reason = forms.CharField(
        label="If failed: the reason",
        required=False,
        max_length=500,
        help_text=REASON_HELP,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("result") == "failed" and not cleaned.get("reason", "").strip():
            self.add_error("reason", "Give the reason the applicant did not pass.")
        return cleaned


class MedicalUploadForm(RenderedForm):
    button_label = "Upload my certificate"

    upload = forms.FileField(
        label="Your medical certificate",
        help_text=f"Upload {MEDICAL_TYPES_TEXT}, up to {MAX_PRESENTATION_MB} MB.",
        widget=forms.FileInput(attrs={"accept": ",".join([".pdf", ".jpg", ".jpeg", ".png", *MEDICAL_TYPES])}),
        error_messages={"required": "Choose the file of your medical certificate.", "empty": "The file is empty."},
    )

    def clean_upload(self):
        upload = self.cleaned_data["upload"]
        try:
            check_medical_file(upload)
        except DomainError as error:
            raise ValidationError(str(error), code="medical_file") from error
        return upload


class AnotherCertificateForm(RenderedForm):
    button_label = "Ask for another certificate"
    button_class = "btn btn-outline-danger"

    reason = forms.CharField(
        label="Why is another certificate needed?",
        max_length=500,
        help_text=REASON_HELP,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Say why another certificate is needed."},
    )
