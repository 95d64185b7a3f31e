"""The programme's demo data (seed 004; issue 12): an open #MoreThanTheBadge intake run by
the Diversity Placements Officer, with a candidate who logs in (candidate@<demo domain>)
enrolled with the demo escorting officer as buddy, two support sessions, a familiarisation
visit booked and a workshop attended; other candidates applied (the officer's queue),
declined and completed. Everything moves through the services, so each email is queued."""

from datetime import datetime, time, timedelta

from django.contrib.auth import get_user_model
from django.utils import timezone

from ..enums import EventKind, EventStatus, RegistrationStatus, RoleConsidered
from ..models import EventRegistration, OutreachEvent
from ..services.events import publish_event
from .enums import ProgrammeStage
from .models import ProgrammeIntake
from .services import (
    apply_to_programme,
    book_familiarisation,
    complete_enrolment,
    decline_enrolment,
    enrol,
    log_support_session,
)

INTAKE = "#MoreThanTheBadge — police constable recruitment 2027"
CANDIDATE_LOGIN = "candidate"
CANDIDATE_NAME = "Ayesha Rahman"
OTHERS = (("Marcus Campbell", "applied"), ("Lena Kowalski", "declined"), ("Daniel Osei", "completed"))
WHY = "I have wanted to join Kent Police for years; I would like help with the SEARCH assessment and the interview."


def _person(name, email, password=None):
    user, created = get_user_model().objects.get_or_create(email=email, defaults={"full_name": name})
    if created:
        if password:
            user.set_password(password)
        else:
            user.set_unusable_password()
        user.save()
    return user


def _answers(**extra):
    return {
        "why": WHY,
        "stages_wanted": [ProgrammeStage.SEARCH, ProgrammeStage.INTERVIEW],
        "phone": "07700 900310",
        "access_needs": "",
        **extra,
    }


def _visit(officer, today):
    start = timezone.make_aware(datetime.combine(today + timedelta(days=18), time(10)))
    event, created = OutreachEvent.objects.get_or_create(
        title="Familiarisation visit, Maidstone Police Station",
        defaults={
            "kind": EventKind.FAMILIARISATION,
            "description": "A morning with a response team: the station, the cars, the control room and a briefing.",
            "starts_at": start,
            "ends_at": start + timedelta(hours=3),
            "venue": "Maidstone Police Station",
            "address": "Palace Avenue\nMaidstone\nME15 6NF",
            "access_information": "Step-free access from Palace Avenue; accessible toilets on the ground floor.",
            "audience": "Candidates on the Positive Action Programme.",
            "capacity": 8,
        },
    )
    if created:
        publish_event(event, by=officer)
    return event


def _attended_workshop(candidate):
    """A pre-application workshop three weeks ago, the candidate on its register as attending."""
    now = timezone.now()
    event, created = OutreachEvent.objects.get_or_create(
        title="Pre-application workshop, Ashford",
        defaults={
            "kind": EventKind.PRE_APPLICATION,
            "description": "What the role of a police officer involves, and how to prepare a strong application.",
            "starts_at": now - timedelta(days=21),
            "ends_at": now - timedelta(days=21) + timedelta(hours=2),
            "venue": "Ashford Police Station",
            "address": "Tufton Street\nAshford\nTN23 1BT",
            "audience": "Anyone from a group under-represented in Kent Police.",
            "capacity": 20,
            "status": EventStatus.PUBLISHED,
            "places_taken": 1,
        },
    )
    if created:
        EventRegistration.objects.create(
            event=event,
            full_name=candidate.full_name,
            email=candidate.email,
            phone="07700 900310",
            role_considered=RoleConsidered.POLICE_OFFICER,
            status=RegistrationStatus.ATTENDED,
            registered_at=now - timedelta(days=30),
            reminded_at=now - timedelta(days=23),
            attendance_recorded_at=now - timedelta(days=21),
        )


def seed_programme_demo(*, officer, buddy, domain, password) -> None:
    """``officer``: the Diversity Placements Officer; ``buddy``: the staff member who buddies
    the candidate who logs in."""
    today = timezone.localdate()
    intake, created = ProgrammeIntake.objects.get_or_create(
        name=INTAKE,
        defaults={
            "description": "Support from a buddy through the application stage, the National SEARCH assessment and "
            "the senior interview of the 2027 police constable recruitment, with familiarisation visits.",
            "opens_on": today - timedelta(days=30),
            "closes_on": today + timedelta(days=90),
            "stages": list(ProgrammeStage.values),
        },
    )
    if not created:
        return
    candidate = _person(CANDIDATE_NAME, f"{CANDIDATE_LOGIN}@{domain}", password)
    enrolment = enrol(apply_to_programme(intake, candidate, _answers()), buddy=buddy, by=officer)
    for days, channel in ((12, "video"), (3, "phone")):
        log_support_session(
            enrolment,
            by=buddy,
            held_on=today - timedelta(days=days),
            channel=channel,
            notes="Went through the SEARCH role-play exercises; next time, practice interview questions.",
        )
    book_familiarisation(enrolment, _visit(officer, today), by=officer)
    _attended_workshop(candidate)
    for name, outcome in OTHERS:
        login = name.lower().replace(" ", ".")
        other = apply_to_programme(intake, _person(name, f"{login}@{domain}"), _answers())
        if outcome == "declined":
            decline_enrolment(other, reason="Already past the senior interview stage.", by=officer)
        elif outcome == "completed":
            complete_enrolment(enrol(other, buddy=officer, by=officer), by=officer)
