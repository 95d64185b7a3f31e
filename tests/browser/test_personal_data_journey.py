"""Subject access and erasure in Chromium (issue 13), by clicking only: the Head of Resourcing,
from her home, opens "Personal data requests", finds a person by email (a wrong address first,
asked again next to the field), reads what is held about them, downloads it as one ZIP, then
erases it: the confirm page says which of their records still in progress will be withdrawn or
cancelled first, and what will be kept and why, and the last page what was. The person then
cannot log in; their volunteer application and programme place are withdrawn, and their place
at the workshop has gone to the person waiting, who is emailed (Niamh is not)."""

import io
import json
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from playwright.sync_api import expect

from accounts.models import ActionLog
from accounts.roles import Role
from outreach.enums import RegistrationStatus
from outreach.models import EventRegistration
from outreach.programme.enums import EnrolmentStatus
from outreach.tests.factories import OutreachEventFactory
from outreach.tests.factories import registered as registered_for
from outreach.tests.programme_factories import applied
from tests.browser.steps import download, log_out, mails_to, sign_in
from tests.factories import UserFactory
from volunteers.enums import VolunteerApplicationStatus
from volunteers.services.medical import upload_medical_certificate
from volunteers.tests.factories import MEDICAL_PDF, interviewed_application

pytestmark = pytest.mark.django_db(transaction=True)
NIAMH = "niamh.oconnor@example.org"


def heading(page):
    return page.get_by_role("heading", level=1)


def test_the_head_of_resourcing_finds_a_person_downloads_their_data_and_erases_it(page, live_server, axe_check):
    head = UserFactory(roles=[Role.HEAD_OF_RESOURCING], mfa=True, full_name="Helen Resourcing")
    niamh = UserFactory(email=NIAMH, full_name="Niamh O'Connor")
    volunteering = interviewed_application(fitness=False, applicant=niamh, motivation="To help in Sevenoaks.")
    upload_medical_certificate(volunteering, by=niamh, upload=SimpleUploadedFile("certificate.pdf", MEDICAL_PDF))
    enrolment = applied(candidate=niamh)
    workshop = OutreachEventFactory(capacity=1)
    place = registered_for(workshop, email=NIAMH, full_name="Niamh O'Connor")
    waiting = registered_for(workshop, email="wes.waiting@example.org", full_name="Wes Waiting")

    page.goto(live_server.url + "/")
    axe_check(page)
    sign_in(page, head)
    expect(heading(page)).to_have_text("Staff dashboard")
    axe_check(page)
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Personal data requests").click()
    expect(heading(page)).to_have_text("Personal data requests")
    axe_check(page)
    page.get_by_label("Their email address").fill("niamh.oconnor@")
    page.get_by_role("button", name="Find what is held").click()
    expect(page.get_by_role("alert")).to_contain_text("Enter a valid email address")
    expect(page.get_by_label("Their email address")).to_have_value("niamh.oconnor@")  # kept
    axe_check(page)
    page.get_by_label("Their email address").fill(NIAMH.upper())
    page.get_by_role("button", name="Find what is held").click()
    held = page.get_by_role("table", name="Records held, by kind")
    for kind in ("Account", "Volunteer applications", "Medical certificates", "Positive Action Programme"):
        expect(held).to_contain_text(kind)
    expect(held).to_contain_text("Event registrations")
    expect(page.get_by_role("main")).to_contain_text("Equality monitoring answers are not included")
    axe_check(page)

    archive = zipfile.ZipFile(io.BytesIO(download(page, page.get_by_role("button", name="Download everything (ZIP)"))))
    names = archive.namelist()
    assert "README.txt" in names and "volunteer-applications.json" in names
    assert json.loads(archive.read("account.json"))[0]["full name"] == "Niamh O'Connor"
    assert any(name.startswith("files/medical-certificates/") for name in names)
    assert ActionLog.objects.filter(action="export_personal_data", actor=head).count() == 1

    page.get_by_role("button", name="Erase…").click()
    expect(heading(page)).to_have_text(f"Erase the personal data of {NIAMH}?")
    plan = page.get_by_role("table", name="What erasure will do, kind by kind")
    expect(plan).to_contain_text("Volunteer applications")
    expect(plan).to_contain_text("The action log records who did what, and is kept")
    ended_first = page.get_by_role("region", name="Ended first")
    expect(ended_first).to_contain_text("1 live volunteer application will be withdrawn first")
    expect(ended_first).to_contain_text("1 live event registration will be cancelled first")
    expect(ended_first).to_contain_text("1 live Positive Action Programme enrolment will be withdrawn first")
    axe_check(page)
    emailed_niamh = len(mails_to(NIAMH))
    page.get_by_role("button", name="Erase their personal data").click()
    expect(heading(page)).to_have_text("Personal data erased")
    expect(page.get_by_role("main")).to_contain_text("Their account is closed")
    expect(page.get_by_role("region", name="Ended first")).to_contain_text(
        "1 live volunteer application was withdrawn first"
    )
    axe_check(page)
    page.get_by_role("link", name="Back to personal data requests").click()
    expect(heading(page)).to_have_text("Personal data requests")
    log_out(page)

    # Niamh tries to log in: her address belongs to no account now.
    sign_in(page, niamh)
    expect(page.get_by_role("main")).to_contain_text("not correct")
    axe_check(page)
    niamh.refresh_from_db()
    assert niamh.full_name == "Erased person" and not niamh.is_active
    # her live records were ended first, by the Head of Resourcing: nobody goes on working on them
    volunteering.refresh_from_db()
    enrolment.refresh_from_db()
    assert (volunteering.status, enrolment.status) == (VolunteerApplicationStatus.WITHDRAWN, EnrolmentStatus.WITHDRAWN)
    assert EventRegistration.objects.get(pk=place.pk).status == RegistrationStatus.CANCELLED
    assert EventRegistration.objects.get(pk=waiting.pk).status == RegistrationStatus.REGISTERED
    assert any(message.subject.startswith("A place is now yours") for message in mails_to("wes.waiting@example.org"))
    assert len(mails_to(NIAMH)) == emailed_niamh  # not emailed about it: she asked to be erased
    assert set(ActionLog.objects.filter(action__endswith="_for_erasure").values_list("actor", flat=True)) == {head.pk}
