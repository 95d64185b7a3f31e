"""Volunteer roles, recruitment campaigns, applications and interview slots (seed 002).
Fitness tests, medical certificates, training and hours come with the rest of issue 11."""

from datetime import date

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from simple_history.models import HistoricalRecords

from .enums import (
    LIVE_APPLICATIONS,
    CampaignStatus,
    FitnessResult,
    MedicalCertificateStatus,
    Power,
    VolunteerApplicationStatus,
)
from .months import hours_figure


class DesignatedPower(models.Model):
    """One of the powers a Chief Constable may extend to volunteers (seed 002). A row per
    power (made by migration 0002) so a role lists the ones it may be granted and, later, a
    volunteer's record says which were granted, when and by whom."""

    power = models.CharField(max_length=30, choices=Power.choices, unique=True)

    class Meta:
        ordering = ["pk"]

    def __str__(self):
        return self.get_power_display()


class VolunteerRole(models.Model):
    name = models.CharField(max_length=100, unique=True)
    description = models.TextField(blank=True)
    minimum_age = models.PositiveSmallIntegerField(default=18)
    monthly_hours = models.PositiveSmallIntegerField(help_text="Hours a month the volunteer commits to.")
    needs_fitness_test = models.BooleanField(default=False)
    needs_medical_certificate = models.BooleanField(default=False)
    powers = models.ManyToManyField(
        DesignatedPower, blank=True, related_name="roles", help_text="The designated powers this role may be granted."
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


class RecruitmentCampaign(models.Model):
    SERVICE_OWNED_FIELDS = ("status",)  # open_campaign, close_campaign

    role = models.ForeignKey(VolunteerRole, on_delete=models.PROTECT, related_name="campaigns")
    title = models.CharField(max_length=200, blank=True, help_text="Shown to the public; the role and area if empty.")
    description = models.TextField(blank=True)
    area = models.CharField(max_length=200)
    opens_at = models.DateTimeField()
    closes_at = models.DateTimeField()
    # Seed 002: "Interviews for those shortlisted will take place during February and
    # training will start at the end of April".
    interviews_start_on = models.DateField(null=True, blank=True)
    interviews_end_on = models.DateField(null=True, blank=True)
    training_starts_on = models.DateField(null=True, blank=True)
    status = models.CharField(max_length=10, choices=CampaignStatus.choices, default=CampaignStatus.DRAFT)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-opens_at"]
        constraints = [
            models.CheckConstraint(condition=Q(closes_at__gt=F("opens_at")), name="campaign_closes_after_open"),
            models.CheckConstraint(condition=Q(status__in=CampaignStatus.values), name="campaign_status_valid"),
            models.CheckConstraint(
                condition=Q(interviews_start_on__isnull=True, interviews_end_on__isnull=True)
                | Q(interviews_end_on__gte=F("interviews_start_on")),
                name="campaign_interviews_end_after_start",
            ),
            models.CheckConstraint(
                condition=Q(training_starts_on__isnull=True)
                | Q(interviews_end_on__isnull=True)
                | Q(training_starts_on__gt=F("interviews_end_on")),
                name="campaign_training_after_interviews",
            ),
        ]

    def __str__(self):
        return self.title or f"{self.role} — {self.area}"


class VolunteerApplication(models.Model):
    """Someone's application to a campaign (seed 002: "open to all adults aged 18 or above
    who are able to commit to 16 hours a month"). The status moves only through
    volunteers.services.applications, checked against APPLICATION_WORKFLOW."""

    SERVICE_OWNED_FIELDS = ("status", "rejection_reason", "submitted_at")

    campaign = models.ForeignKey(RecruitmentCampaign, on_delete=models.PROTECT, related_name="applications")
    applicant = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="volunteer_applications"
    )
    date_of_birth = models.DateField()
    lives_or_works_in_area = models.BooleanField()
    can_give_hours = models.BooleanField()
    right_to_volunteer = models.BooleanField()
    motivation = models.TextField()
    availability = models.TextField()
    status = models.CharField(
        max_length=20, choices=VolunteerApplicationStatus.choices, default=VolunteerApplicationStatus.SUBMITTED
    )
    rejection_reason = models.TextField(blank=True)
    submitted_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["submitted_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=VolunteerApplicationStatus.values), name="volunteer_application_status_valid"
            ),
            models.UniqueConstraint(
                fields=["campaign", "applicant"],
                condition=Q(status__in=sorted(LIVE_APPLICATIONS)),
                name="volunteer_application_one_live_per_campaign",
            ),
            models.CheckConstraint(
                condition=~Q(status=VolunteerApplicationStatus.REJECTED) | ~Q(rejection_reason=""),
                name="volunteer_application_rejected_has_reason",
            ),
        ]

    def __str__(self):
        return f"{self.applicant} — {self.campaign}"

    def age_on(self, day: date) -> int:
        born = self.date_of_birth
        return day.year - born.year - ((day.month, day.day) < (born.month, born.day))


