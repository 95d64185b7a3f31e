"""Outreach's demo data (seed 004): the Diversity Placements Officer's positive-action
events. A workshop with places, a SEARCH workshop that is full with a waiting list, an
engagement day that has started with its register to take, and a draft not yet published.
Registrations to coming events go through the public form's service (each person is
emailed); the engagement day's happened before the demo begins, so its rows are written
as they stand."""

from datetime import datetime, time, timedelta

from django.utils import timezone

from .enums import EventKind, EventStatus, RegistrationStatus, RoleConsidered
from .models import EventRegistration, OutreachEvent
from .services.events import publish_event
from .services.registrations import register

COLLEGE = ("Kent Police College", "Sutton Road\nMaidstone\nME15 9BZ")
COLLEGE_ACCESS = (
    "Step-free access throughout, with lifts to every floor. Free parking on site; Maidstone East station is "
    "a 25-minute walk or a short bus ride. A quiet room and a prayer room are available."
)
AUDIENCE = "Anyone from a group under-represented in Kent Police who is thinking of becoming a police officer."
EVENTS = [
    {
        "title": "Pre-application workshop, Maidstone",
        "kind": EventKind.PRE_APPLICATION,
        "description": "An evening with serving officers and the recruitment team: what the role of a police "
        "officer involves, the ways in, and how to prepare a strong application for #MoreThanTheBadge.",
        "days": 21,
        "hours": (18, 20),
        "place": COLLEGE,
        "access": COLLEGE_ACCESS,
        "capacity": 15,
        "people": ("Amara Okafor", "Daniel Nowak", "Priya Shah"),
    },
    {
        "title": "SEARCH assessment workshop, Canterbury",
        "kind": EventKind.SEARCH_ASSESSMENT,
        "description": "Practise the exercises of SEARCH, the police national assessment process, with "
        "assessors who run it, and get feedback on how you did.",
        "days": 10,
        "hours": (10, 15),
        "place": ("Canterbury Police Station", "Old Dover Road\nCanterbury\nCT1 3JQ"),
        "access": "Step-free entrance from the car park; accessible toilets on the ground floor.",
        "capacity": 2,
        "people": ("Tomasz Lewandowski", "Grace Mensah", "Yusuf Ahmed", "Leah Cohen"),
    },
]
ENGAGEMENT_DAY = {
    "title": "#MoreThanTheBadge engagement day, Gravesend",
    "kind": EventKind.ENGAGEMENT_DAY,
    "description": "Meet officers from across Kent, find out about the role of a police officer and the support "
    "positive action offers, and try some of the fitness test.",
    "venue": "Gravesend Community Centre",
    "address": "Ordnance Road\nGravesend\nDA12 2RL",
    "access_information": "Step-free access; a hearing loop in the main hall.",
    "audience": AUDIENCE,
    "capacity": 40,
}
ENGAGEMENT_DAY_PEOPLE = ("Kwame Boateng", "Sofia Rossi", "Hannah Kaur")
DRAFT = {
    "title": "Interview workshop, Medway",
    "kind": EventKind.INTERVIEW,
    "description": "How the senior interview works, with practice questions and feedback.",
    "venue": "Medway Police Station",
    "address": "Purser Way\nGillingham\nME7 1NE",
    "audience": AUDIENCE,
    "capacity": 12,
}


def _email(name, domain):
    return f"{name.split()[0].lower()}.{name.split()[-1].lower()}@{domain}"


def _at(days, hour):
    day = timezone.localdate() + timedelta(days=days)
    return timezone.make_aware(datetime.combine(day, time(hour)))


def seed_outreach_demo(*, officer, domain) -> None:
    """``officer``: the Diversity Placements Officer, who publishes the events."""
    for spec in EVENTS:
        venue, address = spec["place"]
        start, end = spec["hours"]
        event, created = OutreachEvent.objects.get_or_create(
            title=spec["title"],
            defaults={
                "kind": spec["kind"],
                "description": spec["description"],
                "starts_at": _at(spec["days"], start),
                "ends_at": _at(spec["days"], end),
                "venue": venue,
                "address": address,
                "access_information": spec["access"],
                "audience": AUDIENCE,
                "capacity": spec["capacity"],
            },
        )
        if not created:
            continue
        publish_event(event, by=officer)
        for n, name in enumerate(spec["people"]):
            register(
                event,
                full_name=name,
                email=_email(name, domain),
                phone="07700 900" + f"{n + 100:03d}",
                role_considered=RoleConsidered.POLICE_OFFICER if n % 2 == 0 else RoleConsidered.NOT_SURE,
                access_needs="I use a wheelchair." if n == 1 else "",
            )
    _seed_engagement_day(domain)
    OutreachEvent.objects.get_or_create(
        title=DRAFT["title"], defaults={**DRAFT, "starts_at": _at(35, 18), "ends_at": _at(35, 20)}
    )


def _seed_engagement_day(domain) -> None:
    """Started an hour ago: its three registrations wait on the register (the officer's queue)."""
    now = timezone.now()
    people = ENGAGEMENT_DAY_PEOPLE
    event, created = OutreachEvent.objects.get_or_create(
        title=ENGAGEMENT_DAY["title"],
        defaults={
            **ENGAGEMENT_DAY,
            "starts_at": now - timedelta(hours=1),
            "ends_at": now + timedelta(hours=5),
            "status": EventStatus.PUBLISHED,
            "places_taken": len(people),
        },
    )
    if created:
        EventRegistration.objects.bulk_create(
            EventRegistration(
                event=event,
                full_name=name,
                email=_email(name, domain),
                phone="07700 900200",
                role_considered=RoleConsidered.POLICE_OFFICER,
                status=RegistrationStatus.REGISTERED,
                registered_at=now - timedelta(days=12),
                reminded_at=now - timedelta(days=2),
            )
            for name in people
        )
