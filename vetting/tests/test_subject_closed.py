"""An application that ends leaves nothing of vetting open (issue 10): its open checks are
withdrawn (and leave the vetting officer's queues), a referee still asked is told the
reference is no longer needed and their link says so, and the guardian's consent link for
the unsigned agreement stops working. Each closing is in the action log."""

import pytest
from django.urls import reverse

from accounts.models import ActionLog
from accounts.queues import waiting_for
from notifications.models import Notification
from placements.enums import ApplicationStatus, DeclineReason
from placements.services import work_experience as services
from vetting.enums import OPEN_CHECKS, CheckStatus, CheckType, ReferenceStatus
from vetting.models import AgreementStatus
from vetting.services.agreements import open_agreement
from vetting.services.checks import checks_of, clear_check, refuse_check, start_check
from vetting.services.closing import subject_closed
from vetting.services.references import WITHDRAWN, submit_reference

from .agreement_helpers import consent_token
from .checks_setup import application_in_vetting, check_of
from .references import ANSWERS, ask_for_reference, emailed_link, emailed_token

pytestmark = pytest.mark.django_db

CONDUCT = "Rude to the front desk staff on the open day."


def _end(application, how, *, recruiter, vetting_officer):
    if how == ApplicationStatus.WITHDRAWN:
        return services.withdraw_application(application, by=application.applicant)
    if how == ApplicationStatus.DECLINED:
        return services.decline_application(application, by=recruiter, reason=DeclineReason.CONDUCT, note=CONDUCT)
    if how == ApplicationStatus.DISCONTINUED:
        return services.discontinue_application(application, by=recruiter, reason=CONDUCT)
    identity = start_check(check_of(application, CheckType.IDENTITY), by=vetting_officer)
    refuse_check(identity, by=vetting_officer)
    return type(application).objects.get(pk=application.pk)


def _vetting_to_decide(user) -> int:
    return next(waiting.count for waiting in waiting_for(user) if waiting.label == "Vetting to decide")


@pytest.fixture
def open_everywhere(recruiter, vetting_officer):
    """In vetting, with both checks open, a referee still asked and the agreement opened
    early, its guardian's consent link live (17 on the first day)."""
    application = application_in_vetting(recruiter)
    reference = ask_for_reference(recruiter, application)
    agreement = open_agreement(application, by=recruiter)
    return application, reference, agreement, consent_token(agreement)


@pytest.mark.parametrize(
    "how",
    [
        ApplicationStatus.WITHDRAWN,
        ApplicationStatus.DECLINED,
        ApplicationStatus.DISCONTINUED,
        ApplicationStatus.VETTING_REFUSED,
    ],
)
def test_each_ending_closes_checks_references_and_links(client, recruiter, vetting_officer, open_everywhere, how):
    application, reference, agreement, token = open_everywhere
    assert _vetting_to_decide(vetting_officer) == 1
    application = _end(application, how, recruiter=recruiter, vetting_officer=vetting_officer)
    assert application.status == how

    assert not checks_of(application).filter(status__in=OPEN_CHECKS).exists()
    assert _vetting_to_decide(vetting_officer) == 0
    reference.refresh_from_db()
    assert reference.status == ReferenceStatus.WITHDRAWN
    page = client.get(emailed_link(reference))
    assert page.status_code == 404 and WITHDRAWN in page.content.decode()
    posted = client.post(emailed_link(reference), ANSWERS)
    assert WITHDRAWN in posted.content.decode()
    reference.refresh_from_db()
    assert reference.status == ReferenceStatus.WITHDRAWN and reference.known_for == ""

    consent = client.get(reverse("guardian_consent", args=[token]))
    assert consent.status_code == 410 and "This agreement is no longer needed" in consent.content.decode()
    agreement.refresh_from_db()
    assert agreement.status == AgreementStatus.VOID and agreement.link_state == "Expired"

    # each closing is logged, by whoever ended the application (the applicant is not staff)
    ended_by = {ApplicationStatus.WITHDRAWN: application.applicant, ApplicationStatus.VETTING_REFUSED: vetting_officer}
    for action in ("withdraw_check", "withdraw_reference", "void_agreement"):
        assert ActionLog.objects.filter(action=action, actor=ended_by.get(how, recruiter)).exists(), action


def test_the_referee_is_told_in_kind_words_and_never_why(recruiter, vetting_officer, open_everywhere):
    application, reference, _agreement, _token = open_everywhere
    services.discontinue_application(application, by=recruiter, reason=CONDUCT)
    mail = Notification.objects.get(template="vetting/reference_withdrawn")
    assert mail.recipient == reference.referee_email and not mail.sensitive
    assert "Dear Rita Referee" in mail.body_text and "no longer needed" in mail.body_text
    assert application.applicant.full_name in mail.body_text
    assert CONDUCT not in mail.body_text + mail.subject and "discontinu" not in mail.body_text.lower()


def test_a_reference_already_received_and_a_decided_check_are_left_as_they_are(recruiter, vetting_officer):
    application = application_in_vetting(recruiter)
    answered = ask_for_reference(recruiter, application)
    submit_reference(emailed_token(answered), answers=ANSWERS)
    identity = start_check(check_of(application, CheckType.IDENTITY), by=vetting_officer)
    clear_check(identity, by=vetting_officer)
    services.withdraw_application(application, by=application.applicant)
    answered.refresh_from_db()
    identity.refresh_from_db()
    assert answered.status == ReferenceStatus.RECEIVED and identity.status == CheckStatus.CLEARED
    assert not Notification.objects.filter(template="vetting/reference_withdrawn").exists()
    assert check_of(application, CheckType.FORCE_VETTING).status == CheckStatus.WITHDRAWN


def test_a_clearance_waiting_to_be_renewed_leaves_the_queue_too(recruiter, vetting_officer):
    application = application_in_vetting(recruiter)
    for check_type in (CheckType.IDENTITY, CheckType.FORCE_VETTING):
        check = start_check(check_of(application, check_type), by=vetting_officer)
        clear_check(check, by=vetting_officer, expires_on=application.programme.starts_on)
    assert _vetting_to_decide(vetting_officer) == 1  # lapses before the last day: to renew
    services.withdraw_application(application, by=application.applicant)
    assert _vetting_to_decide(vetting_officer) == 0


def test_closing_twice_changes_nothing_more(recruiter, open_everywhere):
    application, *_ = open_everywhere
    services.withdraw_application(application, by=application.applicant)
    count = ActionLog.objects.count()
    subject_closed(application, by=recruiter)
    assert ActionLog.objects.count() == count
    assert Notification.objects.filter(template="vetting/reference_withdrawn").count() == 1
