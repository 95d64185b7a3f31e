"""Presentations at Kent Police College after a placement round, and what officers and
partners say about each placement (seed 000: "Representatives from each partner
organisation are more than welcome to attend these presentations")."""

from datetime import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from simple_history.models import HistoricalRecords

from ..enums import PlacementType, RsvpStatus
from ..validators import planning_window_problem
from .cohorts import Cohort
from .partners import PartnerOrganisation
from .placements import CommunityPlacement
from .work_experience import KENT_POLICE_COLLEGE


class PresentationSession(models.Model):
    SERVICE_OWNED_FIELDS = ("seats_taken", "reminder_sent_at")
    # Issue 9: "Changing a session's date, time or room goes through a service that tells
    # everyone who replied" (change_session). Staff set them when they add a session.
    SERVICE_OWNED_ONCE_ADDED = ("date", "starts_at", "venue", "room")

    cohort = models.ForeignKey(Cohort, on_delete=models.PROTECT, related_name="presentation_sessions")
    placement_type = models.CharField(max_length=10, choices=PlacementType.choices)
    date = models.DateField()
    starts_at = models.TimeField()
    venue = models.CharField(max_length=200, default=KENT_POLICE_COLLEGE)
    room = models.CharField(max_length=100)
    capacity = models.PositiveSmallIntegerField(help_text="Seats for partners' representatives.")
    seats_taken = models.PositiveSmallIntegerField(default=0, editable=False)
    rsvp_cutoff = models.DateTimeField(help_text="Partners may reply, change or cancel until then.")
    reminder_sent_at = models.DateTimeField(null=True, blank=True, editable=False)

    history = HistoricalRecords()

    class Meta:
        ordering = ["date", "starts_at"]
        constraints = [
            models.CheckConstraint(condition=Q(capacity__gt=0), name="presentation_capacity_positive"),
            models.CheckConstraint(
                condition=Q(seats_taken__lte=F("capacity")), name="presentation_capacity_never_exceeded"
            ),
        ]

    def __str__(self):
        return f"{self.cohort} presentations, {self.date:%-d %B %Y}"

    def clean(self):
        """Issue 8: a new session is not in the past, and no session is more than two years
        ahead (the back office's form shows this next to the date)."""
        if self.date and (problem := self.date_problem()):
            raise ValidationError({"date": problem})

    def date_problem(self, moved_to=None) -> str:
        """What is wrong with the session's date, or with ``moved_to`` when it is moved
        there (change_session): a new date or a move is never in the past."""
        return planning_window_problem(
            moved_to or self.date,
            today=timezone.localdate(),
            may_be_past=not (self._state.adding or moved_to),
            what="The session's date" if moved_to is None else "The new date",
        )

    @property
    def starts(self) -> datetime:
        """When the session starts, in the site's time zone (London)."""
        return timezone.make_aware(datetime.combine(self.date, self.starts_at))


class PresentationInvitation(models.Model):
    """A partner invited to a session, and their reply (RSVP)."""

    # invite_partners writes the row, reply_to_invitation the reply (and the session's seats).
    SERVICE_OWNED_FIELDS = (
        "partner",
        "rsvp_status",
        "attendees",
        "attendee_names",
        "access_needs",
        "replied_at",
        "waiting_since",
    )

    session = models.ForeignKey(PresentationSession, on_delete=models.CASCADE, related_name="invitations")
    partner = models.ForeignKey(PartnerOrganisation, on_delete=models.CASCADE, related_name="presentation_invitations")
    invited_at = models.DateTimeField(auto_now_add=True)
    rsvp_status = models.CharField(max_length=10, choices=RsvpStatus.choices, blank=True)
    attendees = models.PositiveSmallIntegerField(default=0)
    attendee_names = models.TextField(blank=True)
    access_needs = models.TextField(blank=True)
    replied_at = models.DateTimeField(null=True, blank=True)
    # Issue 9: the waiting list is first come, first served. While waiting, ``attendees``
    # is the number asked for; only an attending reply holds seats.
    waiting_since = models.DateTimeField(null=True, blank=True, editable=False)

    history = HistoricalRecords()

    class Meta:
        ordering = ["session", "partner__name"]
        constraints = [
            models.UniqueConstraint(fields=["session", "partner"], name="presentation_invitation_unique"),
            models.CheckConstraint(
                condition=Q(rsvp_status__in=["", *RsvpStatus.values]), name="presentation_rsvp_status_valid"
            ),
            models.CheckConstraint(
                condition=Q(rsvp_status=RsvpStatus.WAITING, waiting_since__isnull=False)
                | (~Q(rsvp_status=RsvpStatus.WAITING) & Q(waiting_since__isnull=True)),
                name="presentation_waiting_since_iff_waiting",
            ),
        ]

    def __str__(self):
        return f"{self.partner} — {self.session}"


class PlacementReflection(models.Model):
    """The officer's presentation summary (written or uploaded) and reflection."""

    SERVICE_OWNED_FIELDS = ("placement",)  # submit_reflection

    placement = models.OneToOneField(CommunityPlacement, on_delete=models.CASCADE, related_name="reflection")
    summary = models.TextField("presentation summary", blank=True)
    presentation_file = models.FileField(upload_to="presentations/%Y/", blank=True)
    reflection = models.TextField()
    submitted_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords()

    def __str__(self):
        return f"Reflection on {self.placement}"


class PlacementFeedback(models.Model):
    """The partner's rating (1–5) and comment on a placement."""

    SERVICE_OWNED_FIELDS = ("placement", "submitted_by")  # give_feedback

    placement = models.OneToOneField(CommunityPlacement, on_delete=models.CASCADE, related_name="feedback")
    rating = models.PositiveSmallIntegerField(validators=[MinValueValidator(1), MaxValueValidator(5)])
    comment = models.TextField(blank=True)
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    submitted_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords()

    class Meta:
        constraints = [
            models.CheckConstraint(condition=Q(rating__gte=1, rating__lte=5), name="feedback_rating_one_to_five")
        ]

    def __str__(self):
        return f"Feedback on {self.placement}: {self.rating}/5"
