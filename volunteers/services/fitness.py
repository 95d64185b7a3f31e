"""The fitness test (seed 002: CPV "Applicants will need to successfully pass a fitness
test"): the recruitment team books it for an interviewed applicant whose role needs one,
then records the result and the assessor. A pass moves the application to fitness_passed;
a fail ends it, with the reason, as any rejection does."""

from django.db import transaction
from django.utils import timezone

from accounts.audit import record_action
from kentplacements.workflow import DomainError

from ..enums import FitnessResult, VolunteerApplicationStatus, next_stage
from ..models import FitnessTest
from .applications import email_applicant, locked_application, move_application, reject_application

S = VolunteerApplicationStatus


def fitness_test_due(application) -> bool:
    return next_stage(application) == S.FITNESS_PASSED


def _recorded_test(application):
    test = FitnessTest.objects.filter(application=application).first()
    if test and test.result:
        raise DomainError("The fitness test's result is already recorded.")
    return test


@transaction.atomic
def book_fitness_test(application, *, by, booked_for, place: str) -> FitnessTest:
    """Book (or move) the test; the applicant is emailed the date, time and place."""
    application = locked_application(application)
    if not fitness_test_due(application):
        raise DomainError("This application is not waiting for a fitness test.")
    place = place.strip()
    if not place:
        raise DomainError("Say where the fitness test takes place.")
    if booked_for <= timezone.now():
        raise DomainError("Book the fitness test for a time in the future.")
    test = _recorded_test(application) or FitnessTest(application=application)
    test.booked_for, test.place, test.booked_by = booked_for, place, by
    test.save()
    record_action(application, action="book_fitness_test", by=by)
    when = timezone.localtime(booked_for)
    email_applicant(
        application, "fitness_booked", when=f"{when:%-H:%M on %A %-d %B %Y}", place=place, key_suffix=f"-{when:%s}"
    )
    return test


@transaction.atomic
def record_fitness_result(application, *, by, passed: bool, assessor: str, reason: str = "") -> FitnessTest:
    """A pass moves the application to fitness_passed (next_stage then says whether a
    medical certificate follows); a fail rejects it with ``reason``, which the applicant reads."""
    application = locked_application(application)
    test = _recorded_test(application)
    if test is None or not fitness_test_due(application):
        raise DomainError("Book the fitness test before recording its result.")
    assessor = assessor.strip()
    if not assessor:
        raise DomainError("Give the assessor's name.")
    if not passed and not reason.strip():
        raise DomainError("Give the reason the applicant did not pass, for their email.")
    test.result = FitnessResult.PASSED if passed else FitnessResult.FAILED
    test.assessor, test.recorded_by, test.recorded_at = assessor, by, timezone.now()
    test.save()
    if passed:
        application = move_application(application, S.FITNESS_PASSED, by=by, action="fitness_passed")
        email_applicant(application, "fitness_passed", medical_next=next_stage(application) == S.MEDICAL_RECEIVED)
    else:
        reject_application(application, by=by, reason=reason)
    return test
