"""The outbox's work queue on the staff home (issue 9): emails the outbox gave up on.
Messages stuck in the queue (issue 8 §2) have their own warning on the home."""

from django.urls import reverse

from accounts.queues import Queue, register
from accounts.roles import Role

from .enums import NotificationStatus
from .models import Notification

register(
    Queue(
        "undelivered_emails",
        "Emails that could not be delivered",
        frozenset({Role.RECRUITMENT_TEAM, Role.DIVERSITY_PLACEMENTS_OFFICER, Role.HEAD_OF_RESOURCING}),
        "notifications.view_notification",
        lambda user, today: Notification.objects.filter(status=NotificationStatus.DEAD),
        lambda: f"{reverse('admin:notifications_notification_changelist')}?status__exact={NotificationStatus.DEAD}",
    ),
)
