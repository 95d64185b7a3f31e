"""A volunteer application withdrawn because its applicant asked to be erased (issue 13;
accounts.personal_data.Ending): the Head of Resourcing's erasure withdraws it on the applicant's
behalf (withdraw_application stays the applicant's alone), a booked interview is free for
another candidate and vetting's checks are closed; the applicant is not emailed."""

import pytest

from accounts.models import ActionLog
from kentplacements.workflow import DomainError
from notifications.models import Notification
from vetting.enums import CheckStatus
from vetting.services.checks import checks_of
from volunteers.enums import VolunteerApplicationStatus
from volunteers.services.applications import withdraw_for_erasure
from volunteers.services.interviews import book_interview

from .factories import InterviewSlotFactory, ShortlistedApplicationFactory, in_vetting

pytestmark = pytest.mark.django_db
S = VolunteerApplicationStatus


def test_a_booked_interview_is_freed_and_the_applicant_is_not_emailed(head_of_resourcing):
    application = ShortlistedApplicationFactory()
    slot = InterviewSlotFactory(campaign=application.campaign)
    book_interview(application, slot, by=application.applicant)
    emailed_before = Notification.objects.filter(recipient=application.applicant.email).count()

    application = withdraw_for_erasure(application, by=head_of_resourcing)

    slot.refresh_from_db()
    assert application.status == S.WITHDRAWN and slot.application is None
    assert Notification.objects.filter(recipient=application.applicant.email).count() == emailed_before
    entry = ActionLog.objects.get(action="withdraw_for_erasure")
    assert (entry.actor, entry.from_state, entry.to_state) == (head_of_resourcing, S.INTERVIEW_BOOKED, S.WITHDRAWN)


def test_vetting_has_nothing_left_to_decide(head_of_resourcing):
    application = in_vetting()

    withdraw_for_erasure(application, by=head_of_resourcing)

    assert {check.status for check in checks_of(application)} == {CheckStatus.WITHDRAWN}


def test_only_the_head_of_resourcing_withdraws_for_erasure(recruiter):
    application = ShortlistedApplicationFactory()
    for someone in (recruiter, application.applicant):
        with pytest.raises(DomainError, match="Head of Resourcing"):
            withdraw_for_erasure(application, by=someone)
    application.refresh_from_db()
    assert application.status == S.SHORTLISTED
