"""The officer's presentation file: what we accept and how it is stored (STACK.md:
check the type by content, cap the size, store under a random name)."""

import uuid

import filetype
from django.conf import settings
from django.template.defaultfilters import filesizeformat

from kentplacements.stored_files import remove_after_commit
from kentplacements.workflow import DomainError

# The largest upload of any form: the request-size guard derives its limit from the same
# setting (kentplacements/middleware.py).
MAX_PRESENTATION_MB = settings.UPLOAD_MAX_MB
MAX_PRESENTATION_BYTES = MAX_PRESENTATION_MB * 1024 * 1024
# What the file's first bytes say it is -> the extension we store it under. The name
# the officer gave it is never trusted: a renamed program is still a program.
PRESENTATION_TYPES = {
    "application/pdf": "pdf",
    "application/vnd.openxmlformats-officedocument.presentationml.presentation": "pptx",
    "application/vnd.oasis.opendocument.presentation": "odp",
}
PRESENTATION_TYPES_TEXT = "a PDF, a PowerPoint (.pptx) or an OpenDocument presentation (.odp)"


def checked_extension(upload, types: dict[str, str], types_text: str) -> str:
    """The extension to store ``upload`` under, from ``types`` (what its first bytes say it
    is -> extension), or a DomainError saying what is wrong. Shared by every upload
    (the presentation, a volunteer's medical certificate)."""
    if not upload.size:
        raise DomainError("The file is empty.")
    if upload.size > MAX_PRESENTATION_BYTES:
        raise DomainError(f"The file is {filesizeformat(upload.size)}; it must be {MAX_PRESENTATION_MB} MB or smaller.")
    kind = filetype.guess(upload)
    if kind is None or kind.mime not in types:
        raise DomainError(f"The file must be {types_text}.")
    return types[kind.mime]


def presentation_extension(upload) -> str:
    return checked_extension(upload, PRESENTATION_TYPES, PRESENTATION_TYPES_TEXT)


def rename_at_random(upload, extension: str):
    """A name nobody can guess or collide with; the model's upload_to adds the folder."""
    upload.name = f"{uuid.uuid4().hex}.{extension}"
    return upload


def remove_on_commit(field_file) -> None:
    """Delete a replaced or refused upload from storage once the change commits (a
    rollback keeps it): the row no longer names it, and nobody else may (issue 13: "a
    replaced upload's old file is deleted")."""
    if field_file:
        remove_after_commit({(field_file.storage, field_file.name)})
