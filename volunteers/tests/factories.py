from datetime import date, datetime, time, timedelta
from decimal import Decimal

import factory
from django.utils import timezone

from accounts.audit import action_entry
from tests.factories import UserFactory
from volunteers.enums import CampaignStatus, VolunteerApplicationStatus
from volunteers.models import DutyLog, InterviewSlot, RecruitmentCampaign, VolunteerApplication, VolunteerRole
from volunteers.months import starts_at


class VolunteerRoleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = VolunteerRole

    name = factory.Sequence(lambda n: f"Community Policing Volunteer {n}")
    monthly_hours = 16


class CampaignFactory(factory.django.DjangoModelFactory):
    """Seed 002: the pilot recruits Community Policing Volunteers in West Division."""

    class Meta:
        model = RecruitmentCampaign

    role = factory.SubFactory(VolunteerRoleFactory)
    area = "West Division: Maidstone, Sevenoaks, Tonbridge, Tunbridge Wells"
    opens_at = factory.LazyFunction(timezone.now)
    closes_at = factory.LazyAttribute(lambda o: o.opens_at + timedelta(days=30))


class OpenCampaignFactory(CampaignFactory):
    status = CampaignStatus.OPEN


class VolunteerApplicationFactory(factory.django.DjangoModelFactory):
    """An application as submit_application makes it: an adult in the area who can give the hours."""

    class Meta:
        model = VolunteerApplication

    campaign = factory.SubFactory(OpenCampaignFactory)
    applicant = factory.SubFactory(UserFactory)
    date_of_birth = date(1990, 3, 27)
    lives_or_works_in_area = True
    can_give_hours = True
    right_to_volunteer = True
    motivation = "I want to help make Tonbridge safer."
    availability = "Weekday evenings and Saturdays."


def born_years_ago(years, *, days=0):
    """The date of birth of someone ``years`` old today (28 February for a 29 February),
    ``days`` later: 18 today, or 18 tomorrow with days=1."""
    today = timezone.localdate()
    day = 28 if (today.month, today.day) == (2, 29) else today.day
    return today.replace(year=today.year - years, day=day) + timedelta(days=days)


class InterviewingCampaignFactory(OpenCampaignFactory):
    """Seed 002: interviews "during February", after applications close; here 40 to 60 days on."""

    interviews_start_on = factory.LazyFunction(lambda: timezone.localdate() + timedelta(days=40))
    interviews_end_on = factory.LazyAttribute(lambda o: o.interviews_start_on + timedelta(days=20))


class ShortlistedApplicationFactory(VolunteerApplicationFactory):
    campaign = factory.SubFactory(InterviewingCampaignFactory)
    status = VolunteerApplicationStatus.SHORTLISTED


class InterviewSlotFactory(factory.django.DjangoModelFactory):
    """A free 45-minute slot at 10:00 on the interview period's first day, a day later for each."""

    class Meta:
        model = InterviewSlot

    campaign = factory.SubFactory(InterviewingCampaignFactory)
    starts_at = factory.LazyAttributeSequence(
        lambda o, n: timezone.make_aware(
            datetime.combine(o.campaign.interviews_start_on + timedelta(days=n % 20), time(10, 0))
        )
    )
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + timedelta(minutes=45))
    location = "Maidstone Police Station, Palace Avenue"


def interview_to_record() -> VolunteerApplication:
    """A candidate whose booked interview began two hours ago: the team records the outcome."""
    application = VolunteerApplicationFactory(status=VolunteerApplicationStatus.INTERVIEW_BOOKED)
    starts_at = timezone.now() - timedelta(hours=2)
    InterviewSlotFactory(
        campaign=application.campaign,
        application=application,
        starts_at=starts_at,
        ends_at=starts_at + timedelta(minutes=45),
    )
    return application


# A small real PDF, and a Windows program (its "MZ" header) renamed to look like one.
MEDICAL_PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
PROGRAM_BYTES = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 48 + b"PE\x00\x00"


def interviewed_application(*, fitness=True, medical=True, **kwargs):
    """An application at interviewed, for a role needing the fitness test and/or the
    medical certificate: where the fitness and medical steps start."""
    role = VolunteerRoleFactory(needs_fitness_test=fitness, needs_medical_certificate=medical)
    return VolunteerApplicationFactory(campaign__role=role, **{"status": "interviewed", **kwargs})


