"""Work-experience programmes (seed 001). The work-experience issue adds applications,
lifecycles and services."""

from django.db import models
from django.db.models import F, Q
from simple_history.models import HistoricalRecords

from ..enums import ProgrammeStatus

KENT_POLICE_COLLEGE = "Kent Police College, Maidstone"


class WorkExperienceProgramme(models.Model):
    """A work-experience programme (Work Experience Protocol 3.1–3.2, seed 001)."""

    title = models.CharField(max_length=200)
    starts_on = models.DateField()
    ends_on = models.DateField()
    venue = models.CharField(max_length=200, default=KENT_POLICE_COLLEGE)
    capacity = models.PositiveSmallIntegerField()
    applications_open_at = models.DateTimeField()
    applications_close_at = models.DateTimeField()
    status = models.CharField(max_length=10, choices=ProgrammeStatus.choices, default=ProgrammeStatus.DRAFT)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-starts_on"]
        constraints = [
            models.CheckConstraint(condition=Q(ends_on__gte=F("starts_on")), name="programme_ends_after_start"),
            models.CheckConstraint(condition=Q(capacity__gt=0), name="programme_capacity_positive"),
            models.CheckConstraint(
                condition=Q(applications_close_at__gt=F("applications_open_at")),
                name="programme_applications_close_after_open",
            ),
            models.CheckConstraint(condition=Q(status__in=ProgrammeStatus.values), name="programme_status_valid"),
        ]

    def __str__(self):
        return self.title
