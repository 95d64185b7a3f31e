"""The fitness test and medical certificate pages (issue 11): errors next to the field, the
certificate served only to the recruitment team as a logged download, and its file (its
bytes, its stored name) on no page, export, outbox row or email for anyone."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from pytest_django.asserts import assertContains, assertRedirects

from accounts.demo import demo_email
from accounts.models import ActionLog, User
from notifications.models import Notification
from placements.tests.form_markup import error_under_field
from tests.test_reachability import PERSONA_OF, crawl
from volunteers.demo_medical import DEMO_CERTIFICATE
from volunteers.enums import MedicalCertificateStatus, VolunteerApplicationStatus
from volunteers.exports import VolunteerApplicationResource
from volunteers.models import MedicalCertificate
from volunteers.queues import MEDICAL_QUEUE
from volunteers.services.applications import withdraw_application

from .factories import MEDICAL_PDF, PROGRAM_BYTES, certificate_to_check, interviewed_application

pytestmark = pytest.mark.django_db
S = VolunteerApplicationStatus


def upload_page(application):
    return reverse("volunteer_medical_upload", args=[application.pk])


@pytest.fixture
def waiting(client):
    application = interviewed_application(fitness=False)
    client.force_login(application.applicant)
    return application


@pytest.mark.parametrize(
    ("name", "content", "problem"),
    [
        ("certificate.pdf", PROGRAM_BYTES, "The file must be a PDF, a JPEG or a PNG."),
        ("certificate.pdf", b"", "The file is empty."),
        ("notes.txt", b"I am fit and well", "The file must be a PDF, a JPEG or a PNG."),
    ],
    ids=["program renamed .pdf", "empty", "text"],
)
def test_a_refused_file_is_explained_next_to_the_field(client, waiting, name, content, problem):
    response = client.post(upload_page(waiting), {"upload": SimpleUploadedFile(name, content)})
    assertContains(response, error_under_field("upload", problem), html=True)
    assert not MedicalCertificate.objects.exists()


def test_no_file_is_asked_for_next_to_the_field(client, waiting):
    response = client.post(upload_page(waiting), {})
    assertContains(response, error_under_field("upload", "Choose the file of your medical certificate."), html=True)


def test_the_applicant_reaches_the_upload_from_their_applications_and_uploads(client, waiting):
    assertContains(client.get(reverse("volunteer_my_applications")), upload_page(waiting))
    response = client.post(upload_page(waiting), {"upload": SimpleUploadedFile("scan.pdf", MEDICAL_PDF)})
    assertRedirects(response, reverse("volunteer_my_applications"))
    assert waiting.medical_certificate.status == MedicalCertificateStatus.UPLOADED
    assert upload_page(waiting) not in client.get(reverse("volunteer_my_applications")).content.decode()


def test_the_team_books_and_records_the_test_from_the_application_page(client, recruiter):
    application = interviewed_application()
    client.force_login(recruiter)
    staff_page = reverse("volunteer_staff_application", args=[application.pk])
    book = reverse("volunteer_fitness_book", args=[application.pk])
    assertContains(client.get(staff_page), book)
    response = client.post(book, {"booked_for": "", "place": "Gym"})
    assertContains(response, error_under_field("booked_for", "Give the date and time of the test."), html=True)
    assertContains(response, 'value="Gym"')
    when = f"{timezone.localtime() + timedelta(days=3):%Y-%m-%dT%H:%M}"
    assertRedirects(client.post(book, {"booked_for": when, "place": "Gym"}), staff_page)
    result = reverse("volunteer_fitness_result", args=[application.pk])
    response = client.post(result, {"result": "failed", "assessor": "PC Jo Hart", "reason": ""})
    assertContains(response, error_under_field("reason", "Give the reason the applicant did not pass."), html=True)
    assertRedirects(client.post(result, {"result": "passed", "assessor": "PC Jo Hart"}), staff_page)
    application.refresh_from_db()
    assert application.status == S.FITNESS_PASSED


@pytest.fixture
def certificate():
    application = interviewed_application(fitness=False)
    client_upload = SimpleUploadedFile("jane-doe-asthma.pdf", MEDICAL_PDF)
    from volunteers.services.medical import upload_medical_certificate

    return upload_medical_certificate(application, by=application.applicant, upload=client_upload)


def test_the_team_downloads_the_certificate_as_a_logged_attachment(client, recruiter, certificate):
    client.force_login(recruiter)
    response = client.get(reverse("volunteer_medical_file", args=[certificate.application_id]))
    assert response["Content-Disposition"].startswith("attachment;")
    assert "jane-doe" not in response["Content-Disposition"]
    assert b"".join(response.streaming_content) == MEDICAL_PDF
    assert ActionLog.objects.filter(action="download_medical_certificate", actor=recruiter).count() == 1


def test_the_team_accepts_it_and_the_applicant_sees_the_next_status(client, recruiter, certificate):
    client.force_login(recruiter)
    application = certificate.application
    response = client.post(reverse("volunteer_medical_accept", args=[application.pk]))
    assertRedirects(response, reverse("volunteer_staff_application", args=[application.pk]))
    client.force_login(application.applicant)
    assertContains(client.get(reverse("volunteer_my_applications")), "Medical certificate received")


def test_another_persons_certificate_upload_page_is_a_404(client, certificate):
    client.force_login(interviewed_application(fitness=False).applicant)
    assert client.get(upload_page(certificate.application)).status_code == 404


@pytest.fixture
def demo(settings):
    from django.core.management import call_command

    settings.DEBUG = True
    call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    settings.DEBUG = False


def test_the_certificate_is_on_no_page_export_outbox_or_email(client, demo):
    """Every demo persona's pages, crawled from their home: the stored file's name and
    bytes nowhere; the download link only on the recruitment team's pages."""
    # the demo's certificate waiting to be checked, and those accepted (issue 11: before vetting)
    certificates = list(MedicalCertificate.objects.exclude(file=""))
    stored_names = [certificate.file.name.rsplit("/", 1)[-1] for certificate in certificates]
    [waiting] = [certificate for certificate in certificates if certificate.status == "uploaded"]
    download = reverse("volunteer_medical_file", args=[waiting.application_id])
    seen_by = {}

    for login, persona in PERSONA_OF.items():
        client.force_login(User.objects.get(email=demo_email(login)))

        def check(path, response, persona=persona):
            body = b"".join(response.streaming_content) if response.streaming else response.content
            if path == download:
                seen_by.setdefault(persona, set()).add("file")
                return
            assert DEMO_CERTIFICATE not in body, (persona, path)
            assert not any(name.encode() in body for name in stored_names), (persona, path)
            if download.encode() in body:
                seen_by.setdefault(persona, set()).add("link")

        crawl(client, reverse("home"), on_page=check)
    assert seen_by == {"recruiter": {"file", "link"}}
    exported = VolunteerApplicationResource().export().export("csv")
    for stored_name in stored_names:
        assert stored_name not in exported and "medical" not in exported.lower()
        for row in Notification.objects.all():
            assert stored_name not in row.subject + row.body_text + row.body_html + str(row.context)
            assert download not in row.body_text + row.body_html
        assert all(stored_name not in message.body for message in mail.outbox)
        assert not ActionLog.objects.filter(reason__contains=stored_name).exists()


def test_the_staff_home_counts_certificates_to_check_and_opens_them(client, recruiter, certificate):
    certificate.application.applicant.full_name = "Cara Certified"
    certificate.application.applicant.save()
    interviewed_application(fitness=False, applicant__full_name="Una Uploaded-Not")
    withdrawn = certificate_to_check()  # then withdrawn: nothing left to check
    withdrawn.applicant.full_name = "Wyn Withdrawn"
    withdrawn.applicant.save()
    withdraw_application(withdrawn, by=withdrawn.applicant)
    client.force_login(recruiter)
    home = client.get(reverse("staff_dashboard")).content.decode()
    link = f"{reverse('volunteer_staff_applications')}?queue={MEDICAL_QUEUE}"
    assert "Medical certificates to check" in home and link in home
    listed = client.get(link).content.decode()
    assert "Cara Certified" in listed and "Una Uploaded-Not" not in listed and "Wyn Withdrawn" not in listed
