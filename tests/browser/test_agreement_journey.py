"""The Work Placement Agreement in Chromium (seed 001 3.4.1, 3.5.3; issue 10), each step by
the person who takes it: the applicant, 16 on the first day, reads and signs the agreement
from My applications; their guardian opens the emailed link, reads it and signs the
declaration of consent; both then find the signed agreement ready to download."""

import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from accounts.roles import Role
from placements.enums import ApplicationStatus
from placements.services.work_experience import request_agreement
from placements.tests.work_experience_factories import ApplicationFactory
from tests.browser.steps import last_link, log_in
from tests.factories import UserFactory
from vetting.models import AgreementStatus, Signature, WorkPlacementAgreement

pytestmark = pytest.mark.django_db(transaction=True)
APPLICANT = "alex.student@example.org"
GUARDIAN = "pat.parent@example.org"


def test_the_applicant_then_the_guardian_sign_and_both_get_the_pdf(page, browser, live_server, axe_check):
    # Before the journey: the application cleared, and the recruitment team asked for the agreement.
    applicant = UserFactory(email=APPLICANT, full_name="Alex Student", roles=[Role.APPLICANT])
    application = ApplicationFactory(
        applicant=applicant, status=ApplicationStatus.CLEARED, programme__title="Summer work experience 2027"
    )
    request_agreement(application, by=UserFactory(roles=[Role.RECRUITMENT_TEAM]))

    # The applicant signs in their account, from My applications.
    log_in(page, live_server, applicant)
    page.get_by_role("link", name=re.compile("Summer work experience 2027")).first.click()
    axe_check(page)
    page.get_by_role("link", name="Your Work Placement Agreement").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your Work Placement Agreement")
    expect(page.get_by_role("main")).to_contain_text("death benefit of up to £3,500")
    axe_check(page)
    page.get_by_role("button", name="Sign the agreement").click()  # nothing typed yet
    expect(page.get_by_role("main")).to_contain_text("Type your full name to sign.")
    axe_check(page)
    page.get_by_label("Your full name").fill("Alex Student")
    page.get_by_label(re.compile("I have read this agreement")).check()
    page.get_by_role("button", name="Sign the agreement").click()
    expect(page.get_by_role("main")).to_contain_text("We are waiting for the declaration of consent")
    axe_check(page)

    # The guardian opens the link in their email, with no account.
    guardian = browser.new_context().new_page()
    guardian.goto(live_server.url + last_link(GUARDIAN, r"https?://\S+/agreements/consent/\S+/"))
    expect(guardian.get_by_role("heading", level=1)).to_have_text("Declaration of consent for Alex Student")
    axe_check(guardian)
    guardian.get_by_label("Your full name").fill("Pat Parent")
    guardian.get_by_label(re.compile("I consent to them taking part")).check()
    guardian.get_by_role("button", name="Sign the declaration of consent").click()
    expect(guardian.get_by_role("main")).to_contain_text("you have signed the declaration of consent")
    # The PDF is prepared after the signature (here at once: tests run Celery's tasks eagerly).
    expect(guardian.get_by_role("main")).to_contain_text("is ready")
    axe_check(guardian)
    with guardian.expect_download() as download:
        guardian.get_by_role("link", name="Download the signed agreement (PDF)").click()
    assert download.value.suggested_filename.endswith(".pdf")

    # The applicant comes back to their agreement: it is ready for them too.
    page.reload()
    expect(page.get_by_role("main")).to_contain_text("Your signed agreement is ready")
    axe_check(page)
    with page.expect_download() as download:
        page.get_by_role("link", name="Download the signed agreement (PDF)").click()
    with open(download.value.path(), "rb") as pdf:
        assert pdf.read(5) == b"%PDF-"

    agreement = WorkPlacementAgreement.objects.get()
    assert agreement.status == AgreementStatus.READY
    assert sorted(Signature.objects.values_list("name", flat=True)) == ["Alex Student", "Pat Parent"]
    ready = [m.to for m in mail.outbox if "is ready" in m.subject]
    assert sorted(ready) == [[APPLICANT], [GUARDIAN]]
