"""A vetting check on a vetted record (a work-experience application today, a volunteer's
later): protocol 3.3.1, "the necessary vetting checks in line with Force Policy P04". The
record is pointed at by content type and object id (vetting.subjects), so vetting imports
none of the apps it vets (DOMAIN.md §2)."""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from ..enums import DECIDED_CHECKS, LIVE_CHECKS, CheckStatus, CheckType


class VettingCheck(models.Model):
    SERVICE_OWNED_FIELDS = (
        "content_type",
        "object_id",
        "check_type",
        "required",
        "status",
        "requested_by",
        "requested_at",
        "decided_by",
        "decided_at",
        "expires_on",
        "needed_until",
        "notes",
    )

    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT)
    object_id = models.PositiveBigIntegerField()
    record = GenericForeignKey("content_type", "object_id")
    check_type = models.CharField("check", max_length=20, choices=CheckType.choices)
    # Required checks decide clearance (services.checks.vetting_cleared); others are extra.
    required = models.BooleanField(default=True)
    status = models.CharField(max_length=12, choices=CheckStatus.choices, default=CheckStatus.REQUESTED)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    requested_at = models.DateTimeField()
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    # The clearance lapses after this day; blank: it does not lapse.
    expires_on = models.DateField(null=True, blank=True)
    # The placement's last day when the check was requested (vetting.subjects): a clearance
    # lapsing before it is flagged (issue 10) on the vetting officer's page and home.
    needed_until = models.DateField(null=True, blank=True)
    # The vetting officer's private notes (DOMAIN.md §1: "the only role that sees vetting
    # detail"): never in the action log, the history, an export or an email.
    notes = models.TextField(blank=True)

    history = HistoricalRecords(excluded_fields=["notes"])

    class Meta:
        ordering = ["requested_at", "pk"]
        indexes = [models.Index(fields=["content_type", "object_id"], name="vetting_check_record")]
        constraints = [
            models.CheckConstraint(condition=Q(status__in=CheckStatus.values), name="vetting_check_status_valid"),
            models.CheckConstraint(condition=Q(check_type__in=CheckType.values), name="vetting_check_type_valid"),
            models.CheckConstraint(
                condition=Q(status__in=DECIDED_CHECKS, decided_at__isnull=False)
                | (~Q(status__in=DECIDED_CHECKS) & Q(decided_at__isnull=True)),
                name="vetting_check_decided_at_iff_decided",
            ),
            models.UniqueConstraint(
                fields=["content_type", "object_id", "check_type"],
                condition=Q(status__in=LIVE_CHECKS),
                name="vetting_check_one_live_per_type",
            ),
        ]

    def __str__(self):
        # As the action log names it, linked to the check (tests/test_action_log_in_words.py: no
        # bare IDs in a sentence); naming the person would load the record for every entry.
        return f"{self.get_check_type_display()} for a {self.content_type.name}"

    @property
    def record_label(self) -> str:
        """The record as exports name it, without loading it: "work experience application 12"."""
        return f"{self.content_type.name} {self.object_id}"

    @property
    def required_label(self) -> str:
        return "Yes" if self.required else "No"
