"""The outbox services: notify() renders and queues in the caller's transaction,
delivery sends once, the lifecycle table and the database keep rows consistent.

Tests that need ``transaction.on_commit`` to really fire use real commits
(``django_db(transaction=True)``): eager Celery hides transaction bugs (STACK.md).
"""

import datetime as dt

import pytest
from django.conf import settings
from django.db import IntegrityError, transaction

from kentplacements.workflow import DomainError, TransitionNotAllowed
from notifications import services, tasks
from notifications.enums import NOTIFICATION_WORKFLOW, NotificationStatus
from notifications.models import Notification

from .factories import NotificationFactory

S = NotificationStatus

OFFER = {
    "recipient": "jo.bloggs@example.org",
    "template": "placements/placement_offered",
    "context": {"name": "Jo", "partner": "Maidstone Mind", "start": "3 June", "urgent": True},
}
OFFER_TEXT = "Dear Jo,\n\nMaidstone Mind has offered you a work-experience placement starting 3 June.\n"
OFFER_HTML = "<p>Dear Jo,</p><p><strong>Maidstone Mind</strong> has offered you a placement starting 3 June.</p>"


# --- rendering -----------------------------------------------------------------------


@pytest.mark.django_db
def test_notify_renders_subject_text_and_html_from_the_apps_email_templates(email_templates, applicant, mailoutbox):
    notification = services.notify(**OFFER, related=applicant)

    notification.refresh_from_db()
    assert notification.recipient == "jo.bloggs@example.org"
    assert notification.template == "placements/placement_offered"
    # the subject template spans lines; a header must be one line
    assert notification.subject == "Your placement at Maidstone Mind (reply today)"
    assert notification.body_text == OFFER_TEXT
    assert notification.body_html == OFFER_HTML
    assert notification.context == OFFER["context"]
    assert notification.related == applicant
    assert (notification.status, notification.attempts) == (S.QUEUED, 0)
    assert notification.sent_at is None
    # if no worker delivers it, the sweep takes over this long after it was written
    assert notification.next_attempt_at == notification.created_at + dt.timedelta(seconds=120)
    assert mailoutbox == []  # the test transaction never commits, so nothing is delivered


@pytest.mark.django_db
def test_notify_without_an_html_template_queues_plain_text_only(email_templates):
    notification = services.notify(
        recipient="jo.bloggs@example.org", template="placements/reminder", context={"what": "bring photo ID"}
    )

    assert notification.subject == "Reminder: bring photo ID"
    assert notification.body_text == "Please remember: bring photo ID.\n"
    assert notification.body_html == ""


@pytest.mark.django_db
def test_plain_text_and_subject_keep_names_as_typed_while_the_html_is_escaped(email_templates):
    notification = services.notify(
        recipient="siobhan@example.org",
        template="placements/placement_offered",
        context={"name": "Siobhán O'Brien", "partner": "Smith & <Sons>", "start": "3 June"},
    )

    assert notification.subject == "Your placement at Smith & <Sons>"
    assert notification.body_text.startswith("Dear Siobhán O'Brien,\n\nSmith & <Sons> has offered")
    assert "<strong>Smith &amp; &lt;Sons&gt;</strong>" in notification.body_html
    assert "O&#x27;Brien" in notification.body_html


@pytest.mark.django_db
def test_notify_stores_dates_in_the_context_as_json(email_templates):
    notification = services.notify(
        **{**OFFER, "context": {**OFFER["context"], "start": dt.date(2030, 6, 3)}},
    )

    notification.refresh_from_db()
    assert notification.context["start"] == "2030-06-03"
    assert "placement starting 3 Jun 2030." in notification.body_text  # rendered in en-GB


# --- the caller's transaction ----------------------------------------------------------


class Refused(Exception):
    pass


@pytest.mark.django_db(transaction=True)
def test_when_the_callers_transaction_rolls_back_there_is_no_row_and_no_mail(email_templates, mailoutbox):
    with pytest.raises(Refused), transaction.atomic():
        services.notify(**OFFER)
        assert Notification.objects.filter(recipient="jo.bloggs@example.org").exists()  # same transaction
        raise Refused

    assert not Notification.objects.exists()
    assert mailoutbox == []


@pytest.mark.django_db(transaction=True)
def test_a_rolled_back_savepoint_takes_its_notification_with_it(email_templates, mailoutbox):
    with transaction.atomic():
        services.notify(recipient="kept@example.org", template="placements/reminder", context={"what": "kept"})
        with pytest.raises(Refused), transaction.atomic():
            services.notify(recipient="dropped@example.org", template="placements/reminder", context={"what": "x"})
            raise Refused

    assert list(Notification.objects.values_list("recipient", "status")) == [("kept@example.org", S.SENT)]
    assert [m.to for m in mailoutbox] == [["kept@example.org"]]


