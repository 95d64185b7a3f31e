from django.utils import timezone

from .enums import NotificationStatus
from .models import Notification


def stuck_messages(now=None):
    """Queued messages past the time the sweep should have taken them over: neither a
    worker nor the sweep (which needs the same broker and workers) has picked them up."""
    return Notification.objects.filter(status=NotificationStatus.QUEUED, next_attempt_at__lte=now or timezone.now())
