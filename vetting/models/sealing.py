"""The register of sealed documents issued here (issue 10: "a public verify page ...
whether it is a sealed agreement issued here, for whom and when").

A row is written when a document is sealed (``vetting.sealing.issue``) and never changed:
the verify page finds it by the SHA-256 of the exact sealed file."""

from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone


class IssuedDocument(models.Model):
    SERVICE_OWNED_FIELDS = ("sha256", "description", "issued_to", "issued_at", "content_type", "object_id")

    sha256 = models.CharField("SHA-256 of the sealed file", max_length=64, unique=True)
    description = models.CharField(max_length=200, help_text='What it is, e.g. "Work Placement Agreement".')
    # Only the name as printed on the document: the verify page shows it and nothing else.
    issued_to = models.CharField(max_length=200)
    issued_at = models.DateTimeField(default=timezone.now)
    # The record it belongs to (an application today), as vetting.subjects.pointer gives it.
    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT)
    object_id = models.PositiveBigIntegerField()
    record = GenericForeignKey("content_type", "object_id")

    class Meta:
        ordering = ["-issued_at"]
        indexes = [models.Index(fields=["content_type", "object_id"], name="issueddoc_record_idx")]
        constraints = [
            models.CheckConstraint(condition=models.Q(sha256__regex=r"^[0-9a-f]{64}$"), name="issueddoc_sha256_hex"),
            models.CheckConstraint(condition=~models.Q(description=""), name="issueddoc_description_given"),
            models.CheckConstraint(condition=~models.Q(issued_to=""), name="issueddoc_issued_to_given"),
        ]

    def __str__(self):
        return f"{self.description} issued {self.issued_at:%d %B %Y}"
