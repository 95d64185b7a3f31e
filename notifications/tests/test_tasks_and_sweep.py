"""Outages delay mail but never lose it (DOMAIN.md §4): a broker outage leaves the row
queued for the sweep; an SMTP outage retries with exponential backoff until it gives
up, and staff re-send dead rows from the admin.

Real commits throughout (``django_db(transaction=True)``): the outbox hands rows to
Celery in ``transaction.on_commit`` and eager mode would hide a mistake there.
"""

import logging
import re
from datetime import timedelta

import pytest
from django.contrib.admin.models import CHANGE, LogEntry
from django.db import transaction
from django.urls import reverse
from django.utils.html import escape

from accounts.models import User
from kentplacements.workflow import DomainError
from notifications import services, tasks
from notifications.enums import NotificationStatus
from notifications.models import Notification

from .factories import NotificationFactory

S = NotificationStatus
pytestmark = pytest.mark.django_db(transaction=True)

RECIPIENT = "jo.bloggs@example.org"


def queue_offer(**extra):
    return services.queue_rendered(
        recipient=RECIPIENT,
        template="placements/placement_offered",
        subject="Your placement at Maidstone Mind",
        body_text="Dear Jo, Maidstone Mind has offered you a placement.",
        **extra,
    )


def outbox_warnings(caplog):
    return [r for r in caplog.records if r.name == "notifications.services" and r.levelno == logging.WARNING]


# --- broker outage ---------------------------------------------------------------------


def test_a_broker_outage_keeps_the_request_working_and_the_sweep_delivers_later(
    broker_down, clock, settings, caplog, mailoutbox
):
    settings.NOTIFICATIONS_STUCK_AFTER_SECONDS = 120

    # what a view does: change something and queue the mail in the same transaction
    with transaction.atomic():
        user = User.objects.create_user("jo.bloggs@example.org", full_name="Jo Bloggs")
        notification = queue_offer()

    assert User.objects.filter(pk=user.pk).exists()  # the request's own change committed
    assert broker_down.publish_attempts == [(notification.pk,)]
    notification.refresh_from_db()
    assert (notification.status, notification.attempts, notification.sent_at) == (S.QUEUED, 0, None)
    assert mailoutbox == []
    [warning] = outbox_warnings(caplog)
    assert warning.getMessage() == (
        f"Could not queue notification {notification.pk} (OperationalError); the outbox sweep will retry."
    )
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR]
    # personal data never goes to the logs (settings.LOGGING)
    assert not [r for r in caplog.records if RECIPIENT in r.getMessage()]

    # no worker can have it, so it is due for the next sweep at once (issue 13: mail flows
    # within a minute of the broker returning), not NOTIFICATIONS_STUCK_AFTER_SECONDS later
    assert notification.next_attempt_at == clock.now
    broker_down.restore()

    sent_at = clock.advance(seconds=1)
    tasks.sweep_outbox.delay()

    notification.refresh_from_db()
    assert (notification.status, notification.attempts, notification.sent_at) == (S.SENT, 1, sent_at)
    assert notification.last_error == ""
    assert [(m.to, m.subject) for m in mailoutbox] == [([RECIPIENT], "Your placement at Maidstone Mind")]

    # later sweeps leave the sent row alone
    clock.advance(hours=1)
    assert services.sweep_outbox() == 0
    assert len(mailoutbox) == 1


def test_signing_up_while_the_broker_is_down_still_succeeds(broker_down, client, caplog, mailoutbox):
    response = client.post(
        reverse("account_signup"),
        {
            "full_name": "Jo Bloggs",
            "email": RECIPIENT,
            "password1": "Correct-Horse-Battery-9",
            "password2": "Correct-Horse-Battery-9",
        },
    )

    assert response.status_code == 302
    assert response.url == reverse("account_email_verification_sent")
    assert User.objects.filter(email=RECIPIENT).exists()
    notification = Notification.objects.get(recipient=RECIPIENT)
    assert notification.status == S.QUEUED
    assert mailoutbox == []
    assert len(outbox_warnings(caplog)) == 1
    assert not [r for r in caplog.records if RECIPIENT in r.getMessage()]


def test_the_sweep_requeues_what_is_due_and_nothing_else(clock, settings, mailoutbox):
    settings.NOTIFICATIONS_STUCK_AFTER_SECONDS = 120
    stuck = NotificationFactory(created_at=clock.now - timedelta(seconds=120))
    fresh = NotificationFactory(created_at=clock.now - timedelta(seconds=119))
    due = NotificationFactory(failed=True, next_attempt_at=clock.now)
    not_due = NotificationFactory(failed=True, next_attempt_at=clock.now + timedelta(seconds=1))
    dead = NotificationFactory(dead=True, created_at=clock.now - timedelta(days=1))
    sent = NotificationFactory(sent=True, created_at=clock.now - timedelta(days=1))

    assert set(services.due_for_delivery().values_list("pk", flat=True)) == {stuck.pk, due.pk}
    assert services.sweep_outbox() == 2

    statuses = dict(Notification.objects.values_list("pk", "status"))
    assert statuses == {
        stuck.pk: S.SENT,
        due.pk: S.SENT,
        fresh.pk: S.QUEUED,
        not_due.pk: S.FAILED,
        dead.pk: S.DEAD,
        sent.pk: S.SENT,
    }
    assert sorted(m.to[0] for m in mailoutbox) == sorted([stuck.recipient, due.recipient])


