"""Factories for work experience (seed 001), shared by every work-experience test."""

from datetime import date, datetime, time, timedelta

import factory
from django.utils import timezone

from accounts.roles import Role
from placements.enums import ActivityKind, ApplicationStatus, ProgrammeStatus
from placements.models import (
    Activity,
    AttendanceRecord,
    DynamicRiskAssessment,
    EligibilityQuestion,
    RiskAssessment,
    RiskAttachment,
    SecurityBriefing,
    WorkExperienceApplication,
    WorkExperienceProgramme,
)
from placements.models.work_experience import RISK_FRAMEWORK_CHECKS
from tests.factories import UserFactory


def _aware(day, hour=9):
    return timezone.make_aware(datetime.combine(day, time(hour)))


class ProgrammeFactory(factory.django.DjangoModelFactory):
    """An open programme in July 2027, applications open until the end of May."""

    class Meta:
        model = WorkExperienceProgramme

    title = factory.Sequence(lambda n: f"Summer work experience {n}")
    starts_on = date(2027, 7, 19)
    ends_on = date(2027, 7, 23)
    capacity = 20
    applications_open_at = factory.LazyFunction(lambda: timezone.now() - timedelta(days=1))
    applications_close_at = factory.LazyFunction(lambda: _aware(date(2027, 5, 31), 17))
    status = ProgrammeStatus.OPEN
    eligibility_criteria = "You live or study in Kent and are 16 or over on the first day."
    arrival_time = time(8, 45)
    what_to_bring = "Photo ID and a packed lunch."
    dress_code = "Smart clothes and comfortable shoes."
    contact_details = "Corporate Recruitment Team, 01622 690690"


class EligibilityQuestionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = EligibilityQuestion

    programme = factory.SubFactory(ProgrammeFactory)
    text = "Do you live or study in Kent?"
    eligible_answer = True
    explanation = "This programme is for people who live or study in Kent."


class ApplicationFactory(factory.django.DjangoModelFactory):
    """A submitted application from a 17-year-old (so guardian consent is needed)."""

    class Meta:
        model = WorkExperienceApplication

    programme = factory.SubFactory(ProgrammeFactory)
    applicant = factory.SubFactory(UserFactory, roles=[Role.APPLICANT])
    status = ApplicationStatus.APPLIED
    date_of_birth = date(2010, 3, 1)
    school = "Maidstone Grammar School"
    statement = "I would like to understand how the police work with the community."
    emergency_contact_name = "Pat Parent"
    emergency_contact_phone = "07700 900123"
    guardian_name = "Pat Parent"
    guardian_email = "pat.parent@example.org"
    guardian_phone = "07700 900123"
    submitted_at = factory.LazyFunction(timezone.now)


def ready_for_activities(application, officer, kinds=ActivityKind.values):
    """The start of the placement done (tests only): the security briefing (protocol
    3.4.1) and the Student Placement Risk Assessment (3.5.4) covering ``kinds`` (every
    activity area unless told), written directly."""
    day = application.programme.starts_on
    SecurityBriefing.objects.create(application=application, given_by="PS Dana Lane", given_on=day, recorded_by=officer)
    assessment = RiskAssessment.objects.create(
        application=application, owner=officer, assessed_on=day, review_due=day, summary="Stays on site."
    )
    checks = dict.fromkeys(RISK_FRAMEWORK_CHECKS, True)
    RiskAttachment.objects.bulk_create(
        RiskAttachment(assessment=assessment, kind=kind, findings="Escorted.", recorded_by=officer, **checks)
        for kind in kinds
    )
    return assessment


def record_placement_day(application, officer):
    """One of each placement-day record for ``application``, written directly (tests only)."""
    day = application.programme.starts_on
    Activity.objects.create(
        application=application, date=day, kind=ActivityKind.COLLEGE_SESSION, escorting_officer=officer
    )
    RiskAssessment.objects.create(
        application=application, owner=officer, assessed_on=day, review_due=day, summary="Stays on site."
    )
    DynamicRiskAssessment.objects.create(
        application=application,
        recorded_by=officer,
        occurred_at=_aware(day, 11),
        event="Fire alarm",
        hazards="Crowded stairs",
        controls="Waited with the escorting officer",
    )
    AttendanceRecord.objects.create(application=application, date=day, present=True, recorded_by=officer)


def ready_for_joining_instructions(application):
    """What sending the joining instructions waits for (protocol 3.3.2 and 3.4.1;
    JOINING_REQUIREMENTS), in place for ``application``: its required vetting checks cleared
    until after the programme, one reference received, and its Work Placement Agreement
    signed by everyone. Written directly (tests only): the vetting, reference and agreement
    tests drive the services that make these rows."""
    from vetting import subjects
    from vetting.demo import write_completed_vetting
    from vetting.models import AgreementStatus, WorkPlacementAgreement
    from vetting.services.agreements import ensure_current_version

    now = timezone.now()
    write_completed_vetting(application, officer=UserFactory(roles=[Role.VETTING_OFFICER]), at=now)
    WorkPlacementAgreement.objects.create(
        **subjects.pointer(application),
        version=ensure_current_version(),
        participant=application.applicant,
        status=AgreementStatus.SIGNED,
        signed_at=now,
    )
    return application


def ready_to_confirm(application):
    """What confirming a place waits for (protocol 3.3.2; CONFIRM_REQUIREMENTS), in place for
    ``application``: the joining instructions' requirements, the instructions sent and the
    applicant's confirmation that they will attend."""
    ready_for_joining_instructions(application)
    now = timezone.now()
    WorkExperienceApplication.objects.filter(pk=application.pk).update(
        joining_instructions_sent_at=now, attendance_confirmed_at=now
    )
    application.joining_instructions_sent_at = application.attendance_confirmed_at = now
    return application
