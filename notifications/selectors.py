from django.db.models import Count
from django.utils import timezone

from .enums import NotificationStatus
from .models import Notification


def outbox_counts() -> dict[str, int]:
    """Notifications per status, every status present (zero when none)."""
    counts = dict(Notification.objects.values_list("status").annotate(n=Count("pk")).order_by())
    return {label: counts.get(value, 0) for value, label in NotificationStatus.choices}


def stuck_messages(now=None):
    """Queued messages past the time the sweep should have taken them over: neither a
    worker nor the sweep (which needs the same broker and workers) has picked them up."""
    return Notification.objects.filter(status=NotificationStatus.QUEUED, next_attempt_at__lte=now or timezone.now())
