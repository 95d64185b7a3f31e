"""Outreach events in Chromium (issue 12 "Events"), by clicking only: a visitor goes from
the landing page to the events, registers for the last place and ends on the confirmation
with its calendar file (and the email with the file attached); a second visitor joins the
waiting list; the first cancels from the link in her email (the page asks, the button
cancels), and the first waiting is given the place and emailed. Then the Diversity
Placements Officer takes the register of an event that has started, from her home's count."""

import re

import pytest
from icalendar import Calendar
from playwright.sync_api import expect

from accounts.roles import Role
from outreach.tests.factories import OutreachEventFactory, attendance_to_record
from tests.browser.steps import as_person, download, last_link, mails_to, open_queue
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db(transaction=True)
TITLE = "SEARCH assessment workshop, Canterbury"
AMARA, GRACE = "amara.okafor@example.org", "grace.mensah@example.org"


def heading(page):
    return page.get_by_role("heading", level=1)


def register(page, axe_check, *, name, email, button):
    """From the landing page: the card's link, the event, its form, sent with a mistake first."""
    page.get_by_role("link", name="See the workshops and events").click()
    expect(heading(page)).to_have_text("Positive action workshops and events")
    axe_check(page)
    page.get_by_role("link", name=TITLE).click()
    expect(heading(page)).to_have_text(TITLE)
    axe_check(page)
    page.get_by_role("main").get_by_role("link", name=button).click()
    expect(heading(page)).to_have_text(f"Register: {TITLE}")
    page.get_by_label("Your full name").fill(name)
    page.get_by_label("Your email address").fill(email)
    page.get_by_label("Your phone number").fill("12")
    page.get_by_label("Police officer", exact=True).check()
    page.get_by_label("Access needs (optional)").fill("A hearing loop, please.")
    page.get_by_role("button", name=button).click()
    expect(page.get_by_role("alert")).to_contain_text("Enter a UK phone number")
    expect(page.get_by_label("Your full name")).to_have_value(name)  # kept
    axe_check(page)
    page.get_by_label("Your phone number").fill("07911 123456")
    page.get_by_role("button", name=button).click()
    expect(heading(page)).to_have_text("Help us check we are fair")  # issue 12: optional
    axe_check(page)
    page.get_by_role("link", name="Skip these questions").click()
    expect(heading(page)).to_have_text("Thank you for registering")
    expect(page.get_by_role("main")).to_contain_text(f"We have emailed {email}")
    axe_check(page)


def test_register_get_the_calendar_file_cancel_from_the_email_and_the_first_waiting_is_given_the_place(
    page, browser, live_server, axe_check
):
    OutreachEventFactory(title=TITLE, capacity=1, venue="Canterbury Police Station")

    # Amara, from the landing page: the last place.
    page.goto(live_server.url + "/")
    register(page, axe_check, name="Amara Okafor", email=AMARA, button="Register")
    ics = Calendar.from_ical(download(page, page.get_by_role("link", name=re.compile(r"\.ics file"))))
    [event] = ics.walk("VEVENT")
    assert str(event["summary"]) == TITLE and str(event["location"]).startswith("Canterbury Police Station")
    [confirmation] = mails_to(AMARA)
    assert confirmation.subject == f"Your place at {TITLE}"
    [(filename, content, mimetype)] = confirmation.attachments
    assert (filename, mimetype) == ("kent-police-event.ics", "text/calendar") and TITLE in content
    assert "/positive-action/cancel/" in confirmation.body

    # Grace, in her own browser: the event is full, so the waiting list.
    grace = browser.new_context().new_page()
    grace.set_default_timeout(10_000)
    grace.goto(live_server.url + "/")
    register(grace, axe_check, name="Grace Mensah", email=GRACE, button="Join the waiting list")
    assert mails_to(GRACE)[-1].subject == f"You are on the waiting list: {TITLE}"

    # Amara cannot come: the link in her email asks first; the button cancels.
    page.goto(live_server.url + last_link(AMARA, r"https?://\S+/positive-action/cancel/\S+/"))
    expect(heading(page)).to_have_text("Cancel your registration?")
    expect(page.get_by_role("main")).to_contain_text("your place goes to the first person on the waiting list")
    axe_check(page)
    page.get_by_role("button", name="Yes, cancel my registration").click()
    expect(heading(page)).to_have_text("Your registration is cancelled")
    axe_check(page)
    page.reload()  # the link is used: it says so
    expect(heading(page)).to_have_text("This link does not work")
    expect(page.get_by_role("main")).to_contain_text("already cancelled")
    axe_check(page)
    assert mails_to(AMARA)[-1].subject == f"Your registration is cancelled: {TITLE}"

    # Grace, first on the waiting list, is given the place and emailed, with a link of her own.
    promoted = mails_to(GRACE)[-1]
    assert promoted.subject == f"A place is now yours: {TITLE}"
    assert "it is now yours" in promoted.body and promoted.attachments
    grace.goto(live_server.url + last_link(GRACE, r"https?://\S+/positive-action/cancel/\S+/"))
    expect(grace.get_by_role("main")).to_contain_text("Grace Mensah, you are registered for")
    axe_check(grace)
    grace.context.close()


def test_the_officer_takes_the_register_of_an_event_from_her_homes_count(browser, live_server, axe_check):
    event = attendance_to_record(people=2)
    came, absent = event.registrations.order_by("pk")
    officer = as_person(browser, live_server, UserFactory(roles=[Role.DIVERSITY_PLACEMENTS_OFFICER], mfa=True))

    assert open_queue(officer, "Outreach events: attendance to record") == 1
    expect(heading(officer)).to_have_text("Outreach events")
    axe_check(officer)
    officer.get_by_role("link", name=event.title).click()
    expect(officer.get_by_role("main")).to_contain_text("2 people's attendance not recorded yet")
    axe_check(officer)
    officer.get_by_label(came.full_name).check()
    officer.get_by_role("button", name="Save the register").click()
    expect(officer.get_by_role("status")).to_contain_text("The register is saved.")
    registered = officer.get_by_role("region", name="Registered")
    expect(registered.get_by_role("row", name=re.compile(came.full_name))).to_contain_text("Attended")
    expect(registered.get_by_role("row", name=re.compile(absent.full_name))).to_contain_text("Did not attend")
    axe_check(officer)
    officer.context.close()
