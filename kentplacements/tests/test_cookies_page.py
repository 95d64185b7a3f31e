"""The cookies page (issue 13): it lists exactly the cookies the site sets, from settings,
and every page's footer links to it."""

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from kentplacements.cookies import essential_cookies
from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db


def test_the_page_lists_the_cookies_named_in_settings(client):
    page = client.get(reverse("cookies")).content.decode()
    names = [cookie.name for cookie in essential_cookies()]
    assert names == [settings.SESSION_COOKIE_NAME, settings.CSRF_COOKIE_NAME]
    for name in names:
        assert f"<code>{name}</code>" in page
    assert "does not ask for your consent" in page


def test_production_names_are_host_prefixed():
    """With DEBUG off the cookies are __Host- names (settings.py); the page shows those."""
    import importlib
    import os

    from kentplacements import settings as module

    saved = dict(os.environ)
    os.environ.update({"DEBUG": "0", "SECRET_KEY": "x" * 50})
    try:
        production = importlib.reload(module)
        assert (production.SESSION_COOKIE_NAME, production.CSRF_COOKIE_NAME) == (
            "__Host-sessionid",
            "__Host-csrftoken",
        )
    finally:
        os.environ.clear()
        os.environ.update(saved)
        importlib.reload(module)


def test_the_site_sets_no_cookie_the_page_does_not_list():
    """A visitor who reads a form, sends it with a message shown, logs in and out."""
    listed = {cookie.name for cookie in essential_cookies()}
    user = UserFactory()
    browser = Client()
    set_cookies = set()
    for step in (
        lambda: browser.get(reverse("landing")),
        lambda: browser.get(reverse("partner_register")),
        lambda: browser.post(reverse("partner_register"), {}),  # the form with its problems
        lambda: browser.get(reverse("account_login")),
        lambda: browser.post(reverse("account_login"), {"login": user.email, "password": PASSWORD}, follow=True),
        lambda: browser.post(reverse("account_logout"), follow=True),  # "You have logged out" message
    ):
        step()
        set_cookies |= set(browser.cookies)  # every cookie any response of the step set
    assert set_cookies <= listed, set_cookies - listed
    assert set_cookies == listed


def test_every_page_links_to_it(client):
    for url in (reverse("landing"), reverse("partner_register"), reverse("account_login")):
        assert f'href="{reverse("cookies")}"' in client.get(url).content.decode()
