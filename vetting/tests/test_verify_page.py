"""The public verify page (issue 10): "upload a PDF (size and type checked) → whether it is
a sealed agreement issued here, for whom and when, and whether it was altered"."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from placements.tests.work_experience_factories import ApplicationFactory
from vetting import sealing
from vetting.tests.test_sealing import one_byte_changed, rotate

pytestmark = pytest.mark.django_db
URL = reverse("agreement_verify")


@pytest.fixture
def application():
    return ApplicationFactory(applicant__full_name="Alex Applicant")


@pytest.fixture
def sealed(unsealed_pdf, application):
    return sealing.issue(
        unsealed_pdf, description="Work Placement Agreement", issued_to="Alex Applicant", record=application
    )[0]


def upload(client, content, name="agreement.pdf"):
    return client.post(URL, {"document": SimpleUploadedFile(name, content, content_type="application/pdf")})


def test_the_page_is_linked_from_every_page_footer(client):
    assert f'href="{URL}"' in client.get(reverse("landing")).text


def test_a_sealed_agreement_shows_whom_and_when_and_nothing_else_about_them(client, sealed, application):
    page = upload(client, sealed).text
    assert "Valid: a Work Placement Agreement issued here to Alex Applicant on" in page
    assert "Altered since it was sealed" in page and "No</dd>" in page
    # never other personal data (the brief): no email, date of birth or guardian
    for private in (application.applicant.email, application.guardian_email, f"{application.date_of_birth:%Y}"):
        assert private and private not in page


def test_a_tampered_copy_is_reported_altered(client, sealed):
    page = upload(client, one_byte_changed(sealed)).text
    assert "has been altered since" in page and "Yes: this copy has been altered" in page
    assert "Alex Applicant" not in page


def test_an_unsealed_pdf_is_not_issued_here(client, unsealed_pdf):
    assert "This PDF has no seal" in upload(client, unsealed_pdf).text


def test_a_file_that_is_not_a_pdf_is_refused_next_to_the_field(client):
    response = upload(client, b"MZ\x90\x00 a program renamed", name="agreement.pdf")
    assert response.status_code == 200
    assert 'id="error_1_id_document"' in response.text and "The file must be a PDF." in response.text
    assert "Result" not in response.text


def test_a_file_over_the_limit_is_refused(client, settings):
    response = upload(client, b"%PDF-1.7\n" + b"0" * (10 * 1024 * 1024))
    assert "it must be 10 MB or smaller" in response.text


def test_no_file_is_asked_for(client):
    assert "Choose the PDF to check." in client.post(URL, {}).text


def test_a_garbage_pdf_is_an_answer_not_an_error(client):
    response = upload(client, b"%PDF-1.7\n" + bytes(range(256)) * 4)
    assert response.status_code == 200 and "not a PDF we can read" in response.text


def test_checks_are_limited_per_address(client, unsealed_pdf):
    for _ in range(20):
        assert upload(client, unsealed_pdf).status_code == 200
    assert upload(client, unsealed_pdf).status_code == 429


def test_after_a_key_rotation_the_previous_seal_is_ours_only_while_listed(client, sealed, settings, tmp_path):
    previous = rotate(settings, tmp_path)
    settings.AGREEMENT_SEAL_PREVIOUS_CERTS = [previous]
    assert "Valid: a Work Placement Agreement issued here to Alex Applicant on" in upload(client, sealed).text

    settings.AGREEMENT_SEAL_PREVIOUS_CERTS = []
    page = upload(client, sealed).text
    assert "This PDF is sealed, but not by Kent Police: it was not issued here." in page
    assert "Sealed by Kent Police</dt>" in page and ">No</dd>" in page
    assert "Alex Applicant" not in page
