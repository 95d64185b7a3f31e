"""Steps every journey takes, in the browser as the person who takes them (issue 8 §5:
nothing between steps is done with service calls or factories)."""

import re
from urllib.parse import urlparse

from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value, yield_hotp_counters_from_time
from django.core import mail
from playwright.sync_api import expect

from tests.factories import PASSWORD


def current_code(secret):
    counters = list(yield_hotp_counters_from_time())
    return format_hotp_value(hotp_value(secret, counters[len(counters) // 2]))


def last_link(recipient, pattern):
    """The path (and query, if any) of the first link matching ``pattern`` in the newest
    mail to ``recipient``."""
    message = next(m for m in reversed(mail.outbox) if m.to == [recipient] and re.search(pattern, m.body))
    link = urlparse(re.search(pattern, message.body).group(0))
    return link.path + (f"?{link.query}" if link.query else "")


def log_in(page, live_server, user):
    """Log in from the landing page, with the authenticator code when the user has one;
    the page ends on the person's home."""
    page.goto(live_server.url + "/")
    page.get_by_role("link", name="Log in").first.click()
    page.get_by_label("Email").fill(user.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    if getattr(user, "totp_secret", None):
        page.get_by_label("Code").fill(current_code(user.totp_secret))
        page.get_by_role("main").get_by_role("button").first.click()


def as_person(browser, live_server, user):
    """A new browser (context) for another person, logged in and on their home page."""
    page = browser.new_context().new_page()
    page.set_default_timeout(10_000)
    log_in(page, live_server, user)
    return page


def log_out(page):
    page.get_by_role("button", name="Log out").click()
    expect(page.get_by_role("link", name="Log in").first).to_be_visible()


def go_home(page, live_server):
    """The person's home, by the "Your home" link every page of ours carries."""
    page.goto(live_server.url + "/")
    page.get_by_role("link", name="Your home", exact=True).click()


def run_admin_action(page, live_server, model_link, record, action):
    """From the staff dashboard: the back office, the model's list, tick ``record``, run
    ``action`` (the admin action that calls the service). The page ends on the list."""
    go_home(page, live_server)
    page.get_by_role("link", name="Open the back office").click()
    page.get_by_role("link", name=model_link, exact=True).click()
    page.get_by_role("row", name=re.compile(re.escape(record))).get_by_role("checkbox").check()
    page.get_by_label("Action:").select_option(label=action)
    page.get_by_role("button", name="Go").click()
