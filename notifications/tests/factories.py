from datetime import timedelta

import factory
from django.utils import timezone

from notifications.enums import NotificationStatus
from notifications.models import Notification


class NotificationFactory(factory.django.DjangoModelFactory):
    """A row as ``services.queue_rendered`` writes it; traits give the other states
    with the fields their database constraints require."""

    class Meta:
        model = Notification

    recipient = factory.Sequence(lambda n: f"recipient{n}@example.org")
    template = "placements/placement_offered"
    subject = factory.Sequence(lambda n: f"Your work-experience placement #{n}")
    body_text = "Dear applicant,\n\nYour placement is confirmed.\n"
    created_at = factory.LazyFunction(timezone.now)
    # when the sweep takes a queued row over if no worker has delivered it
    next_attempt_at = factory.LazyAttribute(lambda row: row.created_at + timedelta(seconds=120))

    class Params:
        sent = factory.Trait(
            status=NotificationStatus.SENT, attempts=1, sent_at=factory.LazyFunction(timezone.now), next_attempt_at=None
        )
        failed = factory.Trait(
            status=NotificationStatus.FAILED,
            attempts=1,
            last_error="SMTPException: 421 Service not available",
            next_attempt_at=factory.LazyFunction(lambda: timezone.now() + timedelta(minutes=1)),
        )
        dead = factory.Trait(
            status=NotificationStatus.DEAD,
            attempts=5,
            last_error="SMTPException: 421 Service not available",
            next_attempt_at=None,
        )
