"""Steps every journey takes, in the browser as the person who takes them (issue 8 §5:
nothing between steps is done with service calls or factories; issue 9: after the
first page, nothing but clicks — no ``page.goto`` to an inner address)."""

import re
import time
from datetime import datetime
from datetime import time as clock
from pathlib import Path
from urllib.parse import urlparse

from allauth.mfa import app_settings as mfa_settings
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value, yield_hotp_counters_from_time
from django.core import mail
from django.utils import timezone
from playwright.sync_api import expect

from tests.factories import PASSWORD

# A code typed in the last seconds of its period may reach the server in the next one (allauth
# allows no drift by default): like a person watching their authenticator, wait for the next.
LAST_SECONDS_OF_A_CODE = 5


def current_code(secret):
    left = mfa_settings.TOTP_PERIOD - time.time() % mfa_settings.TOTP_PERIOD
    if left < LAST_SECONDS_OF_A_CODE:
        time.sleep(left)
    counters = list(yield_hotp_counters_from_time())
    return format_hotp_value(hotp_value(secret, counters[len(counters) // 2]))


def last_link(recipient, pattern):
    """The path (and query, if any) of the first link matching ``pattern`` in the newest
    mail to ``recipient``."""
    message = next(m for m in reversed(mail.outbox) if m.to == [recipient] and re.search(pattern, m.body))
    link = urlparse(re.search(pattern, message.body).group(0))
    return link.path + (f"?{link.query}" if link.query else "")


def mails_to(recipient):
    """The messages delivered to ``recipient``, oldest first."""
    return [message for message in mail.outbox if message.to == [recipient]]


def at(time_machine, day, hour, minute=0):
    """The clock moved to ``hour``:``minute`` on ``day`` (Kent time), and running: the days a
    journey waits for (an interview, a placement's first day) come without waiting."""
    time_machine.move_to(timezone.make_aware(datetime.combine(day, clock(hour, minute))), tick=True)


def log_in(page, live_server, user):
    """Log in from the landing page, with the authenticator code when the user has one;
    the page ends on the person's home."""
    page.goto(live_server.url + "/")
    sign_in(page, user)


def sign_in(page, user, password=PASSWORD):
    """From any page with the bar's "Log in" link: the login form, then the authenticator
    code when the user has one. The page ends where login sends the person (their home)."""
    page.get_by_role("link", name="Log in").first.click()
    page.get_by_label("Email").fill(user.email)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Log in").click()
    if getattr(user, "totp_secret", None):
        page.get_by_label("Code").fill(current_code(user.totp_secret))
        page.get_by_role("main").get_by_role("button").first.click()


def activate_authenticator(page):
    """On allauth's set-up page: the code from the secret it shows, as an authenticator app
    would give it, then "Activate". Returns the secret."""
    secret = page.locator("#authenticator_secret").input_value()
    page.get_by_label("Authenticator code").fill(current_code(secret))
    page.get_by_role("button", name="Activate").click()
    return secret


def as_person(browser, live_server, user):
    """A new browser (context) for another person, logged in and on their home page."""
    page = browser.new_context().new_page()
    page.set_default_timeout(10_000)
    log_in(page, live_server, user)
    return page


def log_out(page):
    page.get_by_role("button", name="Log out").click()
    expect(page.get_by_role("link", name="Log in").first).to_be_visible()


def hand_over(page, user):
    """The journey passes to ``user``: whoever is logged in logs out, and ``user`` logs
    in on the same browser, ending on their home. An authenticator code is taken once
    (accounts/mfa.py): a staff member who comes back within 30 seconds keeps their own
    browser instead (``as_person``), as they would."""
    log_out(page)
    sign_in(page, user)


def go_home(page, live_server=None):
    """The person's home, by clicking: the bar's "Your home" on our pages; from the back
    office (which has no bar), its "View site" link first."""
    if page.get_by_role("link", name="View site").count():
        page.get_by_role("link", name="View site").click()
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Your home", exact=True).click()


def open_queue(page, label):
    """On the staff home, the count of ``label`` ("Applications to shortlist"): the page
    ends on the list it links to. Returns the count the home showed."""
    link = page.get_by_role("link", name=re.compile(rf"^\d+ {re.escape(label)}$"))
    count = int(link.inner_text().split()[0])
    link.click()
    return count


def admin_rows(page):
    """The rows of the back office list on the page."""
    return page.locator("#result_list tbody tr")


def run_action_here(page, record, action):
    """On a back office list: tick ``record``, run ``action`` (the admin action that calls
    the service)."""
    page.get_by_role("row", name=re.compile(re.escape(record))).get_by_role("checkbox").check()
    page.get_by_label("Action:").select_option(label=action)
    page.get_by_role("button", name="Go").click()


def run_admin_action(page, live_server, model_link, record, action):
    """From the staff dashboard: the back office, the model's list, tick ``record``, run
    ``action``. The page ends on the list (or on the action's own form)."""
    go_home(page, live_server)
    page.get_by_role("link", name="Open the back office").click()
    page.get_by_role("link", name=model_link, exact=True).click()
    run_action_here(page, record, action)


def download(page, link):
    """Click ``link`` (a file sent as an attachment); returns the file's bytes."""
    with page.expect_download() as downloading:
        link.click()
    return Path(downloading.value.path()).read_bytes()


def fill_partner_registration(page, *, organisation, contact_name, contact_email):
    """The public form to register an organisation's interest (seed 000), filled in as a
    charity working with mental ill-health and dementia in Maidstone."""
    page.get_by_label("Name of your organisation").fill(organisation)
    page.get_by_label("Charity", exact=True).check()
    page.get_by_label("Charity or company number").fill("1101234")
    page.get_by_label("We are a member of KICA").check()
    page.get_by_label("Mental ill-health").check()
    page.get_by_label("Dementia").check()
    page.locator("#id_address").fill("1 Week Street\nMaidstone")
    page.get_by_label("Postcode").fill("me14 1xx")
    page.get_by_label("District of Kent").select_option(label="Maidstone")
    page.get_by_label("What would a placement with you involve?").fill("Officers join our peer-support groups.")
    page.get_by_label("Your full name").fill(contact_name)
    page.get_by_label("Your email address").fill(contact_email)
    page.get_by_label("Your phone number").fill("01622 123456")


def fill_application(page):
    """A work-experience application (seed 001) from a 17-year-old who meets the programme's
    one criterion, with a parent or guardian's details."""
    page.get_by_label("Date of birth").fill("2010-03-01")
    page.get_by_label("School or college", exact=True).fill("Maidstone Grammar School")
    page.get_by_label("Yes").check()
    page.get_by_label("Personal statement").fill("I would like to see how the police keep people safe.")
    page.get_by_label("Emergency contact's name").fill("Pat Student")
    page.get_by_label("Emergency contact's phone number").fill("07911 123456")
    page.get_by_label("Parent or guardian's name").fill("Pat Student")
    page.get_by_label("Parent or guardian's email").fill("pat.student@example.org")
    page.get_by_label("Parent or guardian's phone number").fill("07911 123456")
