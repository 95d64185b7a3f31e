"""Delivery in batches (issue 13: "10,000 notifications through one worker in < 60 s, 0
duplicates"). Rows queued together go to the worker as one task per NOTIFICATIONS_BATCH_SIZE
rows, sent over one mail connection, each still marked in its own transaction: a failure or a
killed worker touches only the message in hand, and each keeps its own retries and backoff.

Real commits (``django_db(transaction=True)``): the hand-over happens in ``on_commit``.
"""

import threading
from datetime import timedelta

import pytest
from django.core import mail
from django.core.mail.backends.locmem import EmailBackend
from django.db import connections, transaction

from notifications import services, tasks
from notifications.enums import NotificationStatus
from notifications.models import Notification
from tests.concurrency import at_once, needs_postgresql

from .factories import NotificationFactory

S = NotificationStatus
pytestmark = pytest.mark.django_db(transaction=True)
REFUSED = "refused@example.org"


class CountingBackend(EmailBackend):
    """The locmem backend, counting the connections opened; a message to REFUSED is refused,
    and ``crash_on`` (a subject) stands for the worker being killed in the middle of sending it:
    nothing accepted, and the exception is not one the outbox catches."""

    opened = 0
    crash_on = None

    def open(self):
        if not getattr(self, "_open", False):
            self._open = True
            type(self).opened += 1
        return True

    def close(self):
        self._open = False

    def send_messages(self, messages):
        for message in messages:
            if message.subject == CountingBackend.crash_on:
                CountingBackend.crash_on = None  # the task runs again on a new worker
                raise WorkerKilled
            if message.to == [REFUSED]:
                raise OSError("550 5.1.1 mailbox unavailable")
        return super().send_messages(messages)


class WorkerKilled(BaseException):
    """Not an Exception: nothing in the outbox handles it, as nothing runs after kill -9."""


@pytest.fixture
def backend(settings):
    settings.EMAIL_BACKEND = f"{__name__}.CountingBackend"
    settings.NOTIFICATIONS_BATCH_SIZE = 50
    CountingBackend.opened = 0
    CountingBackend.crash_on = None
    return CountingBackend


@pytest.fixture
def published(monkeypatch):
    """The size of each delivery task handed to the broker (the tasks still run, in process)."""
    sizes = []
    for task, size in ((tasks.deliver_notification, lambda args: 1), (tasks.deliver_notifications, len)):
        monkeypatch.setattr(task, "delay", lambda arg, task=task, size=size: (sizes.append(size(arg)), task(arg)))
    return sizes


def delivered_ids():
    return sorted(int(message.extra_headers["X-Kent-Placements-Notification"]) for message in mail.outbox)


def reminders(count, *, recipient=lambda n: f"person{n}@example.org"):
    return [
        {"recipient": recipient(n), "template": "placements/reminder", "context": {"what": f"session {n}"}}
        for n in range(count)
    ]


def test_rows_queued_together_go_to_the_worker_in_batches_each_over_one_connection(
    email_templates, backend, published, mailoutbox
):
    with transaction.atomic():
        rows = services.notify_many(reminders(120))

    assert published == [50, 50, 20]
    assert backend.opened == 3
    ids = sorted(row.pk for row in rows)
    assert delivered_ids() == ids
    assert set(Notification.objects.values_list("status", "attempts")) == {(S.SENT, 1)}


def test_a_single_message_keeps_its_own_task(email_templates, backend, published, mailoutbox):
    with transaction.atomic():
        services.notify_many(reminders(1))
        services.notify(**reminders(1, recipient=lambda n: "jo@example.org")[0])

    assert published == [1, 1]
    assert len(mailoutbox) == 2


def test_one_message_refused_in_a_batch_is_retried_on_its_own_and_the_others_go_once(
    email_templates, backend, published, clock, settings, mailoutbox
):
    settings.NOTIFICATIONS_MAX_ATTEMPTS = 2
    settings.NOTIFICATIONS_RETRY_BASE_SECONDS = 60
    with transaction.atomic():
        rows = services.notify_many(reminders(5, recipient=lambda n: REFUSED if n == 2 else f"person{n}@example.org"))
    refused = rows[2]

    statuses = dict(Notification.objects.values_list("pk", "status"))
    assert [statuses[row.pk] for row in rows] == [S.SENT, S.SENT, S.FAILED, S.SENT, S.SENT]
    assert delivered_ids() == sorted(row.pk for row in rows if row != refused)
    # the refusal dropped the connection: the messages after it went over a fresh one
    assert backend.opened == 2
    refused.refresh_from_db()
    assert (refused.attempts, refused.next_attempt_at) == (1, clock.now + timedelta(seconds=60))
    assert refused.last_error == "OSError: 550 5.1.1 mailbox unavailable"

    # its own backoff, then its own limit; the others are never sent again
    clock.advance(seconds=60)
    assert services.sweep_outbox() == 1
    refused.refresh_from_db()
    assert (refused.status, refused.attempts, refused.next_attempt_at) == (S.DEAD, 2, None)
    clock.advance(days=1)
    assert services.sweep_outbox() == 0
    assert delivered_ids() == sorted(row.pk for row in rows if row != refused)
    assert Notification.objects.filter(status=S.SENT, attempts=1).count() == 4


