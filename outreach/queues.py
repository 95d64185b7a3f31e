"""Outreach's work queue on the staff home (issue 9's accounts.queues; issue 12: "staff
take attendance"): events that have started while someone on their register has not been
marked as attending or not. The Diversity Placements Officer runs them (outreach.rules)."""

from django.urls import reverse
from django.utils import timezone

from accounts.queues import Queue, register
from accounts.roles import Role

from .enums import EventStatus, RegistrationStatus
from .models import OutreachEvent

ATTENDANCE_QUEUE = "outreach_attendance_to_record"
ATTENDANCE_LABEL = "Outreach events: attendance to record"


def _attendance_to_record(user, today):
    return OutreachEvent.objects.filter(
        status=EventStatus.PUBLISHED,
        starts_at__lte=timezone.now(),
        registrations__status=RegistrationStatus.REGISTERED,
    ).distinct()


register(
    Queue(
        ATTENDANCE_QUEUE,
        ATTENDANCE_LABEL,
        frozenset({Role.DIVERSITY_PLACEMENTS_OFFICER}),
        "outreach.run_events",
        _attendance_to_record,
        lambda: f"{reverse('outreach_staff_events')}?queue={ATTENDANCE_QUEUE}",
    )
)
