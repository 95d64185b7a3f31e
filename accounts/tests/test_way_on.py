"""Issue 9 "Every person finds their way": after sign-up, email confirmation, login and MFA
set-up the person returns to where they were going; account emails and pages name the
site and use its words."""

import re
from html import unescape
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import allauth
import pytest
import time_machine
from allauth.account import app_settings as account_settings
from allauth.core import context as allauth_context
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone

from accounts.adapters import AccountAdapter
from accounts.middleware import GOING_TO_SESSION_KEY, set_up_done_url
from accounts.roles import Role
from notifications.models import Notification
from placements.tests.work_experience_factories import ProgrammeFactory
from tests.factories import PASSWORD, UserFactory

from .test_login import current_code, log_in

pytestmark = pytest.mark.django_db

ALLAUTH_EMAILS = Path(allauth.__file__).parent / "templates" / "account" / "email"


# --- emails name the site ------------------------------------------------------------------

# Everything any of allauth's account emails may use (they differ in what they need).
EMAIL_CONTEXT = {
    "user": None,  # set per test
    "activate_url": "http://127.0.0.1:8000/accounts/confirm-email/abc/",
    "key": "abc",
    "code": "",
    "password_reset_url": "http://127.0.0.1:8000/accounts/password/reset/",
    "signup_url": "http://127.0.0.1:8000/accounts/signup/",
    "ip": "192.0.2.1",
    "user_agent": "Firefox",
    "timestamp": "1 December 2026 10:00",
    "from_email": "old@example.org",
    "to_email": "jo@example.org",
    "deleted_email": "old@example.org",
}


# Each email allauth can send (base_message.txt is the frame of the others).
MESSAGES = sorted(p.name.removesuffix("_message.txt") for p in ALLAUTH_EMAILS.glob("*_message.txt"))
MESSAGES.remove("base")


@pytest.mark.parametrize("template", MESSAGES)
def test_every_account_email_names_the_site(template):
    user = UserFactory(email="jo@example.org", full_name="Jo Bloggs")
    with allauth_context.request_context(RequestFactory().get("/")):
        AccountAdapter().send_mail(f"account/email/{template}", user.email, {**EMAIL_CONTEXT, "user": user})

    message = Notification.objects.get(template=f"account/email/{template}")
    assert message.recipient == "jo@example.org"
    assert message.subject.startswith("Kent Placements: ")
    assert "Hello from Kent Placements!" in message.body_text
    assert "Thank you for using Kent Placements!\n127.0.0.1:8000" in message.body_text
    assert " !" not in message.body_text


# --- pages in the site's words -------------------------------------------------------------


def headings_and_buttons(response):
    """The page's h1 and the text of its buttons, inside <main> (the layout has its own)."""
    page = re.search(r"<main.*</main>", response.content.decode(), re.S).group(0)
    h1 = re.search(r"<h1[^>]*>\s*(.*?)\s*</h1>", page, re.S).group(1)
    buttons = [" ".join(b.split()) for b in re.findall(r"<button[^>]*>(.*?)</button>", page, re.S)]
    return h1, buttons, page


def test_log_in_and_create_an_account_pages_use_the_sites_words(client):
    h1, buttons, page = headings_and_buttons(client.get(reverse("account_login")))
    assert (h1, buttons[-1]) == ("Log in", "Log in")
    assert f'href="{reverse("account_signup")}">Create an account</a>' in page

    h1, buttons, page = headings_and_buttons(client.get(reverse("account_signup")))
    assert (h1, buttons[-1]) == ("Create an account", "Create an account")
    assert f'href="{reverse("account_login")}">Log in</a>' in page

    client.force_login(UserFactory())
    h1, buttons, logout_page = headings_and_buttons(client.get(reverse("account_logout")))
    assert (h1, buttons) == ("Log out", ["Log out"])
    for page in (logout_page, client.get(reverse("account_login")).content.decode()):
        assert "Sign In" not in page and "Sign Up" not in page and "Sign Out" not in page


