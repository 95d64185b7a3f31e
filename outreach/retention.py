"""Outreach's kinds of record in the retention schedule (issue 13; periods in
settings.RETENTION)."""

from django.db.models import CharField, Q, Value
from django.db.models.functions import Cast, Concat

from accounts.retention import needed_by
from retention.registry import ANONYMISE, DELETE, Rule, register

from .businesses.enums import BusinessInterestStatus
from .businesses.models import BusinessInterest
from .equality.models import EqualityResponse
from .equality.sources import registered as equality_sources
from .models import EventRegistration
from .programme.enums import EnrolmentStatus
from .programme.models import ProgrammeEnrolment, SupportSession

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


# What a candidate wrote about themselves on the programme's form, and the team's note on
# a decline; the buddy's notes of each one-to-one session go with them.
ENROLMENT_PERSONAL = {"why": "", "phone": "", "access_needs": "", "decline_reason": ""}
CLOSED = [EnrolmentStatus.COMPLETED, EnrolmentStatus.DECLINED, EnrolmentStatus.WITHDRAWN]


def _anonymise_enrolments(queryset):
    SupportSession.objects.filter(enrolment__in=queryset).update(notes="")
    queryset.update(**ENROLMENT_PERSONAL)


def _enrolment_holds_personal_data():
    q = Q()
    for name, empty in ENROLMENT_PERSONAL.items():
        q |= ~Q(**{name: empty})
    return q


register(
    Rule(
        kind="programme_enrolments",
        label="Positive Action Programme enrolments and their support sessions' notes",
        action=ANONYMISE,
        due=lambda cutoff: ProgrammeEnrolment.objects.filter(
            _enrolment_holds_personal_data(), status__in=CLOSED, closed_at__lt=cutoff
        ),
        anonymise=_anonymise_enrolments,
        counted_from="the enrolment was completed, declined or withdrawn",
        why="Anonymised, not deleted: the intake's report counts candidates by the stage they reached.",
    )
)


def answers_of_sources_ended_before(cutoff) -> Q:
    """Equality answers whose source (campaign, programme, event or intake) ended before
    ``cutoff``. The answers keep no time of their own, on purpose (outreach/equality/models.py:
    a moment written would line a row up with the application sent then), so their period
    runs from their source's end; the content type is matched by name in the same query."""
    condition = Q(pk__in=[])
    for source in equality_sources():
        condition |= Q(
            source_type__app_label=source.source_model._meta.app_label,
            source_type__model=source.source_model._meta.model_name,
            source_id__in=source.ended_before(cutoff).values("pk"),
        )
    return condition


register(
    Rule(
        kind="equality_answers",
        label="Equality monitoring answers",
        action=DELETE,
        due=lambda cutoff: EqualityResponse.objects.filter(answers_of_sources_ended_before(cutoff)),
        counted_from="their campaign, programme, event or intake ended",
        why="All of a source's answers go in the same run; its report then says they are no longer kept"
        " (a source's figures are never shown from part of its answers).",
    )
)

# An enrolment keeps the candidate's account while it is open and, once closed, until it has
# been anonymised.
needed_by("outreach.ProgrammeEnrolment", "candidate", lambda: ~Q(status__in=CLOSED) | _enrolment_holds_personal_data())
