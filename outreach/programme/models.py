"""The programme's intakes, enrolments and one-to-one support sessions (seed 004)."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils import timezone

from .enums import LIVE_ENROLMENTS, EnrolmentStatus, ProgrammeStage, SupportChannel


def check_stages(stages) -> list[str]:
    """A list of ProgrammeStage values, each once, in the programme's order."""
    if not isinstance(stages, list) or not set(stages) <= set(ProgrammeStage.values):
        raise ValidationError("Choose stages from the list.")
    return [stage for stage in ProgrammeStage.values if stage in stages]


def stage_labels(stages) -> list[str]:
    return [ProgrammeStage(stage).label for stage in ProgrammeStage.values if stage in (stages or [])]


class ProgrammeIntake(models.Model):
    """One round of the programme, tied to a recruitment campaign ("#MoreThanTheBadge — police
    constable recruitment 2027"), open to applications between two dates."""

    name = models.CharField(max_length=200)
    description = models.TextField(help_text="What the programme offers in this intake, as candidates will read it.")
    opens_on = models.DateField("applications open on")
    closes_on = models.DateField("applications close on")
    stages = models.JSONField(
        "stages supported", default=list, help_text="The stages of the recruitment process the programme helps with."
    )

    class Meta:
        verbose_name = "programme intake"
        ordering = ["-opens_on", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(closes_on__gte=F("opens_on")), name="programme_intake_closes_after_open")
        ]

    def __str__(self):
        return self.name

    def clean(self):
        if self.opens_on and self.closes_on and self.closes_on < self.opens_on:
            raise ValidationError({"closes_on": "Applications must close on or after the day they open."})
        try:
            self.stages = check_stages(self.stages)
        except ValidationError as error:
            raise ValidationError({"stages": error.messages}) from None
        if not self.stages:
            raise ValidationError({"stages": "Choose at least one stage the programme supports."})

    @property
    def is_open(self) -> bool:
        return self.opens_on <= timezone.localdate() <= self.closes_on

    def stage_labels(self):
        return stage_labels(self.stages)


class ProgrammeEnrolment(models.Model):
    """A candidate's application to an intake and, once enrolled, their place on it. The form
    asks why they want support, the stages they want help with and their access needs; never a
    protected characteristic (those are the separate, optional equality questions)."""

    SERVICE_OWNED_FIELDS = (
        "intake",
        "candidate",
        "status",
        "buddy",
        "applied_at",
        "enrolled_at",
        "closed_at",
        "decline_reason",
    )

    intake = models.ForeignKey(ProgrammeIntake, on_delete=models.PROTECT, related_name="enrolments")
    candidate = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="programme_enrolments"
    )
    status = models.CharField(max_length=10, choices=EnrolmentStatus.choices, default=EnrolmentStatus.APPLIED)
    why = models.TextField("why you would like the programme's support")
    stages_wanted = models.JSONField("stages wanted", default=list)
    phone = models.CharField("phone number", max_length=30)
    access_needs = models.TextField(blank=True)
    buddy = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="programme_buddied",
    )
    applied_at = models.DateTimeField(default=timezone.now)
    enrolled_at = models.DateTimeField(null=True, blank=True)
    # declined, withdrawn or completed
    closed_at = models.DateTimeField(null=True, blank=True)
    decline_reason = models.CharField(max_length=500, blank=True)

    class Meta:
        verbose_name = "programme enrolment"
        ordering = ["-applied_at", "pk"]
        # The admin's list reads the latest first (this ordering): without the index it sorted
        # every enrolment for each page (issue 13: 24-82 ms at 10,000).
        indexes = [models.Index(fields=["-applied_at", "id"], name="enrolment_latest_first")]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=EnrolmentStatus.values), name="programme_enrolment_status_valid"
            ),
            # one application or place per candidate and intake
            models.UniqueConstraint(
                "intake",
                "candidate",
                condition=Q(status__in=LIVE_ENROLMENTS),
                name="programme_one_live_enrolment_per_candidate",
            ),
            # seed 004: "Candidates being assigned to a buddy": nobody is enrolled without one
            models.CheckConstraint(
                condition=~Q(status=EnrolmentStatus.ENROLLED) | Q(buddy__isnull=False),
                name="programme_enrolled_has_buddy",
            ),
            models.CheckConstraint(condition=~Q(buddy=F("candidate")), name="programme_buddy_not_candidate"),
        ]

    def __str__(self):
        return f"{self.candidate} on {self.intake}"

    def stage_labels(self):
        return stage_labels(self.stages_wanted)

    def stages_in_words(self) -> str:
        return ", ".join(self.stage_labels())


class SupportSession(models.Model):
    """Seed 004: "One-to-one support". The notes are read by the enrolment's buddy and the
    programme staff alone: not the candidate (who sees the date and how it was held), no
    other staff role, no admin, export, history or action log."""

    enrolment = models.ForeignKey(ProgrammeEnrolment, on_delete=models.CASCADE, related_name="support_sessions")
    held_on = models.DateField("date")
    channel = models.CharField("how", max_length=10, choices=SupportChannel.choices)
    notes = models.TextField()
    logged_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    logged_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = "support session"
        ordering = ["-held_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(channel__in=SupportChannel.values), name="programme_session_channel_valid"
            )
        ]

    def __str__(self):
        return f"Support session on {self.held_on:%d %B %Y}"
