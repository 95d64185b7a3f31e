"""The first rows of the placements domain (DOMAIN.md §3). The partner and work
experience issues add their fields, lifecycles and services."""

from django.db import models
from django.db.models import F, Q
from simple_history.models import HistoricalRecords

from .enums import OrganisationKind, PartnerStatus, ProgrammeStatus

KENT_POLICE_COLLEGE = "Kent Police College, Maidstone"


class PartnerOrganisation(models.Model):
    """A charity, company or group that hosts student officers (seed 000)."""

    name = models.CharField(max_length=200)
    kind = models.CharField(max_length=20, choices=OrganisationKind.choices)
    kica_member = models.BooleanField("KICA member", default=False)
    postcode = models.CharField(max_length=10)
    district = models.CharField(max_length=60, blank=True)
    status = models.CharField(max_length=12, choices=PartnerStatus.choices, default=PartnerStatus.INTERESTED)
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(condition=Q(status__in=PartnerStatus.values), name="partner_status_valid"),
            models.CheckConstraint(condition=Q(kind__in=OrganisationKind.values), name="partner_kind_valid"),
        ]

    def __str__(self):
        return self.name


class Cohort(models.Model):
    """An intake of student officers starting the 19-week initial training course (seed 000)."""

    name = models.CharField(max_length=100, unique=True)
    course_start = models.DateField(help_text="First day of the 19-week initial training course.")

    history = HistoricalRecords()

    class Meta:
        ordering = ["-course_start"]

    def __str__(self):
        return self.name


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
