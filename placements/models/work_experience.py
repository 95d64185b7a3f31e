"""Work experience (seed 001, the Work Experience Protocol): programmes, expressions of
interest, applications and the placement days themselves."""

import uuid
from datetime import date

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Lower
from simple_history.models import HistoricalRecords

from ..enums import ActivityKind, ActivityLocation, ApplicationStatus, DeclineReason, ProgrammeStatus

ADULT_AGE = 18  # Protocol 3.5.3: under 18, a parent/guardian signs the declaration of consent

KENT_POLICE_COLLEGE = "Kent Police College, Maidstone"

# Protocol 3.5.4: a placement lasts a week, so its risk assessment is looked at again every
# other day unless the assessor sets another interval.
DEFAULT_REVIEW_DAYS = 2


class WorkExperienceProgramme(models.Model):
    """A work-experience programme (Work Experience Protocol 3.1–3.2, seed 001)."""

    SERVICE_OWNED_FIELDS = ("status", "places_confirmed")

    title = models.CharField(max_length=200)
    starts_on = models.DateField()
    ends_on = models.DateField()
    venue = models.CharField(max_length=200, default=KENT_POLICE_COLLEGE)
    capacity = models.PositiveSmallIntegerField()
    # confirmed (and later) applications; the database refuses more than capacity
    places_confirmed = models.PositiveSmallIntegerField(default=0, editable=False)
    minimum_age = models.PositiveSmallIntegerField(default=16)
    eligibility_criteria = models.TextField(blank=True, help_text="The criteria in force, shown to applicants.")
    applications_open_at = models.DateTimeField()
    applications_close_at = models.DateTimeField()
    status = models.CharField(max_length=10, choices=ProgrammeStatus.choices, default=ProgrammeStatus.DRAFT)
    # joining instructions (protocol 3.3.2), sent once the checks, references and agreement are in
    arrival_time = models.TimeField(null=True, blank=True)
    what_to_bring = models.TextField(blank=True)
    dress_code = models.TextField(blank=True)
    contact_details = models.TextField(blank=True, help_text="Who to call on the day, and how.")
    attendance_confirmation_days = models.PositiveSmallIntegerField(
        default=7, help_text="Days before the first day by which applicants must confirm they will attend."
    )

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
            models.CheckConstraint(
                condition=Q(places_confirmed__lte=F("capacity")), name="programme_capacity_never_exceeded"
            ),
        ]

    def __str__(self):
        return self.title

    def age_on_first_day(self, date_of_birth: date) -> int:
        first = self.starts_on
        return first.year - date_of_birth.year - ((first.month, first.day) < (date_of_birth.month, date_of_birth.day))


class EligibilityQuestion(models.Model):
    """A yes/no question of the programme's criteria; the wrong answer is explained."""

    programme = models.ForeignKey(WorkExperienceProgramme, on_delete=models.CASCADE, related_name="questions")
    text = models.CharField(max_length=300)
    eligible_answer = models.BooleanField(default=True, help_text="The answer that meets the criterion.")
    explanation = models.CharField(
        max_length=500, help_text="Shown to an applicant whose answer does not meet the criterion."
    )
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order", "pk"]

    def __str__(self):
        return self.text


class ExpressionOfInterest(models.Model):
    """Someone who wants work experience before a programme is open (protocol 3.2.3)."""

    SERVICE_OWNED_FIELDS = ("unsubscribe_token", "unsubscribed_at")

    full_name = models.CharField(max_length=200)
    email = models.EmailField()
    created_at = models.DateTimeField(auto_now_add=True)
    unsubscribe_token = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    unsubscribed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at"]
        constraints = [models.UniqueConstraint(Lower("email"), name="interest_email_unique")]

    def __str__(self):
        return self.full_name


