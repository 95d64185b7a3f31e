"""Positive-action events and who registered for them (seed 004; DOMAIN.md §3 "Outreach
and positive action"; issue 12 "Events"). Programme enrolment and equality monitoring are
other parts of the issue."""

from datetime import timedelta

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.formats import date_format
from simple_history.models import HistoricalRecords

from vetting.links import SingleUseLink

# local businesses' interest in supporting recruitment lives in outreach/businesses/ (issue 12)
from .businesses.models import BusinessInterest  # noqa: F401
from .enums import LIVE, EventKind, EventStatus, RegistrationStatus, RoleConsidered

# equality monitoring's table lives with its code in outreach/equality/ (issue 12)
from .equality.models import EqualityResponse  # noqa: F401

# the Positive Action Programme's tables live with its code in outreach/programme/ (issue 12)
from .programme.models import ProgrammeEnrolment, ProgrammeIntake, SupportSession  # noqa: F401

MAX_PLACES = 500
# Issue 8: a date typed as the year 9999 never reaches the listing or a calendar.
PLANNING_HORIZON = timedelta(days=2 * 365)


class OutreachEvent(models.Model):
    """A workshop, engagement day or familiarisation visit people register for without an
    account. Never over capacity: a registration takes a place by adding to ``places_taken``
    under the event's row lock (outreach.services.registrations), and the database refuses
    a count above ``capacity`` (outreach_event_never_over_capacity)."""

    # publish_event, cancel_event and change_places; places_taken by the registrations' services too
    SERVICE_OWNED_FIELDS = ("status", "places_taken", "cancellation_reason")
    SERVICE_OWNED_ONCE_ADDED = ("capacity",)

    kind = models.CharField(max_length=20, choices=EventKind.choices)
    title = models.CharField(max_length=200)
    description = models.TextField(help_text="What happens at the event and who runs it, as the public will read it.")
    starts_at = models.DateTimeField()
    ends_at = models.DateTimeField()
    venue = models.CharField(max_length=200, help_text="For example: Kent Police College, Maidstone.")
    address = models.TextField(help_text="The full address, with the postcode.")
    access_information = models.TextField(
        blank=True,
        help_text="Step-free access, parking, the nearest station, a quiet room: what people ask before coming.",
    )
    audience = models.CharField(
        "who it is for",
        max_length=300,
        help_text="For example: anyone from an under-represented group thinking of applying to be a police officer.",
    )
    capacity = models.PositiveSmallIntegerField(
        "places", validators=[MinValueValidator(1), MaxValueValidator(MAX_PLACES)]
    )
    places_taken = models.PositiveSmallIntegerField(default=0, editable=False)
    status = models.CharField(max_length=10, choices=EventStatus.choices, default=EventStatus.DRAFT, editable=False)
    cancellation_reason = models.CharField(max_length=300, blank=True, editable=False)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "outreach event"
        ordering = ["starts_at", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(capacity__gt=0), name="outreach_event_capacity_positive"),
            models.CheckConstraint(
                condition=Q(places_taken__lte=F("capacity")), name="outreach_event_never_over_capacity"
            ),
            models.CheckConstraint(condition=Q(ends_at__gt=F("starts_at")), name="outreach_event_ends_after_start"),
            models.CheckConstraint(condition=Q(status__in=EventStatus.values), name="outreach_event_status_valid"),
            models.CheckConstraint(condition=Q(kind__in=EventKind.values), name="outreach_event_kind_valid"),
        ]

    def __str__(self):
        return f"{self.title} ({date_format(timezone.localtime(self.starts_at), 'j F Y')})"

    def clean(self):
        """The back office's form shows these next to the times (the database refuses the first)."""
        if self.starts_at is None or self.ends_at is None:
            return
        if self.ends_at <= self.starts_at:
            raise ValidationError({"ends_at": "The event must end after it starts."})
        now = timezone.now()
        if self._state.adding and self.starts_at <= now:
            raise ValidationError({"starts_at": "A new event must start in the future."})
        if self.starts_at > now + PLANNING_HORIZON:
            raise ValidationError({"starts_at": "An event can be at most two years ahead."})

    @property
    def places_left(self) -> int:
        return self.capacity - self.places_taken

    @property
    def is_full(self) -> bool:
        return self.places_taken >= self.capacity


class EventRegistration(SingleUseLink):
    """One person's registration (issue 12: "name, email, phone, the role being considered,
    access needs"). No account: the person cancels from the single-use link in their latest
    email (vetting.links: stored only as a hash, never shown to staff). No history table:
    access needs are personal, and the action log records each change without them."""

    SERVICE_OWNED_FIELDS = (
        *SingleUseLink.SERVICE_OWNED_FIELDS,
        "event",
        "status",
        "registered_at",
        "waiting_since",
        "cancelled_at",
        "attendance_recorded_at",
        "reminded_at",
    )

    event = models.ForeignKey(OutreachEvent, on_delete=models.PROTECT, related_name="registrations")
    full_name = models.CharField("full name", max_length=200)
    email = models.EmailField("email address")
    phone = models.CharField("phone number", max_length=30)
    role_considered = models.CharField("the role you are considering", max_length=20, choices=RoleConsidered.choices)
    access_needs = models.TextField(blank=True)
    status = models.CharField(max_length=15, choices=RegistrationStatus.choices, editable=False)
    registered_at = models.DateTimeField(default=timezone.now, editable=False)
    # First come, first served: the waiting list's order.
    waiting_since = models.DateTimeField(null=True, blank=True, editable=False)
    cancelled_at = models.DateTimeField(null=True, blank=True, editable=False)
    attendance_recorded_at = models.DateTimeField(null=True, blank=True, editable=False)
    # the reminder two days before went (send_event_reminders), or was not needed
    reminded_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        verbose_name = "event registration"
        ordering = ["event", "registered_at", "pk"]
        indexes = [models.Index(fields=["event", "status", "waiting_since"], name="outreach_waiting_list")]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=RegistrationStatus.values), name="outreach_registration_status_valid"
            ),
            models.CheckConstraint(
                condition=Q(role_considered__in=RoleConsidered.values), name="outreach_registration_role_valid"
            ),
            # one live registration per address and event: registering twice holds one place
            models.UniqueConstraint(
                Lower("email"), "event", condition=Q(status__in=LIVE), name="outreach_one_live_registration_per_email"
            ),
            models.CheckConstraint(
                condition=Q(status=RegistrationStatus.WAITING, waiting_since__isnull=False)
                | (~Q(status=RegistrationStatus.WAITING) & Q(waiting_since__isnull=True)),
                name="outreach_waiting_since_iff_waiting",
            ),
            models.CheckConstraint(
                condition=Q(status=RegistrationStatus.CANCELLED, cancelled_at__isnull=False)
                | (~Q(status=RegistrationStatus.CANCELLED) & Q(cancelled_at__isnull=True)),
                name="outreach_cancelled_at_iff_cancelled",
            ),
            models.CheckConstraint(
                condition=Q(
                    status__in=[RegistrationStatus.ATTENDED, RegistrationStatus.DID_NOT_ATTEND],
                    attendance_recorded_at__isnull=False,
                )
                | (
                    ~Q(status__in=[RegistrationStatus.ATTENDED, RegistrationStatus.DID_NOT_ATTEND])
                    & Q(attendance_recorded_at__isnull=True)
                ),
                name="outreach_attendance_recorded_iff_taken",
            ),
        ]

    def __str__(self):
        return f"{self.full_name} at {self.event}"