# --- SMTP outage -----------------------------------------------------------------------


def assert_row(notification, *, status, attempts, next_attempt_at):
    notification.refresh_from_db()
    assert (notification.status, notification.attempts, notification.next_attempt_at) == (
        status,
        attempts,
        next_attempt_at,
    )
    return notification


def test_smtp_failures_back_off_then_give_up_and_staff_resend_from_the_admin(
    smtp_down, clock, settings, caplog, mailoutbox, client, recruiter
):
    settings.NOTIFICATIONS_MAX_ATTEMPTS = 3
    settings.NOTIFICATIONS_RETRY_BASE_SECONDS = 60
    t0 = clock.now

    with transaction.atomic():
        notification = queue_offer()

    # first attempt, straight after commit: failed, retry after the base delay
    notification = assert_row(notification, status=S.FAILED, attempts=1, next_attempt_at=t0 + timedelta(seconds=60))
    assert notification.last_error == "SMTPException: 421 4.3.2 Service not available"
    assert notification.sent_at is None

    # not due yet: the sweep does nothing
    clock.advance(seconds=59)
    tasks.sweep_outbox.delay()
    assert_row(notification, status=S.FAILED, attempts=1, next_attempt_at=t0 + timedelta(seconds=60))

    # due: second attempt fails, and the next delay is doubled
    t1 = clock.advance(seconds=1)
    tasks.sweep_outbox.delay()
    assert_row(notification, status=S.FAILED, attempts=2, next_attempt_at=t1 + timedelta(seconds=120))

    clock.advance(seconds=119)
    tasks.sweep_outbox.delay()
    assert_row(notification, status=S.FAILED, attempts=2, next_attempt_at=t1 + timedelta(seconds=120))

    # third attempt is the last one allowed: dead
    clock.advance(seconds=1)
    tasks.sweep_outbox.delay()
    notification = assert_row(notification, status=S.DEAD, attempts=3, next_attempt_at=None)
    assert notification.last_error == "SMTPException: 421 4.3.2 Service not available"
    assert notification.sent_at is None

    # the sweep never picks a dead row, however long it waits
    clock.advance(days=2)
    assert services.sweep_outbox() == 0
    assert_row(notification, status=S.DEAD, attempts=3, next_attempt_at=None)
    assert mailoutbox == []

    # every failure was a warning with the ID only: no ERROR, no address in the logs
    messages = [r.getMessage() for r in outbox_warnings(caplog)]
    assert messages == [
        f"Notification {notification.pk} attempt 1 failed (SMTPException); will retry.",
        f"Notification {notification.pk} attempt 2 failed (SMTPException); will retry.",
        f"Notification {notification.pk} attempt 3 failed (SMTPException); giving up.",
    ]
    assert not [r for r in caplog.records if RECIPIENT in r.getMessage()]

    # the recruitment team finds it in the outbox admin
    client.force_login(recruiter)
    changelist = reverse("admin:notifications_notification_changelist")
    page = client.get(changelist, {"status__exact": "dead"})
    assert page.status_code == 200
    assert "Your placement at Maidstone Mind" in page.content.decode()
    assert RECIPIENT in page.content.decode()

    # the mail server is back; they re-send it
    smtp_down.restore()
    response = client.post(
        f"{changelist}?status__exact=dead",
        {"action": "resend_selected", "_selected_action": [notification.pk], "index": 0},
        follow=True,
    )

    assert "1 notification queued again." in response.content.decode()
    notification = assert_row(notification, status=S.SENT, attempts=1, next_attempt_at=None)
    assert notification.sent_at == clock.now
    assert notification.last_error == ""
    assert [(m.to, m.subject) for m in mailoutbox] == [([RECIPIENT], "Your placement at Maidstone Mind")]
    entry = LogEntry.objects.get(object_id=str(notification.pk))
    assert (entry.user, entry.action_flag, entry.get_change_message()) == (
        recruiter,
        CHANGE,
        "Re-sent from the outbox admin",
    )
    # and it is no longer in the dead list
    assert "Your placement at Maidstone Mind" not in client.get(changelist, {"status__exact": "dead"}).content.decode()


