"""Subject access and erasure (issue 13): the Head of Resourcing finds a person by email,
downloads everything held about them as one ZIP, and erases them where the law allows."""

import io
import json
import os
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.text import slugify

from accounts.audit import action_words
from accounts.models import ActionLog, User
from accounts.personal_data import EQUALITY_NOTE, ERASED_NAME, erase_person, export_zip, held_about, registered
from kentplacements.workflow import DomainError
from notifications.models import Notification
from outreach.models import EventRegistration
from outreach.programme.models import ProgrammeEnrolment
from outreach.tests.factories import OutreachEventFactory
from outreach.tests.factories import registered as registered_for
from outreach.tests.programme_factories import applied
from placements.models import WorkExperienceApplication
from tests.factories import PASSWORD, UserFactory
from vetting.models import AgreementStatus, Signature
from vetting.services.agreements import Evidence, sign_as_participant
from vetting.tests.agreement_helpers import pending_application
from volunteers.models import MedicalCertificate, VolunteerApplication
from volunteers.services.medical import upload_medical_certificate
from volunteers.tests.factories import MEDICAL_PDF, interviewed_application

pytestmark = pytest.mark.django_db
EMAIL = "sam.subject@example.org"
SECRETS = ("pbkdf2_", "token_hash", "password", "vetting notes")


def person_with_records_everywhere(recruiter, capture):
    """Sam has an account, a signed work-experience agreement (its PDF rendered), a volunteer
    application with a medical certificate, a programme enrolment, and an event registration
    made without signing in, typed with capitals."""
    sam = UserFactory(email=EMAIL, full_name="Sam Subject")
    _application, agreement = pending_application(
        recruiter, adult=True, applicant=sam, statement="I want to see how a force works."
    )
    with capture(execute=True):
        sign_as_participant(
            agreement,
            user=sam,
            name="Sam Subject",
            shown_sha256=agreement.version.text_sha256,
            evidence=Evidence(ip_address="203.0.113.7", user_agent="Firefox/140"),
        )
    volunteering = interviewed_application(fitness=False, applicant=sam, motivation="To help in Tonbridge.")
    upload_medical_certificate(volunteering, by=sam, upload=SimpleUploadedFile("certificate.pdf", MEDICAL_PDF))
    applied(candidate=sam, why="Help with the SEARCH assessment, please.")
    registered_for(OutreachEventFactory(), email="Sam.Subject@Example.org", full_name="Sam Subject")
    registered_for(OutreachEventFactory(), email="someone.else@example.org", full_name="Someone Else")
    return sam


@pytest.fixture
def sam(recruiter, django_capture_on_commit_callbacks):
    return person_with_records_everywhere(recruiter, django_capture_on_commit_callbacks)


