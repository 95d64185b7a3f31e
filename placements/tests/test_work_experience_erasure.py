"""A work-experience application withdrawn because its applicant asked to be erased (issue 13;
accounts.personal_data.Ending): its place is freed and vetting closes what it has open, as for
any withdrawal, with the Head of Resourcing as the actor; neither the applicant nor their parent
or guardian is emailed."""

import pytest

from accounts.models import ActionLog
from kentplacements.workflow import DomainError
from notifications.models import Notification
from placements.enums import ApplicationStatus
from placements.services.work_experience import confirm_application, start_vetting, withdraw_for_erasure
from vetting.enums import CheckStatus, ReferenceStatus
from vetting.services.checks import checks_of
from vetting.services.references import request_reference

from .work_experience_factories import ApplicationFactory, ready_to_confirm

pytestmark = pytest.mark.django_db
S = ApplicationStatus


def emails_to(*addresses):
    return Notification.objects.filter(recipient__in=addresses)


def test_a_confirmed_place_is_freed_and_nobody_in_the_family_is_emailed(recruiter, head_of_resourcing):
    application = ready_to_confirm(ApplicationFactory(status=S.AGREEMENT_PENDING))  # 17: a guardian consented
    confirm_application(application, by=recruiter)
    family = (application.applicant.email, application.guardian_email)
    emailed_before = emails_to(*family).count()

    application = withdraw_for_erasure(application, by=head_of_resourcing)

    application.programme.refresh_from_db()
    assert application.status == S.WITHDRAWN and application.programme.places_confirmed == 0
    assert emails_to(*family).count() == emailed_before
    entry = ActionLog.objects.get(action="withdraw_for_erasure")
    assert (entry.actor, entry.from_state, entry.to_state) == (head_of_resourcing, S.CONFIRMED, S.WITHDRAWN)
    assert ActionLog.objects.get(action="release places_confirmed").actor == head_of_resourcing


def test_vetting_closes_its_checks_and_the_referee_still_asked_is_told(recruiter, head_of_resourcing):
    application = start_vetting(ApplicationFactory(status=S.SHORTLISTED), by=recruiter)
    reference = request_reference(
        application,
        by=recruiter,
        referee_name="Robin Tutor",
        referee_email="robin@school.example",
        relationship="Tutor",
    )

    withdraw_for_erasure(application, by=head_of_resourcing)

    assert {check.status for check in checks_of(application)} == {CheckStatus.WITHDRAWN}
    reference.refresh_from_db()
    assert reference.status == ReferenceStatus.WITHDRAWN
    assert emails_to("robin@school.example").filter(template="vetting/reference_withdrawn").count() == 1
    assert not emails_to(application.applicant.email).filter(template="placements/we_withdrawn").exists()


def test_only_the_head_of_resourcing_withdraws_for_erasure(recruiter):
    application = ApplicationFactory(status=S.APPLIED)
    for someone in (recruiter, application.applicant):
        with pytest.raises(DomainError, match="Head of Resourcing"):
            withdraw_for_erasure(application, by=someone)
    application.refresh_from_db()
    assert application.status == S.APPLIED and not ActionLog.objects.filter(action="withdraw_for_erasure").exists()
