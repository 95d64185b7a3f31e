"""The staff home counts in SQL what the application page decides in Python (protocol 3.3.2
and 3.4.1; JOINING_REQUIREMENTS): each requirement's ``where`` and its ``met`` agree, on
applications that each miss one requirement in a different way, and so "Joining instructions
to send" lists exactly those the team may send them for, and "Agreements awaiting
signature" exactly those whose agreement is not signed by everyone."""

import pytest
from django.utils import timezone

from accounts.queues import queue_named
from placements.enums import ApplicationStatus
from placements.models import WorkExperienceApplication
from placements.services.work_experience import (
    CONFIRM_REQUIREMENTS,
    JOINING_REQUIREMENTS,
    missing_for_joining_instructions,
)
from vetting import subjects
from vetting.enums import CheckStatus, ReferenceStatus
from vetting.models import AgreementStatus, Reference, VettingCheck, WorkPlacementAgreement

from .work_experience_factories import ApplicationFactory, ready_for_joining_instructions

pytestmark = pytest.mark.django_db


def _checks(application):
    return VettingCheck.objects.filter(**subjects.pointer(application))


def _references(application):
    return Reference.objects.filter(**subjects.pointer(application))


def _agreement(application):
    return WorkPlacementAgreement.objects.filter(**subjects.pointer(application))


def _reopen_one_check(application, **changes):
    check = _checks(application).first()
    _checks(application).filter(pk=check.pk).update(decided_at=None, decided_by=None, **changes)


def _another_reference(application, status):
    reference = _references(application).get()
    reference.pk, reference.status, reference.received_at, reference.link_used_at = None, status, None, None
    reference.recommendation = ""
    reference.referee_email = "second.referee@example.org"
    reference.save()


# One way each for every requirement to be met or missed (the name says which).
CASES = {
    "all in": lambda a: None,
    "a check still in progress": lambda a: _reopen_one_check(a, status=CheckStatus.IN_PROGRESS),
    "a check refused": lambda a: _checks(a).filter(pk=_checks(a).first().pk).update(status=CheckStatus.REFUSED),
    "a clearance lapsing before the last day": lambda a: _checks(a).update(expires_on=a.programme.starts_on),
    "no check at all": lambda a: _checks(a).delete(),
    "a check not required still open": lambda a: _reopen_one_check(a, required=False, status=CheckStatus.REQUESTED),
    "no reference": lambda a: _references(a).delete(),
    "a second reference still asked": lambda a: _another_reference(a, ReferenceStatus.REQUESTED),
    "a second reference withdrawn": lambda a: _another_reference(a, ReferenceStatus.WITHDRAWN),
    "the agreement awaiting signatures": lambda a: _agreement(a).update(
        status=AgreementStatus.AWAITING_SIGNATURES, signed_at=None
    ),
    "the agreement no longer needed": lambda a: _agreement(a).update(status=AgreementStatus.VOID, signed_at=None),
    "the agreement signed and ready": lambda a: _agreement(a).update(status=AgreementStatus.READY, pdf="a.pdf"),
    "no agreement": lambda a: _agreement(a).delete(),
}


@pytest.fixture
def applications():
    found = {}
    for case, change in CASES.items():
        application = ready_for_joining_instructions(ApplicationFactory(status=ApplicationStatus.AGREEMENT_PENDING))
        change(application)
        found[case] = application
    # the attendance (CONFIRM_REQUIREMENTS' own line), one way and the other
    confirmed = ready_for_joining_instructions(
        ApplicationFactory(status=ApplicationStatus.AGREEMENT_PENDING, attendance_confirmed_at=timezone.now())
    )
    found["attendance confirmed"] = confirmed
    return found


def test_each_requirement_is_the_same_in_sql_and_in_python(applications):
    every = WorkExperienceApplication.objects.filter(pk__in=[a.pk for a in applications.values()])
    for requirement in CONFIRM_REQUIREMENTS:
        in_python = {case for case, a in applications.items() if requirement.met(a)}
        in_sql = {case for case, a in applications.items() if a in set(every.filter(requirement.where()))}
        assert in_sql == in_python, requirement.name
        assert in_python != set(applications), f"no case misses {requirement.name}"


def test_the_queues_list_what_the_application_page_decides(applications, recruiter):
    today = timezone.localdate()
    to_send = queue_named("joining_instructions_to_send", recruiter).items(recruiter, today)
    awaiting = queue_named("agreements_awaiting_signature", recruiter).items(recruiter, today)
    ready = {case for case, a in applications.items() if not missing_for_joining_instructions(a)}
    assert {case for case, a in applications.items() if a in set(to_send)} == ready
    assert ready == {
        "all in",
        "a check not required still open",
        "a second reference withdrawn",
        "the agreement signed and ready",
        "attendance confirmed",
    }
    assert {case for case, a in applications.items() if a in set(awaiting)} == {
        "the agreement awaiting signatures",
        "the agreement no longer needed",
        "no agreement",
    }
    # the two never count one application twice
    assert not set(to_send) & set(awaiting)
    assert len(JOINING_REQUIREMENTS) == 3  # a new requirement gets its case above
