"""The public verify page's one field (issue 10: "upload a PDF (size and type checked)")."""

import filetype
from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat

from kentplacements.forms import RenderedForm

MAX_MB = settings.VERIFY_UPLOAD_MAX_MB


class VerifyForm(RenderedForm):
    button_label = "Check the document"
    document = forms.FileField(
        label="The PDF to check",
        help_text=f"The Work Placement Agreement as we sent it: a PDF of up to {MAX_MB} MB.",
        error_messages={"required": "Choose the PDF to check.", "empty": "The file you chose is empty."},
        widget=forms.FileInput(attrs={"accept": ".pdf,application/pdf"}),
    )

    def clean_document(self):
        upload = self.cleaned_data["document"]
        if upload.size > MAX_MB * 1024 * 1024:
            raise ValidationError(
                f"The file is {filesizeformat(upload.size)}; it must be {MAX_MB} MB or smaller.", code="too_large"
            )
        # By content, not by name (STACK.md): a renamed file is not a PDF.
        kind = filetype.guess(upload)
        upload.seek(0)
        if kind is None or kind.mime != "application/pdf":
            raise ValidationError("The file must be a PDF.", code="not_pdf")
        return upload
