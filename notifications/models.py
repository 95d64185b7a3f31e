import uuid

from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.db.models import Q
from django.utils import timezone

from .enums import NotificationStatus


def new_idempotency_key() -> str:
    return uuid.uuid4().hex


class Notification(models.Model):
    """One email, written in the same transaction as the change that caused it and
    delivered by Celery after commit (DOMAIN.md §4)."""

    SERVICE_OWNED_FIELDS = ("status", "attempts", "next_attempt_at", "last_error", "idempotency_key", "sent_at")

    recipient = models.EmailField()
    template = models.CharField(max_length=120, help_text="Template key, e.g. accounts/welcome.")
    context = models.JSONField(default=dict, blank=True, encoder=DjangoJSONEncoder)
    subject = models.CharField(max_length=300)
    body_text = models.TextField()
    body_html = models.TextField(blank=True)
    # notifications/sensitive.py: the body carries a personal link or code, so no staff
    # screen or export shows it and delivery erases it (issue 8 §1).
    # Files sent with the message, each {"filename", "mimetype", "content"} as text: an
    # event's .ics (outreach, issue 12). Never a personal link: they are not erased.
    attachments = models.JSONField(default=list, blank=True, encoder=DjangoJSONEncoder)
    sensitive = models.BooleanField(
        "contains a personal link",
        default=False,
        help_text="Its text is never shown to staff and is erased once delivered or given up.",
    )
    status = models.CharField(max_length=10, choices=NotificationStatus.choices, default=NotificationStatus.QUEUED)
    attempts = models.PositiveSmallIntegerField(default=0)
    next_attempt_at = models.DateTimeField(null=True, blank=True)
    last_error = models.CharField(max_length=300, blank=True)
    idempotency_key = models.CharField(max_length=200, unique=True, default=new_idempotency_key)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    related_type = models.ForeignKey(ContentType, null=True, blank=True, on_delete=models.SET_NULL)
    related_id = models.CharField(max_length=64, blank=True)
    related = GenericForeignKey("related_type", "related_id")

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["status", "next_attempt_at"]),
            # The admin's filter by template lists the templates used by walking this index
            # (kentplacements.admin_tools.DistinctValuesFilter), not by reading every row.
            models.Index(fields=["template"], name="notification_template"),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(status__in=NotificationStatus.values), name="notification_status_valid"),
            models.CheckConstraint(
                condition=~Q(status=NotificationStatus.SENT) | Q(sent_at__isnull=False),
                name="notification_sent_has_sent_at",
            ),
            # Queued and failed rows carry the time the sweep picks them up again.
            models.CheckConstraint(
                condition=~Q(status__in=[NotificationStatus.QUEUED, NotificationStatus.FAILED])
                | Q(next_attempt_at__isnull=False),
                name="notification_pending_has_next_attempt",
            ),
            # Once a sensitive message is delivered or given up, its link exists only in
            # the recipient's mailbox.
            models.CheckConstraint(
                condition=~Q(sensitive=True, status__in=[NotificationStatus.SENT, NotificationStatus.DEAD])
                | Q(body_text="", body_html="", context={}),
                name="notification_sensitive_body_erased_when_done",
            ),
        ]

    def __str__(self):
        return f"{self.subject} → {self.recipient} ({self.get_status_display()})"
