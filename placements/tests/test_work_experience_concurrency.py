"""Ten recruiters confirming ten applications for a programme with three places at the
same moment: the conditional UPDATE lets three through and refuses seven; and a double
click on "Send application" makes one application. PostgreSQL only."""

import pytest

from kentplacements.workflow import DomainError
from placements.enums import ApplicationStatus
from placements.models import WorkExperienceApplication
from placements.services.work_experience import confirm_application, submit_application
from tests.concurrency import at_once, needs_postgresql
from tests.factories import UserFactory

from .work_experience_factories import ApplicationFactory, ProgrammeFactory, ready_to_confirm

pytestmark = [pytest.mark.django_db(transaction=True), needs_postgresql]


def test_confirming_at_once_never_exceeds_the_places():
    programme = ProgrammeFactory(capacity=3)
    recruiter = UserFactory()
    applications = ApplicationFactory.create_batch(10, programme=programme, status=ApplicationStatus.AGREEMENT_PENDING)
    for application in applications:
        ready_to_confirm(application)

    outcomes = at_once(lambda a: confirm_application(a, by=recruiter).status, applications, refusal=DomainError)

    assert outcomes.count(ApplicationStatus.CONFIRMED) == 3
    programme.refresh_from_db()
    assert programme.places_confirmed == 3
    assert WorkExperienceApplication.objects.filter(status=ApplicationStatus.CONFIRMED).count() == 3


def test_a_double_click_sends_one_application():
    draft = ApplicationFactory(status=ApplicationStatus.DRAFT, submitted_at=None)
    outcomes = at_once(lambda _: submit_application(draft, by=draft.applicant).pk, [1, 2])
    assert outcomes == [draft.pk, draft.pk]
    draft.refresh_from_db()
    assert draft.status == ApplicationStatus.APPLIED
