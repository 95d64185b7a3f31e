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

    # the offer's two times: volunteers.services.offers (make_offer, accept_offer, decline_offer)
    SERVICE_OWNED_FIELDS = ("status", "rejection_reason", "submitted_at", "offered_at", "offer_answered_at")

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
    # Issue 11: vetting cleared, a place is offered; the candidate accepts it (training) or
    # declines it (withdrawn). Kept after the answer: when the offer went and when it was answered.
    offered_at = models.DateTimeField(null=True, blank=True)
    offer_answered_at = models.DateTimeField(null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["submitted_at", "pk"]
        # The admin's list and the team's list read the oldest first (this ordering): without the
        # index they sorted every application for each page (issue 13: 50,000 applications, a
        # median under 150 ms).
        indexes = [models.Index(fields=["submitted_at", "id"], name="volunteer_app_oldest_first")]
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
            # An offer waiting for its answer has been made and not answered; an answer
            # follows its offer.
            models.CheckConstraint(
                condition=~Q(status=VolunteerApplicationStatus.OFFERED)
                | Q(offered_at__isnull=False, offer_answered_at__isnull=True),
                name="volunteer_application_offered_waits_for_answer",
            ),
            models.CheckConstraint(
                condition=Q(offer_answered_at__isnull=True)
                | Q(offered_at__isnull=False, offer_answered_at__gte=F("offered_at")),
                name="volunteer_application_answer_after_offer",
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

    # volunteers.services.fitness: book_fitness_test writes the booking and emails the applicant
    # its date and place (a date changed by hand would not reach them), record_fitness_result the rest
    SERVICE_OWNED_FIELDS = ("booked_for", "place", "booked_by", "result", "assessor", "recorded_by", "recorded_at")

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


class TrainingCourse(models.Model):
    """A campaign's training (seed 002: "training will start at the end of April which will
    take place over five weekends over a 10 week period"): one per campaign, made by
    volunteers.services.training.set_up_training with its weekends, which staff then move."""

    SERVICE_OWNED_FIELDS = ("campaign", "set_up_by", "set_up_at")

    campaign = models.OneToOneField(RecruitmentCampaign, on_delete=models.PROTECT, related_name="training_course")
    set_up_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    set_up_at = models.DateTimeField()

    history = HistoricalRecords()

    def __str__(self):
        return f"Training for {self.campaign}"


class TrainingSession(models.Model):
    """One weekend of a course. Its dates and place change only through reschedule_session,
    which logs the change and tells the trainees; never once its register is kept."""

    SERVICE_OWNED_FIELDS = ("course", "starts_at", "ends_at", "location")

    course = models.ForeignKey(TrainingCourse, on_delete=models.PROTECT, related_name="sessions")
    starts_at = models.DateTimeField()
    ends_at = models.DateTimeField()
    location = models.CharField(max_length=200)

    history = HistoricalRecords()

    class Meta:
        ordering = ["starts_at", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(ends_at__gt=F("starts_at")), name="training_session_ends_after_start"),
            models.CheckConstraint(condition=~Q(location=""), name="training_session_has_a_place"),
        ]

    def __str__(self):
        return f"Training weekend of {timezone.localtime(self.starts_at):%-d %B %Y} ({self.course.campaign})"

    def when(self) -> str:
        """As pages and emails say it: "Saturday 2 May 2026, 09:00 to Sunday 3 May 2026, 16:30"."""
        starts, ends = timezone.localtime(self.starts_at), timezone.localtime(self.ends_at)
        return f"{starts:%A %-d %B %Y, %H:%M} to {ends:%A %-d %B %Y, %H:%M}"


class TrainingAttendance(models.Model):
    """Whether a trainee attended a weekend, as the recruitment team's register says
    (record_attendance). One row per trainee and weekend; a correction changes it."""

    SERVICE_OWNED_FIELDS = ("session", "application", "attended", "recorded_by", "recorded_at")

    session = models.ForeignKey(TrainingSession, on_delete=models.PROTECT, related_name="attendance")
    application = models.ForeignKey(VolunteerApplication, on_delete=models.PROTECT, related_name="training_attendance")
    attended = models.BooleanField()
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField()

    history = HistoricalRecords()

    class Meta:
        verbose_name_plural = "training attendance"
        ordering = ["session__starts_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["session", "application"], name="training_attendance_once_per_session"),
        ]

    def __str__(self):
        return f"{self.application.applicant}, {self.session}"


class GrantedPower(models.Model):
    """A designated power granted to an active volunteer (seed 002: the Policing and Crime
    Bill 2017 "has given Chief Constables authority to extend certain powers to
    volunteers"), who granted it and from when. A designation can be withdrawn as it was
    given: the row stays, with who withdrew it, when and why, so the record shows what the
    volunteer could do on any day; the power may then be granted again (a new row)."""

    SERVICE_OWNED_FIELDS = (
        "application",
        "power",
        "granted_on",
        "granted_by",
        "withdrawn_on",
        "withdrawn_by",
        "withdrawal_reason",
    )

    application = models.ForeignKey(VolunteerApplication, on_delete=models.PROTECT, related_name="granted_powers")
    power = models.ForeignKey(DesignatedPower, on_delete=models.PROTECT, related_name="grants")
    granted_on = models.DateField()
    granted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    withdrawn_on = models.DateField(null=True, blank=True)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    withdrawal_reason = models.TextField(blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["granted_on", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["application", "power"],
                condition=Q(withdrawn_on__isnull=True),
                name="granted_power_held_once",
            ),
            models.CheckConstraint(
                condition=Q(withdrawn_on__isnull=True, withdrawn_by__isnull=True, withdrawal_reason="")
                | (Q(withdrawn_on__gte=F("granted_on"), withdrawn_by__isnull=False) & ~Q(withdrawal_reason="")),
                name="granted_power_withdrawn_whole",
            ),
        ]

    def __str__(self):
        return f"{self.power} ({self.application.applicant})"


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
