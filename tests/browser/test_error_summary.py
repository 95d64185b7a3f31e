"""Issue 8, section 6: the error summary takes focus when the page loads, so a screen
reader reads "There is a problem" first and a keyboard user tabs on to its links. It is
done by static/js/error-summary.js (CSP: no inline script) and checked in Chromium."""

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.django_db(transaction=True)

FOCUSED = "document.activeElement.matches('[data-error-summary]')"


@pytest.mark.parametrize(
    "url, button",
    [("/work-experience/interest/", "Tell me"), ("/partners/register/", "Register your interest")],
)
def test_the_error_summary_takes_focus_after_an_invalid_submission(page, live_server, axe_check, url, button):
    page.goto(live_server.url + url)
    assert not page.evaluate(FOCUSED)  # no summary, nothing taken, on a fresh form
    page.get_by_role("button", name=button).click()
    summary = page.locator("[data-error-summary]")
    expect(summary).to_contain_text("There is a problem")
    expect(summary).to_be_focused()
    assert page.evaluate(FOCUSED)
    page.keyboard.press("Tab")  # the first link of the summary is next
    assert page.evaluate("document.activeElement.getAttribute('href')").startswith("#id_")
    axe_check(page)


def test_a_summary_link_moves_to_its_field(page, live_server):
    page.goto(live_server.url + "/work-experience/interest/")
    page.get_by_label("Your name").fill("Sam Keen")
    page.get_by_role("button", name="Tell me").click()
    page.locator("[data-error-summary]").get_by_role("link", name="Email address: Enter your email address.").click()
    expect(page.get_by_label("Email address")).to_be_focused()
    expect(page.get_by_label("Your name")).to_have_value("Sam Keen")  # what was typed is kept


def test_a_summary_link_to_a_radio_question_moves_focus_to_its_choices(page, live_server):
    page.goto(live_server.url + "/partners/register/")
    page.get_by_role("button", name="Register your interest").click()
    page.locator("[data-error-summary]").get_by_role("link", name="What kind of organisation is it?").click()
    expect(page.locator("#id_kind")).to_be_focused()
    page.keyboard.press("Tab")  # and on into the choices: none is taken out of the tab order
    expect(page.get_by_role("radio").first).to_be_focused()