def test_the_second_step_of_logging_in_says_log_in(client):
    officer = UserFactory(email="sarah@kent.police.example", roles=[Role.DIVERSITY_PLACEMENTS_OFFICER], mfa=True)
    assert log_in(client, officer.email).url == reverse("mfa_authenticate")
    h1, buttons, page = headings_and_buttons(client.get(reverse("mfa_authenticate")))
    assert h1 == "Two-Factor Authentication"
    assert buttons == ["Log in", "Cancel"]
    assert "Sign In" not in page


# --- back to where the person was going ----------------------------------------------------


def page_and_next(url):
    """``url``'s path and the ``next`` it carries."""
    parts = urlsplit(unescape(url))
    return parts.path, parse_qs(parts.query).get("next", [None])[0]


def test_signing_up_on_the_way_to_an_application_returns_there_after_confirming_and_logging_in(
    client, mailoutbox, django_capture_on_commit_callbacks
):
    apply_url = reverse("we_apply", args=[ProgrammeFactory().pk])
    login_url = client.get(apply_url).url
    assert page_and_next(login_url) == (reverse("account_login"), apply_url)
    # The log-in page's "Create an account" link keeps where the visitor was going.
    *_, login_page = headings_and_buttons(client.get(login_url))
    signup_url = unescape(re.search(r'href="([^"]+)">Create an account</a>', login_page).group(1))
    assert page_and_next(signup_url) == (reverse("account_signup"), apply_url)
    signup_page = client.get(signup_url).content.decode()
    assert f'<input type="hidden" name="next" value="{apply_url}">' in signup_page

    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            signup_url,
            {
                "full_name": "Jo Bloggs",
                "email": "jo@example.org",
                "password1": PASSWORD,
                "password2": PASSWORD,
                "next": apply_url,
            },
        )
    [message] = mailoutbox
    assert message.to == ["jo@example.org"]
    confirm_link = re.search(r"https?://testserver(/accounts/confirm-email/\S+)", message.body).group(1)

    # Confirming (perhaps in another browser: nothing comes from the session) leads to
    # the log-in page, then on to the application.
    client.logout()
    confirm_page = client.get(confirm_link).content.decode()
    next_field = re.search(r'<input type="hidden" name="next" value="([^"]+)">', confirm_page).group(1)
    assert page_and_next(next_field) == (reverse("account_login"), apply_url)
    response = client.post(confirm_link.split("?")[0], {"next": unescape(next_field)})
    assert page_and_next(response.url) == (reverse("account_login"), apply_url)
    response = client.post(response.url, {"login": "jo@example.org", "password": PASSWORD})
    assert response.url == apply_url
    assert "Summer work experience" in client.get(apply_url).content.decode()


NAV_WAY_IN = re.compile(r'<a class="nav-link" href="([^"]+)">(Log in|Create an account)</a>')


def nav_way_in(response):
    """The bar's "Log in" and "Create an account" links: label -> href."""
    return {label: unescape(href) for href, label in NAV_WAY_IN.findall(response.content.decode())}


def test_the_bars_log_in_link_brings_the_visitor_back_to_the_page_they_were_reading(client):
    user = UserFactory()
    page = reverse("we_programme", args=[ProgrammeFactory().pk]) + "?from=landing&x=1"

    links = nav_way_in(client.get(page))

    assert {label: page_and_next(href) for label, href in links.items()} == {
        "Log in": (reverse("account_login"), page),
        "Create an account": (reverse("account_signup"), page),
    }
    response = client.post(links["Log in"], {"login": user.email, "password": PASSWORD})
    assert response.url == page


@pytest.mark.parametrize("account_page", ["landing", "account_login", "account_signup", "account_reset_password"])
def test_on_the_start_log_in_and_sign_up_pages_the_bar_carries_no_way_back(client, account_page):
    # from the start page, logging in leads to the person's home
    assert nav_way_in(client.get(reverse(account_page))) == {
        "Log in": reverse("account_login"),
        "Create an account": reverse("account_signup"),
    }


def test_the_bar_never_carries_a_way_back_to_another_site(client):
    # a request for the path //evil.example/phish/ is answered by our 404 page, which draws the bar
    response = client.get("/", PATH_INFO="//evil.example/phish/")
    assert response.status_code == 404
    assert nav_way_in(response) == {"Log in": reverse("account_login"), "Create an account": reverse("account_signup")}


