"""The review of the Work Experience Protocol (seed 001, 7.1): "Monitoring will be
undertaken by the Head of Resourcing, with a review being undertaken every two years or as
appropriate due to significant change." One row per review recorded; the latest (by the
day it was reviewed) says when the next one is due."""

from datetime import date, timedelta

from django.conf import settings
from django.db import models
from django.db.models import F, Q

# The Heads of Resourcing are told this long before the next review is due, and the
# monitoring page and their home say it is due from then on.
REVIEW_REMINDER_LEAD = timedelta(days=30)
# the notes are also the action log's reason (accounts.models.ActionLog.reason)
NOTES_LENGTH = 500


class ProtocolReview(models.Model):
    # record_protocol_review, reschedule_protocol_review, remind_protocol_review
    SERVICE_OWNED_FIELDS = ("reviewed_on", "next_review_on", "notes", "recorded_by", "reminded_at")

    reviewed_on = models.DateField("date reviewed")
    next_review_on = models.DateField("next review due")
    notes = models.TextField(help_text="What the review looked at, and any change it made to the protocol.")
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)
    # when the Heads of Resourcing were told the next review is due: once per due date
    reminded_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-reviewed_on", "-pk"]
        get_latest_by = ["reviewed_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(next_review_on__gt=F("reviewed_on")), name="protocol_next_review_after_last"
            ),
            models.CheckConstraint(condition=~Q(notes=""), name="protocol_review_has_notes"),
        ]

    def __str__(self):
        return f"Protocol review of {self.reviewed_on:%-d %B %Y}"

    def is_due(self, today: date) -> bool:
        return today >= self.next_review_on - REVIEW_REMINDER_LEAD

    def is_overdue(self, today: date) -> bool:
        return today > self.next_review_on