@pytest.mark.django_db(transaction=True)
def test_after_commit_the_task_delivers_the_mail(email_templates, mailoutbox, clock):
    with transaction.atomic():
        notification = services.notify(**OFFER)
        assert mailoutbox == []  # nothing leaves before the caller commits

    notification.refresh_from_db()
    assert notification.status == S.SENT
    assert notification.sent_at == clock.now
    assert notification.attempts == 1
    assert notification.next_attempt_at is None
    assert notification.last_error == ""
    assert len(mailoutbox) == 1
    message = mailoutbox[0]
    assert message.to == ["jo.bloggs@example.org"]
    assert message.from_email == settings.DEFAULT_FROM_EMAIL
    assert message.subject == "Your placement at Maidstone Mind (reply today)"
    assert message.body == OFFER_TEXT
    assert [(content, mimetype) for content, mimetype in message.alternatives] == [(OFFER_HTML, "text/html")]
    assert message.extra_headers["X-Kent-Placements-Notification"] == str(notification.pk)


@pytest.mark.django_db(transaction=True)
def test_a_plain_text_notification_is_sent_without_an_html_part(email_templates, mailoutbox):
    with transaction.atomic():
        services.notify(recipient="jo@example.org", template="placements/reminder", context={"what": "bring ID"})

    [message] = mailoutbox
    assert message.body == "Please remember: bring ID.\n"
    assert message.alternatives == []


# --- sent once -------------------------------------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_the_same_idempotency_key_gives_one_row_and_one_email(email_templates, mailoutbox):
    with transaction.atomic():
        first = services.notify(**OFFER, key="placement-offer:42")
    with transaction.atomic():
        # a retried request, even with a different context, does not send again
        again = services.notify(
            **{**OFFER, "context": {**OFFER["context"], "name": "Joanne"}}, key="placement-offer:42"
        )

    assert again.pk == first.pk
    assert Notification.objects.count() == 1
    assert Notification.objects.get().body_text == OFFER_TEXT
    assert [m.to for m in mailoutbox] == [["jo.bloggs@example.org"]]


@pytest.mark.django_db(transaction=True)
def test_the_same_key_twice_in_one_transaction_sends_once(email_templates, mailoutbox):
    with transaction.atomic():
        services.notify(**OFFER, key="placement-offer:42")
        services.notify(**OFFER, key="placement-offer:42")

    assert Notification.objects.get().attempts == 1
    assert len(mailoutbox) == 1


@pytest.mark.django_db
def test_delivering_the_same_notification_twice_sends_once(mailoutbox):
    notification = NotificationFactory(recipient="jo@example.org", subject="Your placement")

    first = services.deliver(notification.pk)
    second = services.deliver(notification.pk)

    assert (first.status, first.attempts) == (S.SENT, 1)
    assert (second.status, second.attempts, second.sent_at) == (S.SENT, 1, first.sent_at)
    assert [(m.to, m.subject) for m in mailoutbox] == [(["jo@example.org"], "Your placement")]


@pytest.mark.django_db
def test_the_delivery_task_run_twice_sends_once(mailoutbox):
    notification = NotificationFactory(recipient="jo@example.org", subject="Your placement")

    tasks.deliver_notification.delay(notification.pk)
    tasks.deliver_notification.delay(notification.pk)  # e.g. redelivered after a worker was lost

    notification.refresh_from_db()
    assert (notification.status, notification.attempts) == (S.SENT, 1)
    assert [(m.to, m.subject) for m in mailoutbox] == [(["jo@example.org"], "Your placement")]


@pytest.mark.django_db
def test_delivery_leaves_dead_rows_and_missing_ids_alone(mailoutbox):
    dead = NotificationFactory(dead=True)

    assert services.deliver(dead.pk).status == S.DEAD
    assert services.deliver(dead.pk + 1000) is None
    dead.refresh_from_db()
    assert (dead.status, dead.attempts) == (S.DEAD, 5)
    assert mailoutbox == []


@pytest.mark.django_db
def test_each_failed_attempt_doubles_the_wait_until_the_last_one(smtp_down, clock, settings, mailoutbox):
    settings.NOTIFICATIONS_MAX_ATTEMPTS = 5
    settings.NOTIFICATIONS_RETRY_BASE_SECONDS = 30
    notification = NotificationFactory()

    waits = []
    for _ in range(4):
        attempted_at = clock.now
        notification = services.deliver(notification.pk)
        assert notification.status == S.FAILED
        waits.append((notification.next_attempt_at - attempted_at).total_seconds())
        clock.advance(seconds=waits[-1])
    notification = services.deliver(notification.pk)

    assert waits == [30, 60, 120, 240]
    assert (notification.status, notification.attempts, notification.next_attempt_at) == (S.DEAD, 5, None)
    assert mailoutbox == []


# --- lifecycle -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("current", "target"),
    [
        (S.SENT, S.FAILED),
        (S.SENT, S.DEAD),
        (S.DEAD, S.SENT),
        (S.DEAD, S.FAILED),
        (S.FAILED, S.QUEUED),
    ],
)
def test_the_workflow_refuses_moves_outside_the_lifecycle(current, target):
    assert not NOTIFICATION_WORKFLOW.can(current, target)
    with pytest.raises(TransitionNotAllowed, match=f"cannot move from “{current}” to “{target}”"):
        NOTIFICATION_WORKFLOW.check(current, target)


