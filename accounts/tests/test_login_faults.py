"""Logging in works under faults (issue 8 §3): with Redis stopped (cache and broker) the
password step, the TOTP step, sign-up and password reset give their usual pages, and
rate limiting degrades to each process's memory instead of failing with a 500.

Redis is "stopped" by pointing the settings at a port nothing listens on."""

import re

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from accounts.models import User
from accounts.roles import Role
from kentplacements.celery import app
from kentplacements.settings import redis_cache
from notifications.enums import NotificationStatus
from notifications.models import Notification
from tests.factories import PASSWORD, UserFactory

from .test_login import current_code, log_in

pytestmark = pytest.mark.django_db

CLOSED_PORT = "redis://127.0.0.1:6390/0"
TOO_MANY = "Too many failed login attempts"


@pytest.fixture
def redis_down(settings):
    settings.CACHES = {**settings.CACHES, "default": redis_cache(CLOSED_PORT)}
    cache.clear()  # the fallback store lives as long as the process: start clean


@pytest.fixture
def broker_down():
    """Celery's own configuration, not Django's settings: the app reads them at start-up."""
    previous = app.conf.broker_url, app.conf.task_always_eager, app._pool, app.amqp._producer_pool
    app.conf.broker_url = CLOSED_PORT
    app.conf.task_always_eager = False
    app._pool = app.amqp._producer_pool = None  # connect to the new URL
    yield
    app.conf.broker_url, app.conf.task_always_eager, app._pool, app.amqp._producer_pool = previous


def outage_warnings(caplog):
    records = caplog.get_records("setup") + caplog.get_records("call")  # the fixture's clear() starts the outage
    return [r.getMessage() for r in records if r.name == "kentplacements.cache" and r.levelname == "WARNING"]


def test_logging_in_works_and_one_warning_without_personal_data_is_logged(client, redis_down, caplog):
    user = UserFactory(email="alex@example.org")
    response = log_in(client, "alex@example.org")
    assert response.url == reverse("home")
    assert int(client.session["_auth_user_id"]) == user.pk
    assert client.get(reverse("my_account")).status_code == 200

    warnings = outage_warnings(caplog)
    assert len(warnings) == 1  # once per outage, not once per cache call
    assert "Redis cache unreachable" in warnings[0]
    assert "alex" not in caplog.text


def test_failed_logins_are_still_limited_while_redis_is_down(client, redis_down):
    UserFactory(email="alex@example.org")
    for _ in range(5):
        log_in(client, "alex@example.org", "wrong-password")
    response = log_in(client, "alex@example.org")
    assert TOO_MANY in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_the_totp_step_works_and_a_used_code_is_refused_while_redis_is_down(client, redis_down):
    staff = UserFactory(email="rita@example.org", roles=[Role.RECRUITMENT_TEAM], mfa=True)
    assert log_in(client, "rita@example.org").url == reverse("mfa_authenticate")
    code = current_code(staff.totp_secret)
    response = client.post(reverse("mfa_authenticate"), {"code": code})
    assert response.url == reverse("home")
    assert client.get(reverse("home")).url == reverse("staff_dashboard")

    # Someone who saw the code (and knows the password) cannot use it again.
    client.logout()
    log_in(client, "rita@example.org")
    response = client.post(reverse("mfa_authenticate"), {"code": code})
    assert "Incorrect code." in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_a_used_code_is_refused_by_another_worker_while_redis_is_down(client, redis_down, time_machine):
    """Each worker process has its own fallback memory; the database is shared."""
    time_machine.move_to("2027-03-01 09:00:05Z", tick=False)
    staff = UserFactory(email="rita@example.org", roles=[Role.RECRUITMENT_TEAM], mfa=True)
    code = current_code(staff.totp_secret)
    log_in(client, "rita@example.org")
    assert client.post(reverse("mfa_authenticate"), {"code": code}).url == reverse("home")

    cache.clear()  # what another worker remembers: nothing
    other = Client()
    log_in(other, "rita@example.org")
    response = other.post(reverse("mfa_authenticate"), {"code": code})
    assert "Incorrect code." in response.content.decode()
    assert "_auth_user_id" not in other.session

    time_machine.move_to("2027-03-01 09:00:35Z", tick=False)  # the next 30-second code
    response = other.post(reverse("mfa_authenticate"), {"code": current_code(staff.totp_secret)})
    assert response.url == reverse("home")
    assert int(other.session["_auth_user_id"]) == staff.pk


def test_signing_up_works_with_cache_and_broker_down(
    client, redis_down, broker_down, caplog, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("account_signup"),
            {"full_name": "Jo Bloggs", "email": "jo@example.org", "password1": PASSWORD, "password2": PASSWORD},
        )
    assert response.url == reverse("account_email_verification_sent")
    assert User.objects.get(email="jo@example.org").full_name == "Jo Bloggs"
    notification = Notification.objects.get(recipient="jo@example.org")
    assert notification.status == NotificationStatus.QUEUED  # the outbox sweep sends it later
    assert "/accounts/confirm-email/" in notification.body_text
    assert "Could not queue notification" in caplog.text


def test_a_password_reset_is_queued_with_cache_and_broker_down(
    client, redis_down, broker_down, caplog, django_capture_on_commit_callbacks
):
    UserFactory(email="alex@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("account_reset_password"), {"email": "alex@example.org"})
    assert response.url == reverse("account_reset_password_done")
    assert "We have sent you an email." in client.get(response.url).content.decode()

    # The broker refused the task: the message waits in the outbox for the sweep.
    notification = Notification.objects.get(recipient="alex@example.org")
    assert notification.status == NotificationStatus.QUEUED
    assert re.search(r"/accounts/password/reset/key/\S+/", notification.body_text)
    assert "Could not queue notification" in caplog.text
