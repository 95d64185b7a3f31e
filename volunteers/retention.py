"""Volunteers' kinds of record in the retention schedule (issue 13; periods in
settings.RETENTION)."""

from retention.registry import DELETE, Rule, register

from .enums import VolunteerApplicationStatus
from .models import MedicalCertificate

ENDED = [VolunteerApplicationStatus.REJECTED, VolunteerApplicationStatus.WITHDRAWN]

register(
    Rule(
        kind="medical_certificates",
        label="Medical certificates of unsuccessful or withdrawn candidates",
        action=DELETE,
        due=lambda cutoff: MedicalCertificate.objects.filter(application__status__in=ENDED, uploaded_at__lt=cutoff),
        counted_from="it was uploaded",
        why="Health details nobody needs once the application has ended; the row and its file are deleted.",
    )
)