@pytest.mark.parametrize(
    ("current", "target"),
    [
        (S.QUEUED, S.SENT),
        (S.QUEUED, S.FAILED),
        (S.QUEUED, S.DEAD),
        (S.QUEUED, S.QUEUED),  # staff re-queue a stuck message
        (S.FAILED, S.FAILED),
        (S.FAILED, S.SENT),
        (S.FAILED, S.DEAD),
        (S.DEAD, S.QUEUED),
        (S.SENT, S.QUEUED),
    ],
)
def test_the_workflow_allows_delivery_retries_and_staff_resends(current, target):
    NOTIFICATION_WORKFLOW.check(current, target)


@pytest.mark.django_db
@pytest.mark.parametrize("trait", ["queued", "failed"])
def test_resending_a_row_that_is_still_on_its_way_is_refused(trait, mailoutbox, django_capture_on_commit_callbacks):
    notification = NotificationFactory(**({trait: True} if trait != "queued" else {}))
    before = Notification.objects.values().get(pk=notification.pk)

    with django_capture_on_commit_callbacks(execute=True) as callbacks, pytest.raises(DomainError):
        services.resend(notification)

    assert callbacks == []
    assert Notification.objects.values().get(pk=notification.pk) == before
    assert mailoutbox == []


@pytest.mark.django_db
def test_resending_a_dead_row_delivers_it_with_a_fresh_attempt_count(mailoutbox, django_capture_on_commit_callbacks):
    notification = NotificationFactory(dead=True, recipient="jo@example.org", subject="Your placement")

    with django_capture_on_commit_callbacks(execute=True):
        services.resend(notification)

    notification.refresh_from_db()
    assert (notification.status, notification.attempts, notification.last_error) == (S.SENT, 1, "")
    assert [(m.to, m.subject) for m in mailoutbox] == [(["jo@example.org"], "Your placement")]


# --- database constraints --------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize(
    "fields",
    [
        pytest.param({"status": S.SENT, "sent_at": None}, id="sent-without-sent_at"),
        pytest.param({"status": "bogus"}, id="unknown-status"),
        pytest.param({"status": S.FAILED, "next_attempt_at": None}, id="failed-without-next-attempt"),
    ],
)
def test_the_database_refuses_an_inconsistent_row(fields):
    with pytest.raises(IntegrityError), transaction.atomic():
        Notification.objects.create(recipient="jo@example.org", subject="Hello", body_text="Hello", **fields)

    assert not Notification.objects.exists()


@pytest.mark.django_db
def test_the_database_refuses_a_second_row_with_the_same_idempotency_key():
    NotificationFactory(idempotency_key="placement-offer:42")

    with pytest.raises(IntegrityError), transaction.atomic():
        NotificationFactory(idempotency_key="placement-offer:42")

    assert Notification.objects.count() == 1


# --- many at once ------------------------------------------------------------------------


def offer_to(name, key):
    return {
        **OFFER,
        "recipient": f"{name.lower()}@example.org",
        "context": {**OFFER["context"], "name": name},
        "key": key,
    }


@pytest.mark.django_db
def test_notify_many_queues_each_message_once_skipping_keys_already_queued(email_templates, applicant):
    services.notify(**offer_to("Jo", "offer:1"))

    created = services.notify_many(
        [
            offer_to("Jo", "offer:1"),  # queued before: not again
            {**offer_to("Sam", "offer:2"), "related": applicant},
            offer_to("Sam", "offer:2"),  # the same key twice in one call: once
            offer_to("Alex", "offer:3"),
        ]
    )

    assert [(n.recipient, n.idempotency_key) for n in created] == [
        ("sam@example.org", "offer:2"),
        ("alex@example.org", "offer:3"),
    ]
    sam = Notification.objects.get(idempotency_key="offer:2")
    # rendered as notify renders, and waiting for a worker as notify leaves it
    assert sam.subject == "Your placement at Maidstone Mind (reply today)"
    assert sam.body_text.startswith("Dear Sam,\n\nMaidstone Mind has offered you")
    assert sam.body_html.startswith("<p>Dear Sam,</p>")
    assert (sam.status, sam.related, sam.next_attempt_at) == (
        S.QUEUED,
        applicant,
        sam.created_at + dt.timedelta(seconds=120),
    )
    assert Notification.objects.count() == 3


@pytest.mark.django_db(transaction=True)
def test_notify_many_delivers_after_commit_and_not_after_a_rollback(email_templates, mailoutbox):
    with pytest.raises(Refused), transaction.atomic():
        services.notify_many([offer_to("Jo", "offer:1")])
        raise Refused
    assert not Notification.objects.exists()

    with transaction.atomic():
        services.notify_many([offer_to("Jo", "offer:1"), offer_to("Sam", "offer:2")])
        assert mailoutbox == []  # nothing leaves before the caller commits

    assert sorted(m.to[0] for m in mailoutbox) == ["jo@example.org", "sam@example.org"]
    assert set(Notification.objects.values_list("status", flat=True)) == {S.SENT}