def unzip(content: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def test_the_zip_holds_a_json_per_kind_and_their_files(client, head_of_resourcing, sam):
    client.force_login(head_of_resourcing)
    response = client.post(reverse("personal_data_export"), {"email": EMAIL})
    assert response["Content-Type"] == "application/zip"
    assert "sam" not in response["Content-Disposition"]  # no address in the download's name
    files = unzip(response.content)
    kinds = {name: json.loads(data) for name, data in files.items() if name.endswith(".json")}
    assert kinds["account.json"][0]["email address"] == EMAIL
    [we] = kinds["work-experience-applications.json"]
    assert we["personal statement"] == "I want to see how a force works."
    [agreement] = kinds["work-placement-agreements.json"]
    assert agreement["status"] == "Signed and ready"
    assert kinds["volunteer-applications.json"][0]["motivation"] == "To help in Tonbridge."
    assert kinds["positive-action-programme.json"][0]["why you would like the programme's support"].startswith(
        "Help with the SEARCH"
    )
    [registration] = kinds["event-registrations.json"]  # found by email, whatever its capitals
    assert registration["full name"] == "Sam Subject"
    assert kinds["signatures.json"][0]["IP address"] == "203.0.113.7"
    pdfs = [name for name in files if name.startswith("files/work-placement-agreements/")]
    assert len(pdfs) == 1 and files[pdfs[0]].startswith(b"%PDF-")
    [certificate] = [name for name in files if name.startswith("files/medical-certificates/")]
    assert files[certificate] == MEDICAL_PDF
    readme = files["README.txt"].decode()
    assert EQUALITY_NOTE in readme
    # nobody else's data, and no secrets
    everything = b"".join(files.values()).decode("utf-8", "replace")
    assert "Someone Else" not in everything and "someone.else" not in everything
    for secret in SECRETS:
        assert secret not in everything.lower()
    # the download is logged: who exported whose data, never the content
    entry = ActionLog.objects.get(action="export_personal_data")
    assert (entry.actor, entry.subject, entry.reason) == (head_of_resourcing, sam, "")
    assert action_words("export_personal_data") == "exported the personal data of"


def test_the_search_shows_each_kind_held_in_a_constant_number_of_queries(client, head_of_resourcing, sam):
    client.force_login(head_of_resourcing)
    page = client.post(reverse("personal_data_search"), {"email": EMAIL.upper()}).content.decode()
    assert "Work-experience applications" in page and "Event registrations" in page
    assert "Someone Else" not in page

    def queries():
        with CaptureQueriesContext(connection) as ctx:
            client.post(reverse("personal_data_search"), {"email": EMAIL})
        return len(ctx.captured_queries)

    before = queries()
    for _ in range(5):
        registered_for(OutreachEventFactory(), email=EMAIL, full_name="Sam Subject")
    # one query per kind of record and one for the account, however many rows; the other five are
    # every staff page's (session, user, roles, the bar's MFA check): pinned
    assert queries() == before == 6 + len(registered())


def test_a_bad_address_is_asked_again_with_what_was_typed(client, head_of_resourcing):
    client.force_login(head_of_resourcing)
    page = client.post(reverse("personal_data_search"), {"email": "not an address"}).content.decode()
    assert "Enter a valid email address" in page and 'value="not an address"' in page
    assert (
        "Nothing is held"
        in client.post(reverse("personal_data_search"), {"email": "nobody@example.org"}).content.decode()
    )


def test_the_confirm_page_says_what_will_be_kept_and_changes_nothing(client, head_of_resourcing, sam):
    client.force_login(head_of_resourcing)
    page = client.post(reverse("personal_data_erase"), {"email": EMAIL}).content.decode()
    assert "Erase the personal data of" in page and "retention period" in page
    assert User.objects.get(pk=sam.pk).email == EMAIL
    assert not ActionLog.objects.filter(action="erase_personal_data").exists()


def test_erasure_then_export_shows_nothing_personal_but_what_is_declared_kept(
    client, head_of_resourcing, sam, django_capture_on_commit_callbacks
):
    client.force_login(head_of_resourcing)
    certificate = MedicalCertificate.objects.get(application__applicant=sam)
    certificate_path = certificate.file.path
    with django_capture_on_commit_callbacks(execute=True):  # files go once the erasure commits
        page = client.post(reverse("personal_data_erase"), {"email": EMAIL, "confirm": "yes"}).content.decode()
    assert "Personal data erased" in page and "Work Placement Agreement" in page

    sam.refresh_from_db()
    assert (sam.full_name, sam.is_active, sam.has_usable_password()) == (ERASED_NAME, False, False)
    assert sam.email.endswith("@erased.invalid")
    assert not client.login(email=EMAIL, password=PASSWORD)
    UserFactory(email=EMAIL)  # the address is free for a new account

    application = WorkExperienceApplication.objects.get(applicant=sam)
    assert (application.statement, application.date_of_birth) == ("", None)
    assert not application.history.exclude(statement="").exists()  # earlier versions gone too
    assert VolunteerApplication.objects.get(applicant=sam).motivation == ""
    assert not MedicalCertificate.objects.get(pk=certificate.pk).file
    assert not os.path.exists(certificate_path)  # the file goes from storage, not only its name
    assert ProgrammeEnrolment.objects.get(candidate=sam).why == ""
    registration = EventRegistration.objects.get(full_name=ERASED_NAME)
    assert registration.phone == "" and registration.email.endswith("@erased.invalid")
    assert EventRegistration.objects.filter(full_name="Someone Else").exists()
    # kept, and said why: the signed agreement and its signature
    assert sam.agreements.get().status == AgreementStatus.READY
    assert Signature.objects.get(agreement__participant=sam).name == "Sam Subject"
    entry = ActionLog.objects.get(action="erase_personal_data")
    assert (entry.actor, entry.object_id) == (head_of_resourcing, str(sam.pk))

    # the old address now finds only the new account; the erased one, only what is kept
    _account, held = held_about(sam.email)
    kinds = {item.entry.heading: item for item in held}
    assert not {"Work-experience applications", "Volunteer applications"} - set(kinds)
    content = export_zip(sam.email, by=head_of_resourcing)
    everything = b"".join(unzip(content).values()).decode("utf-8", "replace")
    for gone in ("I want to see how a force works", "To help in Tonbridge", "Help with the SEARCH", EMAIL):
        assert gone not in everything
    kept_headings = {e.heading for e in registered() if e.kept}
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        for name in archive.namelist():
            if "Sam Subject" in archive.read(name).decode("utf-8", "replace"):
                assert any(name.startswith(_slug(h)) or f"/{_slug(h)}/" in name for h in kept_headings), name


def _slug(heading):
    return slugify(heading)


def test_a_staff_account_is_not_erased_here(client, head_of_resourcing, recruiter):
    with pytest.raises(DomainError):
        erase_person(recruiter.email, by=head_of_resourcing)
    client.force_login(head_of_resourcing)
    page = client.post(reverse("personal_data_erase"), {"email": recruiter.email, "confirm": "yes"})
    assert "closed through HR" in page.content.decode()
    recruiter.refresh_from_db()
    assert recruiter.is_active and not ActionLog.objects.filter(action="erase_personal_data").exists()


def test_erasing_someone_with_no_account_anonymises_their_registration(head_of_resourcing):
    registration = registered_for(OutreachEventFactory(), email="walk.in@example.org", full_name="Walk In")
    outcomes = {o.heading: o for o in erase_person("walk.in@example.org", by=head_of_resourcing)}
    registration.refresh_from_db()
    assert (outcomes["Event registrations"].erased, registration.full_name) == (1, ERASED_NAME)
    assert outcomes["Emails sent to you"].erased == 1  # the confirmation, deleted from the outbox
    assert not Notification.objects.filter(recipient="walk.in@example.org").exists()
    assert ActionLog.objects.get(action="erase_personal_data").object_id == str(registration.pk)
