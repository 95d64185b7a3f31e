"""vetting.subjects: vetting knows a work-experience application through the protocol the
placements app registers, and moves it on through the hooks (DOMAIN.md §2)."""

import pytest

from accounts.roles import Role
from placements.enums import ApplicationStatus
from placements.tests.work_experience_factories import ApplicationFactory
from tests.factories import UserFactory
from vetting import subjects

pytestmark = pytest.mark.django_db


def test_an_application_describes_its_applicant_programme_and_guardian():
    application = ApplicationFactory(applicant__full_name="Alex Applicant")
    subject = subjects.describe(application)
    assert subject.person_name == "Alex Applicant"
    assert subject.email == application.applicant.email
    assert subject.title == f"Work experience: {application.programme.title}"
    assert (subject.starts_on, subject.ends_on) == (application.programme.starts_on, application.programme.ends_on)
    # 17 on the first day (the factory's applicant): the guardian consents (protocol 3.5.3)
    assert (subject.guardian_name, subject.guardian_email) == ("Pat Parent", "pat.parent@example.org")


def test_no_guardian_is_named_for_an_adult():
    application = ApplicationFactory()
    application.date_of_birth = application.programme.starts_on.replace(year=application.programme.starts_on.year - 19)
    assert subjects.describe(application).guardian_email == ""


@pytest.mark.parametrize(
    ("hook", "status"),
    [("on_vetting_cleared", ApplicationStatus.CLEARED), ("on_vetting_refused", ApplicationStatus.VETTING_REFUSED)],
)
def test_vetting_decisions_move_the_application_through_its_service(hook, status, mailoutbox):
    vetting_officer = UserFactory(roles=[Role.VETTING_OFFICER])
    application = ApplicationFactory(status=ApplicationStatus.VETTING)
    subjects.call_hook(application, hook, by=vetting_officer)
    application.refresh_from_db()
    assert application.status == status


def test_a_row_points_back_at_its_record():
    application = ApplicationFactory()
    pointer = subjects.pointer(application)
    assert pointer["object_id"] == application.pk

    class Row:
        content_type, object_id = pointer["content_type"], pointer["object_id"]

    assert subjects.subject_of(Row()) == application


def test_an_unregistered_model_or_hook_is_refused():
    with pytest.raises(LookupError):
        subjects.describe(UserFactory())
    with pytest.raises(ValueError):
        subjects.call_hook(ApplicationFactory(), "on_something_else", by=None)
    with pytest.raises(TypeError):
        subjects.register(ApplicationFactory._meta.model, describe=subjects.describe, ended_before=print, on_typo=print)