def test_a_batch_killed_mid_send_and_run_again_sends_each_message_once(backend, mailoutbox):
    rows = [NotificationFactory(subject=f"Message {n}") for n in range(5)]
    ids = [row.pk for row in rows]
    backend.crash_on = "Message 2"

    with pytest.raises(WorkerKilled):
        services.deliver_many(ids)

    # the two before it were marked as they went; the one in hand rolled back with its lock
    statuses = dict(Notification.objects.values_list("pk", "status"))
    assert [statuses[pk] for pk in ids] == [S.SENT, S.SENT, S.QUEUED, S.QUEUED, S.QUEUED]
    assert Notification.objects.get(pk=ids[2]).attempts == 0
    assert delivered_ids() == ids[:2]

    # acks late + reject on worker lost: the same task runs again
    tasks.deliver_notifications(ids)

    assert delivered_ids() == ids
    assert set(Notification.objects.values_list("status", "attempts")) == {(S.SENT, 1)}


def test_the_broker_down_costs_one_failed_publish_and_the_next_sweep_sends_them_all(
    email_templates, backend, published, broker_down, clock, caplog, mailoutbox
):
    with transaction.atomic():
        rows = services.notify_many(reminders(120))

    assert len(broker_down.publish_attempts) == 1  # not 120, nor 3: the user's request is not held
    assert [r.getMessage() for r in caplog.records if r.name == "notifications.services"] == [
        f"Could not queue 120 notifications from {rows[0].pk} (OperationalError); the outbox sweep will retry."
    ]
    assert set(Notification.objects.values_list("status", "next_attempt_at", "last_error")) == {
        (S.QUEUED, clock.now, "Could not reach the message broker (OperationalError)")
    }

    broker_down.restore()
    clock.advance(seconds=1)
    assert services.sweep_outbox() == 120

    assert published == [50, 50, 20]
    assert delivered_ids() == sorted(row.pk for row in rows)
    assert set(Notification.objects.values_list("status", "attempts", "last_error")) == {(S.SENT, 1, "")}


def test_a_failed_row_whose_hand_over_fails_keeps_its_error_and_is_due_at_once(broker_down, clock):
    failed = NotificationFactory(failed=True, next_attempt_at=clock.now)

    assert services.sweep_outbox() == 1

    failed.refresh_from_db()
    assert (failed.status, failed.next_attempt_at) == (S.FAILED, clock.now)
    assert failed.last_error == "SMTPException: 421 Service not available"


# --- PostgreSQL: two workers at once --------------------------------------------------------


@needs_postgresql
def test_a_batch_skips_the_row_another_worker_is_sending_and_does_not_wait_for_it(backend, mailoutbox):
    rows = [NotificationFactory() for _ in range(3)]
    ids = [row.pk for row in rows]
    locked, release = threading.Event(), threading.Event()

    def other_worker():
        try:
            with transaction.atomic():
                Notification.objects.select_for_update().get(pk=ids[1])
                locked.set()
                release.wait(10)
        finally:
            connections.close_all()

    holder = threading.Thread(target=other_worker)
    holder.start()
    try:
        assert locked.wait(10)
        services.deliver_many(ids)  # would block for 10 s if it waited for the lock
        assert holder.is_alive()
        statuses = dict(Notification.objects.values_list("pk", "status"))
        assert [statuses[pk] for pk in ids] == [S.SENT, S.QUEUED, S.SENT]
    finally:
        release.set()
        holder.join()

    assert Notification.objects.get(pk=ids[1]).attempts == 0
    services.deliver_many(ids)  # the sweep's later hand-over
    assert delivered_ids() == ids


@needs_postgresql
def test_the_same_batch_run_by_two_workers_at_once_sends_each_message_once(backend, mailoutbox):
    """For example a task redelivered after its visibility timeout while the sweep's copy runs."""
    ids = [NotificationFactory().pk for _ in range(40)]

    outcomes = at_once(services.deliver_many, [ids, list(reversed(ids)), ids])

    assert outcomes == [None, None, None]
    assert delivered_ids() == sorted(ids)
    assert set(Notification.objects.values_list("status", "attempts")) == {(S.SENT, 1)}
