"""Fixtures for the outbox tests: email templates, a broken broker, a broken SMTP server,
and a clock the tests move by hand."""

import datetime as dt
import smtplib

import pytest
from django.core.mail.backends.base import BaseEmailBackend
from kombu.exceptions import OperationalError

from notifications import tasks

# Email templates as an app would ship them under templates/<app>/email/ (STYLE.md),
# served by the locmem loader so no fake templates live in the app directories.
EMAIL_TEMPLATES = {
    "placements/email/placement_offered_subject.txt": (
        "Your placement at\n  {{ partner }}\n{% if urgent %}(reply today){% endif %}\n"
    ),
    "placements/email/placement_offered.txt": (
        "Dear {{ name }},\n\n{{ partner }} has offered you a work-experience placement starting {{ start }}.\n"
    ),
    "placements/email/placement_offered.html": (
        "<p>Dear {{ name }},</p><p><strong>{{ partner }}</strong> has offered you a placement starting {{ start }}.</p>"
    ),
    # a message with no HTML version
    "placements/email/reminder_subject.txt": "Reminder: {{ what }}",
    "placements/email/reminder.txt": "Please remember: {{ what }}.\n",
}


@pytest.fixture
def email_templates(settings):
    """Our TEMPLATES setting (strict string_if_invalid included) with a locmem loader
    in front of the usual ones; APP_DIRS must be off when loaders are given."""
    engine = settings.TEMPLATES[0]
    settings.TEMPLATES = [
        {
            **engine,
            "APP_DIRS": False,
            "OPTIONS": {
                **engine["OPTIONS"],
                "loaders": [
                    ("django.template.loaders.locmem.Loader", EMAIL_TEMPLATES),
                    "django.template.loaders.filesystem.Loader",
                    "django.template.loaders.app_directories.Loader",
                ],
            },
        }
    ]
    return EMAIL_TEMPLATES


class FailingSMTPBackend(BaseEmailBackend):
    """An SMTP server that answers every message with a temporary failure."""

    def send_messages(self, email_messages):
        raise smtplib.SMTPException("421 4.3.2 Service not available")


@pytest.fixture
def smtp_down(settings):
    """Call ``smtp_down.restore()`` to bring the (locmem) mail server back."""
    working = settings.EMAIL_BACKEND
    settings.EMAIL_BACKEND = f"{__name__}.FailingSMTPBackend"

    class Switch:
        @staticmethod
        def restore():
            settings.EMAIL_BACKEND = working

    return Switch


@pytest.fixture
def broker_down():
    """Both delivery tasks' ``delay`` fail as they do when Redis is unreachable;
    ``broker_down.restore()`` brings the broker back."""
    patch = pytest.MonkeyPatch()
    attempts = []

    def refuse(*args, **kwargs):
        attempts.append(args)
        raise OperationalError("Error 111 connecting to 127.0.0.1:6379. Connection refused.")

    patch.setattr(tasks.deliver_notification, "delay", refuse)
    patch.setattr(tasks.deliver_notifications, "delay", refuse)

    class Switch:
        publish_attempts = attempts
        restore = staticmethod(patch.undo)

    yield Switch
    patch.undo()


T0 = dt.datetime(2030, 3, 4, 9, 0, tzinfo=dt.UTC)


@pytest.fixture
def clock(time_machine):
    """A clock standing still at T0; ``clock.advance(seconds=...)`` moves it on."""
    time_machine.move_to(T0, tick=False)

    class Clock:
        start = T0
        now = T0

        @classmethod
        def advance(cls, **delta):
            cls.now += dt.timedelta(**delta)
            time_machine.move_to(cls.now, tick=False)
            return cls.now

    return Clock
