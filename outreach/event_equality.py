"""Event registrations followed by the equality questions (outreach.equality.sources;
issue 12: "offered after every public application and registration (work experience,
volunteers, events)"): answers are counted per event, by whether the person came.

Two stages only: a workshop has a few dozen places, and every count under 5 is hidden."""

from django.urls import reverse

from .enums import RegistrationStatus as R
from .equality.sources import Source, Stage, register
from .models import EventRegistration, OutreachEvent

register(
    Source(
        kind="event",
        heading="Positive action events",
        model=EventRegistration,
        source_model=OutreachEvent,
        source_of=lambda registration: registration.event,
        records=lambda event: EventRegistration.objects.filter(event=event),
        stages=(
            # a place or the waiting list; someone who cancelled stays at the stage they reached
            Stage("Registered", frozenset({R.REGISTERED, R.WAITING, R.DID_NOT_ATTEND})),
            Stage("Attended", frozenset({R.ATTENDED})),
        ),
        continue_url=lambda registration: reverse("outreach_registered", args=[registration.event_id]),
        ended_before=lambda cutoff: OutreachEvent.objects.filter(ends_at__lt=cutoff),
        noun="registration",
    )
)
