"""The Positive Action Programme as candidates and the programme staff make it: intakes open
now, applications sent through the service, enrolments with a buddy."""

from datetime import timedelta

import factory
from django.utils import timezone

from accounts.roles import Role
from outreach.programme.enums import ProgrammeStage
from outreach.programme.models import ProgrammeIntake
from outreach.programme.services import apply_to_programme, enrol, log_support_session
from tests.factories import UserFactory

ALL_STAGES = list(ProgrammeStage.values)


class ProgrammeIntakeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProgrammeIntake

    name = factory.Sequence(lambda n: f"#MoreThanTheBadge police constable recruitment, intake {n + 1}")
    description = "Support through the application stage, the National SEARCH assessment and the senior interview."
    opens_on = factory.LazyFunction(lambda: timezone.localdate() - timedelta(days=7))
    closes_on = factory.LazyFunction(lambda: timezone.localdate() + timedelta(days=60))
    stages = factory.LazyFunction(lambda: list(ALL_STAGES))


def answers(**overrides) -> dict:
    return {
        "why": "I have applied before and would like help preparing for the SEARCH assessment.",
        "stages_wanted": [ProgrammeStage.SEARCH],
        "phone": "07911 123456",
        "access_needs": "",
        **overrides,
    }


def applied(intake=None, candidate=None, **overrides):
    """An application to an intake, sent through the service."""
    return apply_to_programme(intake or ProgrammeIntakeFactory(), candidate or UserFactory(), answers(**overrides))


def staff_member(role=Role.RECRUITMENT_TEAM, **kwargs):
    return UserFactory(roles=[role], mfa=True, **kwargs)


def enrolled(enrolment=None, buddy=None, by=None):
    enrolment = enrolment or applied()
    return enrol(enrolment, buddy=buddy or staff_member(), by=by)


def with_session(enrolment, notes="Talked through the SEARCH exercises.", by=None):
    log_support_session(enrolment, by=by or enrolment.buddy, held_on=timezone.localdate(), channel="phone", notes=notes)
    return enrolment