def certificate_to_check() -> VolunteerApplication:
    """An interviewed candidate (a role without a fitness test) whose medical certificate
    waits for the team (the upload is the candidate's own service)."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from volunteers.services.medical import upload_medical_certificate

    application = interviewed_application(fitness=False)
    upload = SimpleUploadedFile("certificate.pdf", MEDICAL_PDF)
    upload_medical_certificate(application, by=application.applicant, upload=upload)
    return application


class TrainingCampaignFactory(InterviewingCampaignFactory):
    """Seed 002: "training will start at the end of April", after the interviews."""

    training_starts_on = factory.LazyAttribute(lambda o: o.interviews_end_on + timedelta(days=30))


class OfferedApplicationFactory(VolunteerApplicationFactory):
    """Offered a place, the candidate's answer awaited (issue 11), as a row: its vetting
    checks are not made (``offered_application`` makes them, through the services)."""

    campaign = factory.SubFactory(TrainingCampaignFactory)
    status = VolunteerApplicationStatus.OFFERED
    offered_at = factory.LazyFunction(timezone.now)


def in_vetting(*, by=None, **kwargs) -> VolunteerApplication:
    """An interviewed application for a role with neither fitness test nor medical certificate,
    vetting started by the recruitment team: its VOLUNTEER_CHECKS requested."""
    from accounts.roles import Role
    from volunteers.services.vetting import start_vetting

    training = timezone.localdate() + timedelta(days=60)
    application = interviewed_application(fitness=False, medical=False, campaign__training_starts_on=training, **kwargs)
    return start_vetting(application, by=by or UserFactory(roles=[Role.RECRUITMENT_TEAM]))


def clear_every_check(application, officer):
    """The vetting officer starts and clears each open check, as their page does."""
    from vetting.enums import OPEN_CHECKS
    from vetting.services.checks import checks_of, clear_check, start_check

    for check in checks_of(application).filter(status__in=OPEN_CHECKS):
        clear_check(start_check(check, by=officer), by=officer)


def offered_application(**kwargs) -> VolunteerApplication:
    """In vetting, then every check cleared by a vetting officer: the offer is made."""
    from accounts.roles import Role

    application = in_vetting(**kwargs)
    clear_every_check(application, UserFactory(roles=[Role.VETTING_OFFICER]))
    application.refresh_from_db()
    return application


def fitness_test_to_record(booked_by=None):
    """An interviewed applicant (a role needing the test and the certificate) whose fitness
    test is booked for next week: the team records its result."""
    from accounts.roles import Role
    from volunteers.services.fitness import book_fitness_test

    application = interviewed_application()
    booked_by = booked_by or UserFactory(roles=[Role.RECRUITMENT_TEAM])
    when = timezone.now() + timedelta(days=7)
    return book_fitness_test(application, by=booked_by, booked_for=when, place="Maidstone Police Station gym")


# --- training and designated powers (issue 11) ----------------------------------------------


def designated_powers():
    """Seed 002's four powers. Migration 0003 makes them; a test that empties the tables
    (transaction=True: browser and admin-action tests) needs them back."""
    from volunteers.enums import Power
    from volunteers.models import DesignatedPower

    return [DesignatedPower.objects.get_or_create(power=power)[0] for power in Power.values]


class PoweredRoleFactory(VolunteerRoleFactory):
    """A role that may be granted every designated power, as the demo's CPV role."""

    class Meta:
        skip_postgeneration_save = True

    @factory.post_generation
    def powers(role, create, extracted, **kwargs):
        if create:
            role.powers.set(extracted if extracted is not None else designated_powers())


class TraineeFactory(VolunteerApplicationFactory):
    """An applicant who accepted the offer of a place (the offer is its own branch's work:
    the status is set here directly)."""

    campaign = factory.SubFactory(OpenCampaignFactory, role=factory.SubFactory(PoweredRoleFactory))
    status = VolunteerApplicationStatus.IN_TRAINING


def training_course(campaign, *, starts_on=None, location="Kent Police College, Maidstone"):
    """The campaign's five weekends as set_up_training makes them; by default all past (the
    first eleven weeks ago), so every register is open."""
    from volunteers.models import TrainingCourse, TrainingSession
    from volunteers.services.training import weekend_times

    course = TrainingCourse.objects.create(campaign=campaign, set_up_by=UserFactory(), set_up_at=timezone.now())
    for begins, ends in weekend_times(starts_on or timezone.localdate() - timedelta(weeks=11)):
        TrainingSession.objects.create(course=course, starts_at=begins, ends_at=ends, location=location)
    return course


def attendance(course, application, *marks, by=None):
    """The trainee's register, weekend by weekend: ``marks`` True (attended) or False; all
    attended when none are given. Written directly, as record_attendance would."""
    from volunteers.models import TrainingAttendance

    sessions = list(course.sessions.all())
    by = by or UserFactory()
    for session, attended in zip(sessions, marks or [True] * len(sessions), strict=False):
        TrainingAttendance.objects.create(
            session=session, application=application, attended=attended, recorded_by=by, recorded_at=timezone.now()
        )


def trainee_due_to_complete(**kwargs):
    """A trainee who attended every weekend of their campaign's course."""
    trainee = TraineeFactory(**kwargs)
    attendance(training_course(trainee.campaign), trainee)
    return trainee


def volunteer_with_a_power(by=None):
    """An active volunteer who completed their course and was granted a power (a row of
    each training and power model, for the back-office tests)."""
    from volunteers.services.powers import grant_power

    volunteer = trainee_due_to_complete(status=VolunteerApplicationStatus.ACTIVE)
    by = by or UserFactory()
    grant_power(volunteer, volunteer.campaign.role.powers.first(), by=by, granted_on=timezone.localdate())
    return volunteer


class ActiveVolunteerFactory(TraineeFactory):
    """An active volunteer (issue 11), made so by setting the status. ``active_since=<date>``
    also logs the move to active on that day, as complete_training logs it."""

    status = VolunteerApplicationStatus.ACTIVE

    class Meta:
        skip_postgeneration_save = True  # the hook writes the log entry, not the application

    @factory.post_generation
    def active_since(application, create, day, **kwargs):
        if create and day:
            entry = action_entry(
                application,
                action="complete_training",
                from_state=VolunteerApplicationStatus.IN_TRAINING,
                to_state=VolunteerApplicationStatus.ACTIVE,
            )
            entry.created_at = starts_at(day) + timedelta(hours=9)
            entry.save(force_insert=True)


class DutyLogFactory(factory.django.DjangoModelFactory):
    """A duty logged today (written directly: log_duty is the volunteer's service)."""

    class Meta:
        model = DutyLog

    application = factory.SubFactory(ActiveVolunteerFactory)
    date = factory.LazyFunction(timezone.localdate)
    hours = Decimal("3")
    activity = "Foot patrol of Tonbridge High Street"
    logged_at = factory.LazyFunction(timezone.now)