@pytest.mark.django_db
def test_a_row_waiting_for_a_busy_worker_is_queued_again_once_per_interval(clock, monkeypatch):
    """The sweep moves a row's due time on as it queues it, so a backlog does not grow
    by one task per row every minute."""
    queued = []
    monkeypatch.setattr(services, "hand_over", queued.append)
    stuck = NotificationFactory(created_at=clock.now - timedelta(seconds=200))

    assert services.sweep_outbox(clock.now) == 1
    assert services.sweep_outbox(clock.now + timedelta(seconds=60)) == 0
    assert services.sweep_outbox(clock.now + timedelta(seconds=120)) == 1
    assert queued == [[stuck.pk], [stuck.pk]]
    stuck.refresh_from_db()
    assert stuck.next_attempt_at == clock.now + timedelta(seconds=240)


# --- stuck in the queue: staff see why and hand it over again (issue 8 §2) ----------------

CHANGELIST = "admin:notifications_notification_changelist"


def requeue(client, *pks):
    response = client.post(
        reverse(CHANGELIST), {"action": "requeue_stuck", "_selected_action": list(pks), "index": 0}, follow=True
    )
    return response.content.decode()


def test_a_message_stuck_while_the_broker_is_down_says_why_and_staff_requeue_it(
    broker_down, clock, settings, client, recruiter, mailoutbox
):
    settings.NOTIFICATIONS_STUCK_AFTER_SECONDS = 120
    with transaction.atomic():
        notification = queue_offer()
    notification.refresh_from_db()
    assert notification.status == S.QUEUED
    assert notification.last_error == "Could not reach the message broker (OperationalError)"
    client.force_login(recruiter)

    # another message was handed to the worker at the same moment, before the outage
    handed = NotificationFactory(subject="Your reference request", created_at=clock.now)

    # the one that could not be handed over is stuck at once: no worker has it
    clock.advance(seconds=60)
    response = client.get(reverse(CHANGELIST), {"stuck": "yes"})
    assert list(response.context["cl"].result_list) == [notification]
    assert (
        "Not handed to the worker: the message broker could not be reached at 09:00 on 4 Mar; "
        "the outbox sweep tries again each minute. "
        "Last error: Could not reach the message broker (OperationalError)."
    ) in response.content.decode()
    # the staff dashboard says so, and leads there
    dashboard = client.get(reverse("staff_dashboard")).content.decode()
    assert "1 email stuck in the queue: the worker or the message broker may be down." in dashboard
    assert f"{reverse(CHANGELIST)}?stuck=yes" in dashboard

    # within its time a worker may still deliver the other one: not stuck, and not re-queued
    page = requeue(client, handed.pk)
    assert f"{escape(str(handed))}: It is not stuck: the worker has until 09:02 to deliver it." in page
    assert "handed to the worker again" not in page

    # no worker delivers it either, so it is stuck too once its time is up
    clock.advance(seconds=61)
    response = client.get(reverse(CHANGELIST), {"stuck": "yes"})
    assert set(response.context["cl"].result_list) == {notification, handed}
    assert (
        "Waiting for the worker since 09:00 on 4 Mar; the worker or the message broker may be down."
    ) in response.content.decode()

    # the broker is back: staff hand both over again, and they are delivered
    broker_down.restore()
    page = requeue(client, notification.pk, handed.pk)

    assert "2 notifications handed to the worker again." in page
    for row in (notification, handed):
        row.refresh_from_db()
        assert (row.status, row.attempts, row.last_error) == (S.SENT, 1, "")
    assert sorted(m.subject for m in mailoutbox) == ["Your placement at Maidstone Mind", "Your reference request"]
    entry = LogEntry.objects.get(object_id=str(notification.pk))
    assert (entry.user, entry.get_change_message()) == (recruiter, "Re-queued: it was stuck in the queue")
    assert "stuck in the queue" not in client.get(reverse("staff_dashboard")).content.decode()


@pytest.mark.parametrize(
    ("trait", "label"), [("sent", "Sent"), ("failed", "Failed, will retry"), ("dead", "Dead (gave up)")]
)
def test_only_a_queued_message_can_be_requeued(trait, label, mailoutbox):
    notification = NotificationFactory(**{trait: True})
    before = Notification.objects.values().get(pk=notification.pk)

    with pytest.raises(DomainError, match=re.escape(f"Only a queued message can be re-queued; this one is {label}.")):
        services.requeue_stuck(notification)

    assert Notification.objects.values().get(pk=notification.pk) == before
    assert mailoutbox == []


def test_staff_see_why_a_failed_or_dead_message_waits(client, recruiter, clock):
    NotificationFactory(failed=True, subject="Retrying", next_attempt_at=clock.now + timedelta(minutes=2))
    NotificationFactory(dead=True, subject="Given up")
    NotificationFactory(subject="On its way")
    client.force_login(recruiter)

    page = client.get(reverse(CHANGELIST)).content.decode()

    assert "Attempt 1 failed; next try at 09:02. Last error: SMTPException: 421 Service not available." in page
    assert "Gave up after 5 attempts. Last error: SMTPException: 421 Service not available." in page
    assert "Waiting for the worker" not in page