class InterviewSlot(models.Model):
    """A time the recruitment team offers for an interview (issue 11: "staff publish slots
    within the interview period; shortlisted candidates book, move or cancel their slot").
    One candidate per slot and one slot per application, both held by the database: a slot
    is booked by a conditional UPDATE of ``application`` (volunteers.services.interviews),
    so two people clicking the same slot at the same moment cannot both have it."""

    SERVICE_OWNED_FIELDS = ("application", "reminded_at")

    campaign = models.ForeignKey(RecruitmentCampaign, on_delete=models.PROTECT, related_name="interview_slots")
    starts_at = models.DateTimeField()
    ends_at = models.DateTimeField()
    location = models.CharField(max_length=200)
    application = models.OneToOneField(
        VolunteerApplication, on_delete=models.PROTECT, null=True, blank=True, related_name="interview_slot"
    )
    # the day-before reminder went (send_interview_reminders); cleared when the booking changes
    reminded_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["starts_at", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(ends_at__gt=F("starts_at")), name="interview_slot_ends_after_start"),
        ]

    def __str__(self):
        local = timezone.localtime(self.starts_at)
        return f"{local:%A %-d %B %Y, %H:%M}–{timezone.localtime(self.ends_at):%H:%M}, {self.location}"


class FitnessTest(models.Model):
    """The fitness test a role may need (seed 002: "Applicants will need to successfully
    pass a fitness test"): booked by the team, then its result recorded with the assessor.
    One per application; booking again moves the date until a result is recorded."""

    SERVICE_OWNED_FIELDS = ("result", "assessor", "recorded_by", "recorded_at")  # volunteers.services.fitness

    application = models.OneToOneField(VolunteerApplication, on_delete=models.CASCADE, related_name="fitness_test")
    booked_for = models.DateTimeField()
    place = models.CharField(max_length=200)
    booked_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    result = models.CharField(max_length=10, choices=FitnessResult.choices, blank=True)
    assessor = models.CharField(max_length=150, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    recorded_at = models.DateTimeField(null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(result="", assessor="", recorded_by__isnull=True, recorded_at__isnull=True)
                | (Q(result__in=FitnessResult.values) & ~Q(assessor="") & Q(recorded_at__isnull=False)),
                name="fitness_test_result_recorded_whole",
            ),
        ]

    def __str__(self):
        return f"Fitness test for {self.application}"


class MedicalCertificate(models.Model):
    """The candidate's medical certificate (issue 11): a PDF, JPEG or PNG checked by its
    content, stored under a random name outside MEDIA_URL (volunteers.views.staff serves it
    to the recruitment team only). The name the candidate gave the file is not kept: it may
    carry their medical details, and nobody needs it."""

    SERVICE_OWNED_FIELDS = ("file", "status", "another_reason", "uploaded_at", "checked_by", "checked_at")

    application = models.OneToOneField(
        VolunteerApplication, on_delete=models.CASCADE, related_name="medical_certificate"
    )
    file = models.FileField(upload_to="medical/%Y/")
    status = models.CharField(
        max_length=20, choices=MedicalCertificateStatus.choices, default=MedicalCertificateStatus.UPLOADED
    )
    another_reason = models.TextField(blank=True)
    uploaded_at = models.DateTimeField()
    checked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    checked_at = models.DateTimeField(null=True, blank=True)

    history = HistoricalRecords(excluded_fields=["file"])

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=MedicalCertificateStatus.values), name="medical_certificate_status_valid"
            ),
            models.CheckConstraint(
                condition=~Q(status=MedicalCertificateStatus.ANOTHER_REQUESTED) | ~Q(another_reason=""),
                name="medical_certificate_another_has_reason",
            ),
        ]

    def __str__(self):
        return f"Medical certificate for {self.application}"


class DutyLog(models.Model):
    """A duty an active volunteer gave their time to (seed 002: volunteers "commit to 16
    hours a month"; DOMAIN.md: "monthly hours log against the commitment, with a reminder
    when short"). Logged, corrected and removed by the volunteer alone, through
    volunteers.services.hours, which also keeps a day's entries to 24 hours together (under
    the application's row lock); the database holds each entry to a day's length."""

    SERVICE_OWNED_FIELDS = ("application", "logged_at")

    application = models.ForeignKey(VolunteerApplication, on_delete=models.PROTECT, related_name="duties")
    date = models.DateField()
    hours = models.DecimalField(max_digits=4, decimal_places=2)
    activity = models.CharField(max_length=200)
    logged_at = models.DateTimeField()

    class Meta:
        verbose_name = "logged duty"
        verbose_name_plural = "logged duties"
        ordering = ["-date", "-logged_at", "-pk"]
        indexes = [models.Index(fields=["application", "date"], name="duty_log_application_date")]
        constraints = [
            models.CheckConstraint(condition=Q(hours__gt=0, hours__lte=24), name="duty_log_hours_within_a_day"),
        ]

    def __str__(self):
        return f"{self.figure} hours on {self.date:%-d %B %Y}: {self.activity}"

    @property
    def figure(self):
        """The hours as people write them: 2.5, not 2.50."""
        return hours_figure(self.hours)
