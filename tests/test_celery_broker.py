"""The outbox through a real broker and a real worker (Redis in CI, Celery's in-memory
transport elsewhere): no eager mode, real commits (STACK.md: eager mode hides
transaction bugs)."""

import time

import pytest
from celery.contrib.testing.worker import start_worker
from django.core import mail
from django.db import transaction

from kentplacements.celery import app
from notifications.models import Notification
from notifications.services import queue_rendered

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def worker():
    app.conf.task_always_eager = False
    with start_worker(app, perform_ping_check=False, pool="solo", loglevel="WARNING", shutdown_timeout=10):
        yield
    app.conf.task_always_eager = True


def wait_for(condition, seconds=15):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.1)
    return False


def test_a_committed_notification_is_delivered_by_a_worker(worker):
    with transaction.atomic():
        notification = queue_rendered(
            recipient="jo@example.org", template="tests/broker", subject="Your placement", body_text="Hello Jo"
        )
        # inside the transaction nothing has been handed to the broker yet
        assert Notification.objects.get(pk=notification.pk).status == "queued"

    assert wait_for(lambda: Notification.objects.get(pk=notification.pk).status == "sent")
    assert [m.to for m in mail.outbox] == [["jo@example.org"]]
    assert mail.outbox[0].subject == "Your placement"
