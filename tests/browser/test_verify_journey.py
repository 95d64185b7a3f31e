"""Issue 10: "The verify page accepts the PDF and rejects a tampered copy." A visitor (a
school, say, shown an agreement) goes from the site's front page to the verify page by
its footer link, checks the sealed agreement, then a copy with one byte changed."""

import pytest
from playwright.sync_api import expect

from placements.tests.work_experience_factories import ApplicationFactory
from vetting.sealing import issue
from vetting.tests.test_sealing import one_byte_changed

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_visitor_checks_a_sealed_agreement_then_a_tampered_copy(page, live_server, axe_check, unsealed_pdf, tmp_path):
    application = ApplicationFactory(applicant__full_name="Alex Applicant")
    # sealed in this thread, where Playwright's event loop runs (vetting.sealing._off_the_event_loop)
    sealed, _ = issue(
        unsealed_pdf, description="Work Placement Agreement", issued_to="Alex Applicant", record=application
    )
    genuine, tampered = tmp_path / "agreement.pdf", tmp_path / "agreement-edited.pdf"
    genuine.write_bytes(sealed)
    tampered.write_bytes(one_byte_changed(sealed))

    page.goto(live_server.url + "/")
    axe_check(page)  # the footer's link, on every page
    page.get_by_role("contentinfo").get_by_role("link", name="Check a Work Placement Agreement").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Check a Work Placement Agreement")
    axe_check(page)

    page.get_by_label("The PDF to check").set_input_files(genuine)
    page.get_by_role("button", name="Check the document").click()
    expect(page.get_by_role("status")).to_contain_text(
        "Valid: a Work Placement Agreement issued here to Alex Applicant"
    )
    axe_check(page)

    page.get_by_label("The PDF to check").set_input_files(tampered)
    page.get_by_role("button", name="Check the document").click()
    expect(page.get_by_role("status")).to_contain_text("has been altered since")
    expect(page.get_by_role("main")).not_to_contain_text("Alex Applicant")
    axe_check(page)

    # a file that is not a PDF: told next to the field
    (tmp_path / "notes.pdf").write_bytes(b"just some text")
    page.get_by_label("The PDF to check").set_input_files(tmp_path / "notes.pdf")
    page.get_by_role("button", name="Check the document").click()
    expect(page.locator("#error_1_id_document")).to_have_text("The file must be a PDF.")
    axe_check(page)