class WorkExperienceApplication(models.Model):
    SERVICE_OWNED_FIELDS = (
        "programme",
        "applicant",
        "status",
        "decline_reason",
        "status_reason",
        "escorting_officer",
        # the applicant's own answers, checked when they send (submit_application)
        "eligibility_answers",
        "submitted_at",
        "joining_instructions_sent_at",
        "attendance_confirmed_at",
        "attendance_reminded_at",
        "attendance_flagged_at",
    )

    programme = models.ForeignKey(WorkExperienceProgramme, on_delete=models.PROTECT, related_name="applications")
    applicant = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="work_experience_applications"
    )
    status = models.CharField(max_length=20, choices=ApplicationStatus.choices, default=ApplicationStatus.DRAFT)
    date_of_birth = models.DateField(null=True, blank=True)
    school = models.CharField("school or college", max_length=200, blank=True)
    # Protocol 2.4: the school is told if a placement is discontinued.
    school_email = models.EmailField("school or college contact email", blank=True)
    eligibility_answers = models.JSONField(default=dict, blank=True)
    statement = models.TextField("personal statement", blank=True)
    reasonable_adjustments = models.TextField(blank=True)
    emergency_contact_name = models.CharField(max_length=200, blank=True)
    emergency_contact_phone = models.CharField(max_length=30, blank=True)
    guardian_name = models.CharField("parent or guardian's name", max_length=200, blank=True)
    guardian_email = models.EmailField("parent or guardian's email", blank=True)
    guardian_phone = models.CharField("parent or guardian's phone", max_length=30, blank=True)
    decline_reason = models.CharField(max_length=20, choices=DeclineReason.choices, blank=True)
    status_reason = models.CharField(max_length=500, blank=True)
    escorting_officer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="escorted_applications",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    joining_instructions_sent_at = models.DateTimeField(null=True, blank=True)
    attendance_confirmed_at = models.DateTimeField(null=True, blank=True)
    attendance_reminded_at = models.DateTimeField(null=True, blank=True)
    attendance_flagged_at = models.DateTimeField(null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-created_at"]
        # Issue 13 (50,000 applications, a median under 150 ms): the admin's list reads the newest
        # first (this ordering, then -pk, which the admin adds to make the order total), which
        # sorted every application for each page without the first index; its filter by school
        # walks the second (kentplacements.admin_lists.DistinctValuesFilter).
        indexes = [
            models.Index(fields=["-created_at", "-id"], name="application_newest_first"),
            models.Index(fields=["school"], name="application_school"),
        ]
        constraints = [
            # one application per person per programme: a double click makes one
            models.UniqueConstraint(fields=["programme", "applicant"], name="application_one_per_programme"),
            models.CheckConstraint(condition=Q(status__in=ApplicationStatus.values), name="application_status_valid"),
            models.CheckConstraint(
                condition=Q(decline_reason__in=["", *DeclineReason.values]), name="application_decline_reason_valid"
            ),
            models.CheckConstraint(
                condition=~Q(status=ApplicationStatus.DECLINED) | ~Q(decline_reason=""),
                name="application_declined_has_reason",
            ),
        ]

    def __str__(self):
        return f"{self.applicant} — {self.programme}"

    @property
    def age_on_first_day(self) -> int | None:
        return self.programme.age_on_first_day(self.date_of_birth) if self.date_of_birth else None

    @property
    def needs_guardian_consent(self) -> bool:
        age = self.age_on_first_day
        return age is not None and age < ADULT_AGE


class AttendanceRecord(models.Model):
    """The daily register (protocol 3.2.5–3.2.7)."""

    SERVICE_OWNED_FIELDS = ("application", "recorded_by")  # record_attendance, record_register

    application = models.ForeignKey(WorkExperienceApplication, on_delete=models.CASCADE, related_name="attendance")
    date = models.DateField()
    present = models.BooleanField()
    note = models.CharField(max_length=300, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["date"]
        constraints = [models.UniqueConstraint(fields=["application", "date"], name="attendance_once_a_day")]

    def __str__(self):
        return f"{self.application.applicant} on {self.date:%-d %b}: {'present' if self.present else 'absent'}"


class Activity(models.Model):
    """What a participant does on a day, with their escorting officer (protocol 3.5.6)."""

    SERVICE_OWNED_FIELDS = ("application", "escorting_officer", "off_site_confirmed_by")  # record_activity

    application = models.ForeignKey(WorkExperienceApplication, on_delete=models.CASCADE, related_name="activities")
    date = models.DateField()
    kind = models.CharField(max_length=30, choices=ActivityKind.choices)
    location = models.CharField(
        max_length=10,
        choices=ActivityLocation.choices,
        default=ActivityLocation.ON_SITE,
        db_default=ActivityLocation.ON_SITE,
    )
    escorting_officer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    # Protocol 3.5.2: the escorting officer who confirmed the risk assessment covers an off-site activity.
    off_site_confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    notes = models.TextField(blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["date", "pk"]
        verbose_name_plural = "activities"
        constraints = [
            # Protocol 3.5.2: nothing outside the allowed list is ever recorded as done.
            models.CheckConstraint(condition=Q(kind__in=ActivityKind.values), name="activity_kind_allowed"),
            models.CheckConstraint(condition=Q(location__in=ActivityLocation.values), name="activity_location_valid"),
            models.CheckConstraint(
                condition=Q(location=ActivityLocation.ON_SITE) | Q(off_site_confirmed_by__isnull=False),
                name="activity_off_site_confirmed",
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} on {self.date:%-d %b %Y}"


class SecurityBriefing(models.Model):
    """Protocol 3.4.1: force security requirements (e.g. the importance of not divulging
    information) "explained by the nominated local contact at the start of the individual's
    placement": who gave it and when, before any activity."""

    SERVICE_OWNED_FIELDS = ("application", "recorded_by")  # record_security_briefing

    application = models.OneToOneField(
        WorkExperienceApplication, on_delete=models.CASCADE, related_name="security_briefing"
    )
    given_by = models.CharField("nominated local contact", max_length=200)
    given_on = models.DateField("date of the briefing")
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    def __str__(self):
        return f"Security briefing for {self.application.applicant}"


class RiskAssessment(models.Model):
    """The Student Placement Risk Assessment (protocol 3.5.4), reviewed regularly."""

    SERVICE_OWNED_FIELDS = ("application", "owner", "last_reviewed_on", "last_reminded_on")

    application = models.OneToOneField(
        WorkExperienceApplication, on_delete=models.CASCADE, related_name="risk_assessment"
    )
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    assessed_on = models.DateField()
    # Protocol 3.5.4: "reviewed regularly": each review falls due this many days after the
    # last (placement_days.review_risk_assessment), until the placement ends.
    review_every_days = models.PositiveSmallIntegerField("review every (days)", default=DEFAULT_REVIEW_DAYS)
    review_due = models.DateField()
    summary = models.TextField()
    last_reviewed_on = models.DateField(null=True, blank=True)
    last_reminded_on = models.DateField(null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        constraints = [
            models.CheckConstraint(condition=Q(review_due__gte=F("assessed_on")), name="risk_review_after_assessment"),
            models.CheckConstraint(condition=Q(review_every_days__gt=0), name="risk_review_interval_positive"),
        ]

    def __str__(self):
        return f"Student Placement Risk Assessment for {self.application.applicant}"


# Protocol 3.5.4: the generic risk assessment framework's steps, checked per attachment.
RISK_FRAMEWORK_CHECKS = ("hazards_identified", "who_might_be_harmed", "precautions_in_place", "participant_told")


class RiskAttachment(models.Model):
    """One attachment (activity area, protocol 3.5.6) covered by the Student Placement Risk
    Assessment: protocol 3.5.4, "the principles of the force's generic risk assessment
    framework should be applied to each attachment undertaken by the individual". The
    framework's steps are its checklist: the hazards identified, who might be harmed and
    how, the precautions decided and in place, the participant told of them; the review is
    the assessment's own. An attachment is recorded only with every check done."""

    SERVICE_OWNED_FIELDS = ("assessment", "recorded_by")  # add_risk_attachment
    CHECKS = RISK_FRAMEWORK_CHECKS

    assessment = models.ForeignKey(RiskAssessment, on_delete=models.CASCADE, related_name="attachments")
    kind = models.CharField("attachment", max_length=30, choices=ActivityKind.choices)
    findings = models.TextField("hazards and precautions")
    hazards_identified = models.BooleanField("the hazards of the attachment are identified")
    who_might_be_harmed = models.BooleanField("who might be harmed, and how, is considered")
    precautions_in_place = models.BooleanField("precautions are decided and in place")
    participant_told = models.BooleanField("the participant is told of the risks and precautions")
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["assessment", "kind"]
        constraints = [
            models.UniqueConstraint(fields=["assessment", "kind"], name="risk_attachment_once_per_kind"),
            models.CheckConstraint(condition=Q(kind__in=ActivityKind.values), name="risk_attachment_kind_allowed"),
            models.CheckConstraint(
                condition=Q(**dict.fromkeys(RISK_FRAMEWORK_CHECKS, True)), name="risk_attachment_framework_checks_done"
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} ({self.assessment})"


class DynamicRiskAssessment(models.Model):
    """A DRA for an incident or event, recorded by the escorting officer (protocol 3.5.5)."""

    SERVICE_OWNED_FIELDS = ("application", "recorded_by")  # record_dra

    application = models.ForeignKey(
        WorkExperienceApplication, on_delete=models.CASCADE, related_name="dynamic_risk_assessments"
    )
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    occurred_at = models.DateTimeField()
    event = models.TextField("incident or event")
    hazards = models.TextField()
    controls = models.TextField("what was done to keep the participant safe")
    outcome = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-occurred_at"]

    def __str__(self):
        return f"DRA {self.occurred_at:%-d %b %Y %H:%M}"


class DiaryEntry(models.Model):
    """The participant's own notes (protocol 3.4.3: no personal or sensitive data)."""

    application = models.ForeignKey(WorkExperienceApplication, on_delete=models.CASCADE, related_name="diary")
    date = models.DateField()
    text = models.TextField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["date", "pk"]
        verbose_name_plural = "diary entries"

    def __str__(self):
        return f"Diary, {self.date:%-d %b %Y}"
