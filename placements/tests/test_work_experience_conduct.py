"""Protocol 2.4 (issue 10): a placement may be discontinued "without notice, where
standards are not met" from any state after shortlisting, and an application declined for
conduct at any stage; the other decline reasons stay with the steps where they are decided."""

import pytest

from kentplacements.workflow import DomainError, TransitionNotAllowed
from placements.enums import ApplicationStatus, DeclineReason
from placements.services.work_experience import decline_application, discontinue_application

from .test_work_experience_services import only_email_to
from .work_experience_factories import ApplicationFactory

pytestmark = pytest.mark.django_db
S = ApplicationStatus
AFTER_SHORTLISTING = [S.SHORTLISTED, S.VETTING, S.CLEARED, S.AGREEMENT_PENDING, S.CONFIRMED, S.ATTENDING]


@pytest.mark.parametrize("status", AFTER_SHORTLISTING)
def test_discontinued_from_any_state_after_shortlisting(recruiter, status):
    application = ApplicationFactory(status=status)
    application = discontinue_application(application, by=recruiter, reason="Abusive language to an officer.")
    assert (application.status, application.status_reason) == (S.DISCONTINUED, "Abusive language to an officer.")
    assert (
        "Abusive language to an officer."
        in only_email_to("pat.parent@example.org", "we_discontinued_guardian").body_text
    )


@pytest.mark.parametrize("status", [S.DRAFT, S.APPLIED, S.COMPLETED, S.WITHDRAWN])
def test_not_discontinued_before_shortlisting_or_once_ended(recruiter, status):
    with pytest.raises(TransitionNotAllowed):
        discontinue_application(ApplicationFactory(status=status), by=recruiter, reason="Rude to staff.")


@pytest.mark.parametrize("status", [S.APPLIED, *AFTER_SHORTLISTING])
def test_declined_for_conduct_at_any_stage(recruiter, status):
    application = decline_application(
        ApplicationFactory(status=status), by=recruiter, reason=DeclineReason.CONDUCT, note="Abusive emails to staff."
    )
    assert (application.status, application.decline_reason) == (S.DECLINED, DeclineReason.CONDUCT)
    body = only_email_to(application.applicant.email, "we_declined").body_text
    assert "Conduct" in body and "Abusive emails to staff." in body


@pytest.mark.parametrize("status", [S.VETTING, S.ATTENDING])
def test_during_the_checks_or_the_placement_other_reasons_do_not_decline(recruiter, status):
    application = ApplicationFactory(status=status)
    with pytest.raises(DomainError, match="only for conduct"):
        decline_application(application, by=recruiter, reason=DeclineReason.CAPACITY)
    application.refresh_from_db()
    assert application.status == status


def test_a_confirmed_place_goes_back_when_discontinued(recruiter):
    application = ApplicationFactory(status=S.CONFIRMED)
    programme = application.programme
    programme.places_confirmed = 1
    programme.save(update_fields=["places_confirmed"])
    discontinue_application(application, by=recruiter, reason="Shared photos taken inside the station.")
    programme.refresh_from_db()
    assert programme.places_confirmed == 0
