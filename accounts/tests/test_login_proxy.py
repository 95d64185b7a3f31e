"""Behind the production proxy every request reaches us from the proxy's address
(issue 8 §3): the per-address failed-login limit must count each client's own address,
read from the X-Forwarded-For entry the proxy appends, and one account's failures must
not lock another account's correct login."""

import runpy

import pytest
from allauth.core.internal.ratelimit import parse_rates
from django.conf import settings
from django.test import Client
from django.urls import reverse

from kentplacements import settings as settings_module
from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

PROXY = "10.0.0.2"  # REMOTE_ADDR of every request: the proxy
TOO_MANY = "Too many failed login attempts"


@pytest.fixture(autouse=True)
def behind_one_proxy(settings):
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1  # TRUSTED_PROXY_COUNT=1 in the environment


def test_the_proxy_is_configured_from_the_environment(monkeypatch):
    monkeypatch.setenv("DEBUG", "1")
    monkeypatch.setenv("TRUSTED_PROXY_COUNT", "1")
    monkeypatch.setenv("TRUSTED_CLIENT_IP_HEADER", "X-Real-IP")
    configured = runpy.run_path(settings_module.__file__)
    assert configured["ALLAUTH_TRUSTED_PROXY_COUNT"] == 1
    assert configured["ALLAUTH_TRUSTED_CLIENT_IP_HEADER"] == "X-Real-IP"


def failed_login_limit(per):
    (rate,) = [r for r in parse_rates(settings.ACCOUNT_RATE_LIMITS["login_failed"]) if r.per == per]
    return rate.amount


def log_in_via_proxy(client_address, email, password=PASSWORD, *, claimed=None):
    """A fresh browser at ``client_address``; the proxy appends that address to whatever
    X-Forwarded-For the browser sent (``claimed``)."""
    forwarded = f"{claimed}, {client_address}" if claimed else client_address
    client = Client(REMOTE_ADDR=PROXY)
    response = client.post(
        reverse("account_login"), {"login": email, "password": password}, HTTP_X_FORWARDED_FOR=forwarded
    )
    return client, response


def logged_in(client, user):
    return client.session.get("_auth_user_id") == str(user.pk)


def test_two_clients_behind_the_proxy_are_limited_separately():
    alex = UserFactory(email="alex@example.org")
    # One address tries a password on many accounts (never the same twice) up to its limit.
    for n in range(failed_login_limit("ip")):
        log_in_via_proxy("203.0.113.1", f"person{n}@example.org", "Summer2027!")
    client, response = log_in_via_proxy("203.0.113.1", "alex@example.org")
    assert TOO_MANY in response.content.decode()
    assert not logged_in(client, alex)

    client, response = log_in_via_proxy("203.0.113.2", "alex@example.org")
    assert response.url == reverse("home")
    assert logged_in(client, alex)


def test_a_forged_forwarded_address_does_not_escape_the_limit():
    alex = UserFactory(email="alex@example.org")
    for n in range(failed_login_limit("ip")):
        log_in_via_proxy("203.0.113.1", f"person{n}@example.org", "Summer2027!", claimed=f"198.51.100.{n}")
    client, response = log_in_via_proxy("203.0.113.1", "alex@example.org", claimed="198.51.100.250")
    assert TOO_MANY in response.content.decode()
    assert not logged_in(client, alex)


def test_wrong_passwords_for_one_account_do_not_lock_another_accounts_login():
    alex = UserFactory(email="alex@example.org")
    sam = UserFactory(email="sam@example.org")
    for _ in range(failed_login_limit("key")):
        log_in_via_proxy("203.0.113.1", "alex@example.org", "wrong-password")
    # Alex's account is protected from further guessing, wherever it comes from ...
    client, response = log_in_via_proxy("203.0.113.9", "alex@example.org")
    assert TOO_MANY in response.content.decode()
    assert not logged_in(client, alex)

    # ... but Sam logs in, from another address and from the same one.
    for address in ("203.0.113.2", "203.0.113.1"):
        client, response = log_in_via_proxy(address, "sam@example.org")
        assert response.url == reverse("home")
        assert logged_in(client, sam)
