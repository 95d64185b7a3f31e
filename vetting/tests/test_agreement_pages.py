"""The agreement's pages: the participant signs in their account, the guardian through the
emailed link with no account; GET never signs; downloads are logged (issue 10)."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.models import ActionLog
from vetting.models import AgreementStatus, Signature, SignerRole
from vetting.services.agreements import store_agreement_pdf

from .agreement_helpers import consent_token, pending_application

pytestmark = pytest.mark.django_db


def sign_form(agreement, name="Alex Applicant", declaration="on"):
    return {"full_name": name, "declaration": declaration, "shown_sha256": agreement.version.text_sha256}


def test_my_applications_links_to_the_agreement_to_sign(client, recruiter):
    application, agreement = pending_application(recruiter)
    client.force_login(application.applicant)
    page = client.get(reverse("we_my_applications")).content.decode()
    assert reverse("agreement_sign", args=[agreement.pk]) in page and "awaiting signatures" in page


def test_the_participant_reads_the_whole_agreement_then_signs_by_post(client, recruiter):
    application, agreement = pending_application(recruiter)
    client.force_login(application.applicant)
    url = reverse("agreement_sign", args=[agreement.pk])
    page = client.get(url).content.decode()
    assert "sliding scale for injuries" in page and "Type your full name" not in page  # no error yet
    assert not Signature.objects.exists()  # GET never signs
    response = client.post(url, sign_form(agreement, name="Alex Applicant"), REMOTE_ADDR="198.51.100.4")
    assert response.status_code == 302
    signature = Signature.objects.get()
    assert (signature.role, signature.name, signature.ip_address) == (
        SignerRole.PARTICIPANT,
        "Alex Applicant",
        "198.51.100.4",
    )
    page = client.get(url).content.decode()
    assert "You signed this agreement as Alex Applicant" in page
    assert "We are waiting for the declaration of consent of your parent or guardian" in page


def test_the_sign_form_shows_its_errors_and_keeps_what_was_typed(client, recruiter):
    application, agreement = pending_application(recruiter)
    client.force_login(application.applicant)
    response = client.post(reverse("agreement_sign", args=[agreement.pk]), sign_form(agreement, declaration=""))
    page = response.content.decode()
    assert response.status_code == 200 and "Tick the box to make the declaration." in page
    assert 'value="Alex Applicant"' in page
    assert not Signature.objects.exists()


def test_the_guardian_signs_from_the_link_without_an_account(client, recruiter):
    _, agreement = pending_application(recruiter)
    url = reverse("guardian_consent", args=[consent_token(agreement)])
    page = client.get(url).content.decode()
    assert "Declaration of consent for" in page and "Emergency Response Vehicle" in page
    client.get(url)
    assert not Signature.objects.exists()  # GET, twice, signs nothing
    response = client.post(url, sign_form(agreement, name="Pat Parent"), follow=True)
    page = response.content.decode()
    assert "you have signed the declaration of consent" in page
    assert "We are waiting for the participant's own signature" in page
    assert Signature.objects.get().role == SignerRole.GUARDIAN


def test_a_second_post_signs_once_and_says_it_is_signed(client, recruiter):
    _, agreement = pending_application(recruiter)
    url = reverse("guardian_consent", args=[consent_token(agreement)])
    client.post(url, sign_form(agreement, name="Pat Parent"))
    response = client.post(url, sign_form(agreement, name="Someone Else"))
    assert "Declaration of consent signed" in response.content.decode()
    assert list(Signature.objects.values_list("name", flat=True)) == ["Pat Parent"]


@pytest.mark.parametrize("problem", ["wrong", "expired"])
def test_a_wrong_or_expired_link_gets_a_clear_page_and_signs_nothing(client, recruiter, problem):
    _, agreement = pending_application(recruiter)
    token = consent_token(agreement)
    if problem == "wrong":
        token = token[:-2] + "xx"
    else:
        agreement.link_expires_at = timezone.now() - timedelta(minutes=1)
        agreement.save(update_fields=["link_expires_at"])
    url = reverse("guardian_consent", args=[token])
    for response in (client.get(url), client.post(url, sign_form(agreement))):
        assert response.status_code == 404
        assert "This link cannot be used" in response.content.decode()
        assert "Nothing has been signed" in response.content.decode()
    assert not Signature.objects.exists()


def ready_agreement(client, recruiter):
    application, agreement = pending_application(recruiter)
    token = consent_token(agreement)
    client.post(reverse("guardian_consent", args=[token]), sign_form(agreement, name="Pat Parent"))
    client.force_login(application.applicant)
    client.post(reverse("agreement_sign", args=[agreement.pk]), sign_form(agreement))
    client.logout()
    agreement = store_agreement_pdf(agreement, b"%PDF-1.7 signed agreement")
    return application, agreement, token


def test_everyone_allowed_downloads_the_pdf_and_each_download_is_logged(client, recruiter, applicant):
    application, agreement, token = ready_agreement(client, recruiter)
    # the guardian, through the consent link, which signing used but downloading does not use up
    page = client.get(reverse("guardian_consent", args=[token])).content.decode()
    download = reverse("guardian_agreement_download", args=[token])
    assert "is ready" in page and download in page
    for _ in range(2):
        assert b"".join(client.get(download).streaming_content) == b"%PDF-1.7 signed agreement"
    # the participant, from their page
    client.force_login(application.applicant)
    page = client.get(reverse("agreement_sign", args=[agreement.pk])).content.decode()
    assert reverse("agreement_download", args=[agreement.pk]) in page
    response = client.get(reverse("agreement_download", args=[agreement.pk]))
    assert response["Content-Disposition"].startswith("attachment") and response["Cache-Control"] == "private, no-store"
    # the recruitment team
    client.force_login(recruiter)
    assert client.get(reverse("agreement_download", args=[agreement.pk])).status_code == 200
    # someone else's agreement does not exist for them
    client.force_login(applicant)
    assert client.get(reverse("agreement_download", args=[agreement.pk])).status_code == 404
    logged = ActionLog.objects.filter(action="download_agreement").order_by("pk")
    assert [(entry.actor, entry.reason) for entry in logged] == [
        (None, "Downloaded by the parent or guardian"),
        (None, "Downloaded by the parent or guardian"),
        (application.applicant, "Downloaded by the participant"),
        (recruiter, "Downloaded by the recruitment team"),
    ]


def test_the_guardian_cannot_download_once_the_link_expired(client, recruiter):
    _, agreement, token = ready_agreement(client, recruiter)
    assert agreement.status == AgreementStatus.READY
    agreement.link_expires_at = timezone.now() - timedelta(minutes=1)
    agreement.save(update_fields=["link_expires_at"])
    for page in ("guardian_consent", "guardian_agreement_download"):
        response = client.get(reverse(page, args=[token]))
        assert response.status_code == 404 and "This link cannot be used" in response.content.decode()
    assert not ActionLog.objects.filter(action="download_agreement").exists()


def test_once_all_have_signed_each_is_told_the_agreement_is_being_prepared(client, recruiter):
    application, agreement = pending_application(recruiter)
    token = consent_token(agreement)
    client.post(reverse("guardian_consent", args=[token]), sign_form(agreement, name="Pat Parent"))
    client.force_login(application.applicant)
    # no PDF yet: the task runs after the commit (outside this test's transaction)
    page = client.post(reverse("agreement_sign", args=[agreement.pk]), sign_form(agreement), follow=True)
    assert "Your agreement is being prepared" in page.content.decode()
    client.logout()
    assert "Your agreement is being prepared" in client.get(reverse("guardian_consent", args=[token])).content.decode()
