"""The outbox's retention (issue 13). A delivered or given-up email is deleted a year
after it was written: nothing depends on the row (the action log records the change that
caused it), and it holds an address and a text about the person."""

from django.db.models import Q

from retention.registry import DELETE, Rule, register

from .enums import NotificationStatus
from .models import Notification

register(
    Rule(
        kind="notifications",
        label="Emails in the outbox (sent or given up)",
        action=DELETE,
        due=lambda cutoff: Notification.objects.filter(
            Q(status__in=[NotificationStatus.SENT, NotificationStatus.DEAD]), created_at__lt=cutoff
        ),
        counted_from="it was written",
        why="Nothing depends on a delivered email; mail still queued or retrying is kept until it goes.",
    )
)
