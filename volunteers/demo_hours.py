"""Demo data for volunteers' hours (issue 11): the West Division pilot's first intake, closed
months ago, whose three Community Policing Volunteers are active and log their hours. Casey
Volunteer has a login (accounts.demo's password) to try "Your hours": months logged, one of
them short, and this month short of the 16 hours (seed 002). The recruiter reads all three on
"Volunteer hours". Safe to run again: it changes nothing twice."""

from datetime import date, timedelta
from decimal import Decimal

from allauth.account.models import EmailAddress
from django.utils import timezone

from accounts.audit import action_entry
from accounts.demo import DEMO_PASSWORD, demo_email
from accounts.models import User
from accounts.roles import Role
from accounts.services import assign_role

from .enums import CampaignStatus, VolunteerApplicationStatus
from .models import DutyLog, RecruitmentCampaign, VolunteerApplication
from .months import month_of, months_after, starts_at
from .services.hours import first_open_month, log_duty

S = VolunteerApplicationStatus
FIRST_INTAKE = "Community Policing Volunteers: West Division, first intake"
ACTIVE_LOGIN = "cpv"  # Casey Volunteer, who signs in with the demo password
# (name, login, months ago they became active, the hours of each duty in each month from then
# to this one). Casey: the first month a part one, three months ago short (12), this month
# short so far; Robin: every month met; Jo: active two months, this month short so far.
ACTIVE_VOLUNTEERS = (
    ("Casey Volunteer", ACTIVE_LOGIN, 5, ((6, 4), (4, 4, 4, 4.5), (3, 4, 5), (4, 4, 4, 4), (4, 4, 4, 4.5), (3, 2.5))),
    ("Robin Volunteer", "volunteer.robin", 5, ((5,), (4, 4, 4, 4), (6, 6, 5), (4, 4, 4, 4), (8, 8), (6, 6, 5))),
    ("Jude Volunteer", "volunteer.jude", 2, ((3,), (4, 4, 4, 4), (2, 3))),
)
ACTIVITIES = (
    "Foot patrol of Tonbridge High Street with PCSO Khan",
    "Speed watch on the A26 in Tunbridge Wells",
    "Community safety stall at Maidstone market",
    "Shop watch visits in Sevenoaks town centre",
    "Neighbourhood Watch meeting in Tonbridge",
)


def _volunteer_user(name, login):
    """Casey logs in as every demo person does (verified address, the demo password); the
    others have no password."""
    user, created = User.objects.get_or_create(email=demo_email(login), defaults={"full_name": name})
    if created:
        if login == ACTIVE_LOGIN:
            user.set_password(DEMO_PASSWORD)
        else:
            user.set_unusable_password()
        user.save()
        assign_role(user, Role.VOLUNTEER, reason="demo data")
        EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    return user


def _active(campaign, user, became_active_on, recruiter):
    """An application of the first intake, active since ``became_active_on``. Its interviews,
    tests, vetting and training happened before the demo begins: the application is written
    active, and its move to active logged on that day, as the service that makes a volunteer
    active logs it (the hours services read the day from the log)."""
    application = VolunteerApplication.objects.create(
        campaign=campaign,
        applicant=user,
        date_of_birth=date(1985, 6, 14),
        lives_or_works_in_area=True,
        can_give_hours=True,
        right_to_volunteer=True,
        motivation="I want to help keep my town safe.",
        availability="Evenings and weekends.",
        status=S.ACTIVE,
    )
    VolunteerApplication.objects.filter(pk=application.pk).update(submitted_at=campaign.opens_at + timedelta(days=2))
    entry = action_entry(application, action="activate", by=recruiter, from_state=S.IN_TRAINING, to_state=S.ACTIVE)
    entry.created_at = starts_at(became_active_on) + timedelta(hours=18)
    entry.save(force_insert=True)
    return application


def _duties(application, user, first_month, months, today):
    """A duty a week in each month. The months still open are logged through the service, as
    the volunteer would; the closed ones, which the service no longer takes, are history."""
    open_from = first_open_month(today)
    history = []
    for offset, hours_of_month in enumerate(months):
        month = months_after(first_month, offset)
        for number, hours in enumerate(hours_of_month):
            day = month.replace(day=3 + 7 * number)
            day, hours = min(day, today), Decimal(str(hours))
            activity = ACTIVITIES[(offset + number) % len(ACTIVITIES)]
            if month >= open_from:
                log_duty(application, by=user, date=day, hours=hours, activity=activity)
            else:
                logged_at = starts_at(day) + timedelta(hours=21)
                history.append(
                    DutyLog(application=application, date=day, hours=hours, activity=activity, logged_at=logged_at)
                )
    DutyLog.objects.bulk_create(history)


def seed_hours_demo(role, *, area, recruiter) -> RecruitmentCampaign:
    today = timezone.localdate()
    opens_at = starts_at(months_after(month_of(today), -8))
    campaign, created = RecruitmentCampaign.objects.get_or_create(
        title=FIRST_INTAKE,
        defaults={
            "role": role,
            "area": area,
            "description": "The pilot's first Community Policing Volunteers, now on duty in the West Division.",
            "opens_at": opens_at,
            "closes_at": opens_at + timedelta(days=25),
            "status": CampaignStatus.CLOSED,
        },
    )
    if created:
        for name, login, months_ago, months in ACTIVE_VOLUNTEERS:
            user = _volunteer_user(name, login)
            first_month = months_after(month_of(today), -months_ago)
            application = _active(campaign, user, first_month.replace(day=2), recruiter)
            _duties(application, user, first_month, months, today)
    return campaign