def test_a_confirmation_link_without_a_destination_leads_to_log_in_and_home(
    client, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("account_signup"),
            {"full_name": "Jo Bloggs", "email": "jo@example.org", "password1": PASSWORD, "password2": PASSWORD},
        )
    confirm_link = re.search(r"https?://testserver(/accounts/confirm-email/\S+/)$", mailoutbox[0].body, re.M).group(1)
    assert client.post(confirm_link).url == reverse("account_login")


def test_a_destination_on_another_site_is_not_carried_into_the_link(
    client, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("account_signup"),
            {
                "full_name": "Jo Bloggs",
                "email": "jo@example.org",
                "password1": PASSWORD,
                "password2": PASSWORD,
                "next": "https://evil.example/",
            },
        )
    assert "evil" not in mailoutbox[0].body


# --- two-factor set-up: once the password, then a way on -----------------------------------


def test_an_officer_sent_to_set_up_two_factor_types_the_password_once_and_continues_where_going(client):
    officer = UserFactory(email="sarah@kent.police.example", roles=[Role.DIVERSITY_PLACEMENTS_OFFICER])
    going_to = reverse("admin:placements_partnerorganisation_changelist")
    response = client.post(reverse("account_login"), {"login": officer.email, "password": PASSWORD, "next": going_to})
    assert response.url == going_to
    assert client.get(going_to).url == reverse("mfa_activate_totp")

    # Just logged in with the password: no second password, the set-up itself.
    page = client.get(reverse("mfa_activate_totp"))
    assert page.status_code == 200
    secret = page.context["form"].secret
    response = client.post(reverse("mfa_activate_totp"), {"code": current_code(secret)})
    assert response.url == reverse("mfa_view_recovery_codes")

    h1, _, page = headings_and_buttons(client.get(reverse("mfa_view_recovery_codes")))
    assert h1 == "Recovery Codes"
    assert f'<a href="{going_to}"' in page and re.search(r">\s*Continue\s*</a>", page)
    assert client.get(going_to).status_code == 200  # the way on is open now


def test_later_in_the_session_the_set_up_asks_for_the_password_again(client):
    officer = UserFactory(email="sarah@kent.police.example", roles=[Role.DIVERSITY_PLACEMENTS_OFFICER])
    log_in(client, officer.email)
    later = timezone.now() + timezone.timedelta(seconds=account_settings.REAUTHENTICATION_TIMEOUT + 1)
    with time_machine.travel(later):
        response = client.get(reverse("mfa_activate_totp"))
    assert response.url.startswith(reverse("account_reauthenticate"))


def test_without_a_destination_the_set_up_continues_to_the_persons_home(client):
    officer = UserFactory(email="sarah@kent.police.example", roles=[Role.DIVERSITY_PLACEMENTS_OFFICER])
    log_in(client, officer.email)
    secret = client.get(reverse("mfa_activate_totp")).context["form"].secret
    client.post(reverse("mfa_activate_totp"), {"code": current_code(secret)})
    page = client.get(reverse("mfa_view_recovery_codes")).content.decode()
    assert f'<a href="{reverse("home")}"' in page


def test_changing_a_second_factor_still_asks_for_the_password_right_after_logging_in(client):
    officer = UserFactory(email="sarah@kent.police.example", roles=[Role.DIVERSITY_PLACEMENTS_OFFICER], mfa=True)
    log_in(client, officer.email)
    client.post(reverse("mfa_authenticate"), {"code": current_code(officer.totp_secret)})
    assert client.get(reverse("staff_dashboard")).status_code == 200  # logged in, both factors
    for name in ("mfa_deactivate_totp", "mfa_generate_recovery_codes"):
        assert client.get(reverse(name)).url.startswith(reverse("account_reauthenticate"))


@pytest.mark.parametrize(("stored", "way_on"), [("/staff/?tab=2", "/staff/?tab=2"), ("//evil.example/", "/home/")])
def test_the_way_on_is_a_page_of_ours(stored, way_on):
    request = RequestFactory().get("/accounts/2fa/recovery-codes/")
    request.session = {GOING_TO_SESSION_KEY: stored}
    assert set_up_done_url(request) == way_on
