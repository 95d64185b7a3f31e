from django.db.models import Count

from .enums import NotificationStatus
from .models import Notification


def outbox_counts() -> dict[str, int]:
    """Notifications per status, every status present (zero when none)."""
    counts = dict(Notification.objects.values_list("status").annotate(n=Count("pk")).order_by())
    return {label: counts.get(value, 0) for value, label in NotificationStatus.choices}
