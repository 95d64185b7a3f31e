"""Volunteer roles and recruitment campaigns (seed 002). The volunteers issue adds
applications, interviews, training and hours."""

from django.db import models
from django.db.models import F, Q
from simple_history.models import HistoricalRecords

from .enums import CampaignStatus


class VolunteerRole(models.Model):
    name = models.CharField(max_length=100, unique=True)
    minimum_age = models.PositiveSmallIntegerField(default=18)
    monthly_hours = models.PositiveSmallIntegerField(help_text="Hours a month the volunteer commits to.")
    needs_fitness_test = models.BooleanField(default=False)
    needs_medical_certificate = models.BooleanField(default=False)

    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


class RecruitmentCampaign(models.Model):
    SERVICE_OWNED_FIELDS = ("status",)  # open_campaign, close_campaign

    role = models.ForeignKey(VolunteerRole, on_delete=models.PROTECT, related_name="campaigns")
    area = models.CharField(max_length=200)
    opens_at = models.DateTimeField()
    closes_at = models.DateTimeField()
    status = models.CharField(max_length=10, choices=CampaignStatus.choices, default=CampaignStatus.DRAFT)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-opens_at"]
        constraints = [
            models.CheckConstraint(condition=Q(closes_at__gt=F("opens_at")), name="campaign_closes_after_open"),
            models.CheckConstraint(condition=Q(status__in=CampaignStatus.values), name="campaign_status_valid"),
        ]

    def __str__(self):
        return f"{self.role} — {self.area}"
