"""Outreach's kinds of record in the retention schedule (issue 13; periods in
settings.RETENTION)."""

from django.db.models import CharField, Value
from django.db.models.functions import Cast, Concat

from retention.registry import ANONYMISE, DELETE, Rule, register

from .businesses.enums import BusinessInterestStatus
from .businesses.models import BusinessInterest
from .models import EventRegistration

# An anonymised registration's address: unique per row (one live registration per address
# and event, outreach_one_live_registration_per_email) and on a domain that cannot exist (RFC 2606).
ANONYMISED_DOMAIN = "@anonymised.invalid"


def _anonymise_registrations(queryset):
    queryset.update(
        full_name="(anonymised)",
        email=Concat(Value("registration-"), Cast("pk", CharField()), Value(ANONYMISED_DOMAIN)),
        phone="",
        access_needs="",
    )


register(
    Rule(
        kind="event_registrations",
        label="Registrations for outreach events",
        action=ANONYMISE,
        due=lambda cutoff: EventRegistration.objects.filter(event__ends_at__lt=cutoff).exclude(
            email__endswith=ANONYMISED_DOMAIN
        ),
        anonymise=_anonymise_registrations,
        counted_from="the event ended",
        why="Anonymised, not deleted: the event's places and attendance figures count the registrations.",
    )
)

register(
    Rule(
        kind="business_interest",
        label="Local businesses' interest not taken forward",
        action=DELETE,
        due=lambda cutoff: BusinessInterest.objects.filter(
            status=BusinessInterestStatus.NOT_TAKEN_FORWARD, decided_at__lt=cutoff
        ),
        counted_from="it was not taken forward",
        why="A contact's details and notes, with no partnership to keep them for; nothing depends on them.",
    )
)
