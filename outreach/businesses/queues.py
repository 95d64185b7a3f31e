"""The staff home's count of new business interest (issue 12: "staff follow up from their
work queue"): businesses that registered and nobody has contacted yet."""

from django.urls import reverse

from accounts.queues import Queue, register
from accounts.roles import Role

from .enums import BusinessInterestStatus
from .models import BusinessInterest

BUSINESSES_QUEUE = "outreach_businesses_to_follow_up"
BUSINESSES_LABEL = "Businesses to follow up"

register(
    Queue(
        BUSINESSES_QUEUE,
        BUSINESSES_LABEL,
        frozenset({Role.DIVERSITY_PLACEMENTS_OFFICER}),
        "outreach.follow_up_businesses",
        lambda user, today: BusinessInterest.objects.filter(status=BusinessInterestStatus.NEW),
        lambda: f"{reverse('outreach_staff_businesses')}?queue={BUSINESSES_QUEUE}",
    )
)
