"""An agreement left unsigned by an application that ended is no longer needed (issue 10):
the participant's page and the guardian's link say so plainly, offer no form and sign
nothing; "my applications" stops offering it. An agreement signed by everyone is the record
of what was signed and is left as it is."""

import pytest
from django.urls import reverse

from accounts.models import ActionLog
from kentplacements.workflow import DomainError, TransitionNotAllowed
from notifications.models import Notification
from placements.enums import ApplicationStatus, DeclineReason
from placements.services import work_experience as services
from vetting.models import AgreementStatus, Signature
from vetting.services.agreements import NO_LONGER_NEEDED, store_agreement_pdf, void_agreement

from .agreement_helpers import consent_token, pending_application
from .test_agreement_pages import sign_form
from .test_agreements import sign_guardian, sign_participant

pytestmark = pytest.mark.django_db

CONDUCT = "Did not follow the safety briefing."


def _end(application, how, recruiter):
    if how == ApplicationStatus.WITHDRAWN:
        return services.withdraw_application(application, by=application.applicant)
    if how == ApplicationStatus.DECLINED:
        return services.decline_application(application, by=recruiter, reason=DeclineReason.CONDUCT, note=CONDUCT)
    return services.discontinue_application(application, by=recruiter, reason=CONDUCT)


ENDINGS = [ApplicationStatus.WITHDRAWN, ApplicationStatus.DECLINED, ApplicationStatus.DISCONTINUED]


@pytest.mark.parametrize("how", ENDINGS)
def test_each_ending_voids_the_unsigned_agreement_logged_and_emailing_nobody_about_it(recruiter, how):
    # (an application refused at vetting: vetting/tests/test_subject_closed.py)
    application, agreement = pending_application(recruiter)
    emails_before = set(Notification.objects.values_list("template", flat=True))
    _end(application, how, recruiter)
    agreement.refresh_from_db()
    assert agreement.status == AgreementStatus.VOID
    entry = ActionLog.objects.get(action="void_agreement")
    assert (entry.from_state, entry.to_state) == (AgreementStatus.AWAITING_SIGNATURES, AgreementStatus.VOID)
    assert entry.reason == "The placement it was for will not go ahead."
    new = set(Notification.objects.values_list("template", flat=True)) - emails_before
    assert not {template for template in new if template.startswith("vetting/")}


@pytest.mark.parametrize("how", ENDINGS)
def test_the_participant_is_told_it_is_no_longer_needed_and_a_post_signs_nothing(client, recruiter, how):
    application, agreement = pending_application(recruiter)
    _end(application, how, recruiter)
    client.force_login(application.applicant)
    url = reverse("agreement_sign", args=[agreement.pk])
    page = client.get(url)
    text = page.content.decode()
    assert page.status_code == 200 and NO_LONGER_NEEDED in text
    assert 'name="full_name"' not in text and "Sign the agreement" not in text
    posted = client.post(url, sign_form(agreement))
    assert posted.status_code == 409 and NO_LONGER_NEEDED in posted.content.decode()
    assert not Signature.objects.exists()
    with pytest.raises(DomainError, match="no longer needed"):
        sign_participant(agreement)
    assert not Signature.objects.exists()


def test_my_applications_stops_offering_it(client, recruiter):
    application, agreement = pending_application(recruiter)
    services.withdraw_application(application, by=application.applicant)
    client.force_login(application.applicant)
    page = client.get(reverse("we_my_applications")).content.decode()
    assert "Withdrawn" in page
    assert f'href="{reverse("agreement_sign", args=[agreement.pk])}"' not in page
    assert "Your Work Placement Agreement" not in page


def test_the_guardians_link_says_plainly_it_is_no_longer_needed_and_signs_nothing(client, recruiter):
    application, agreement = pending_application(recruiter)
    token = consent_token(agreement)
    sign_participant(agreement)  # the participant had signed; the guardian had not
    services.withdraw_application(application, by=application.applicant)
    url = reverse("guardian_consent", args=[token])
    for response in (client.get(url), client.post(url, sign_form(agreement, name="Pat Parent"))):
        text = response.content.decode()
        assert response.status_code == 410
        assert "This agreement is no longer needed" in text and NO_LONGER_NEEDED in text
        assert "You do not need to do anything" in text
        assert 'name="full_name"' not in text and application.applicant.full_name not in text
    assert list(Signature.objects.values_list("role", flat=True)) == ["participant"]  # kept, as evidence
    with pytest.raises(DomainError):
        sign_guardian(agreement, token=token)
    agreement.refresh_from_db()
    assert agreement.status == AgreementStatus.VOID and agreement.signed_at is None


@pytest.mark.parametrize("ready", [False, True])
def test_an_agreement_signed_by_everyone_is_not_voided(recruiter, ready):
    application, agreement = pending_application(recruiter, adult=True)
    sign_participant(agreement)
    agreement.refresh_from_db()
    if ready:
        agreement = store_agreement_pdf(agreement, b"%PDF-1.7 signed")
    status = agreement.status
    services.withdraw_application(application, by=application.applicant)
    agreement.refresh_from_db()
    assert agreement.status == status != AgreementStatus.VOID
    assert not ActionLog.objects.filter(action="void_agreement").exists()
    with pytest.raises(TransitionNotAllowed):
        void_agreement(agreement, by=recruiter, reason="tried")
