"""The outbox: every email is a row first, then a Celery task delivers it.

A broker or SMTP outage delays mail; it never loses it and never fails the request
that caused it (DOMAIN.md §4). Delivery is safe to run twice: it sends once.
"""

import contextlib
import logging
from datetime import timedelta
from functools import partial

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.mail import EmailMultiAlternatives, get_connection
from django.db import transaction
from django.db.models import Case, F, Value, When
from django.template import Context, TemplateDoesNotExist
from django.template.loader import get_template, render_to_string
from django.utils import timezone

from kentplacements.workflow import DomainError

from .enums import NOTIFICATION_WORKFLOW, NotificationStatus
from .models import Notification, new_idempotency_key
from .sensitive import is_sensitive_template, links_to_token_view

log = logging.getLogger(__name__)
S = NotificationStatus


def _template_paths(template: str) -> tuple[str, str, str]:
    """``"placements/partner_approved"`` -> the subject, text and HTML templates under
    ``placements/email/`` (STYLE.md: templates/<app>/email/)."""
    app, name = template.split("/", 1)
    base = f"{app}/email/{name}"
    return f"{base}_subject.txt", f"{base}.txt", f"{base}.html"


def _render_plain(template_name: str, context: dict) -> str:
    """Render a subject or plain-text body without HTML autoescaping: they are not HTML,
    so "O'Brien & Co" must arrive as typed, not as "O&#x27;Brien &amp; Co"."""
    return get_template(template_name).template.render(Context(context, autoescape=False))


def _render(template: str, context: dict) -> tuple[str, str, str]:
    """The subject (one line), plain-text body and HTML body ("" without an HTML template)."""
    subject_t, text_t, html_t = _template_paths(template)
    subject = " ".join(_render_plain(subject_t, context).split())
    body_text = _render_plain(text_t, context)
    try:
        body_html = render_to_string(html_t, context)
    except TemplateDoesNotExist:
        body_html = ""
    return subject, body_text, body_html


def attachment(filename: str, content: str, mimetype: str) -> dict:
    """A file to send with a message (``notify``'s ``attachments``), kept in its outbox row."""
    return {"filename": filename, "content": content, "mimetype": mimetype}


def notify(
    *, recipient: str, template: str, context: dict, key: str | None = None, related=None, attachments=()
) -> Notification:
    """Render ``template`` with ``context`` and queue it for ``recipient``.

    Call inside the service's transaction. ``key`` makes the call idempotent: a second
    call with the same key returns the first row and sends nothing more. ``context`` is
    stored as JSON: pass names, dates and IDs, never model instances. ``attachments``:
    files made by ``attachment``, sent as they are now.
    """
    subject, body_text, body_html = _render(template, context)
    return queue_rendered(
        recipient=recipient,
        template=template,
        subject=subject,
        body_text=body_text,
        body_html=body_html,
        context=context,
        key=key,
        related=related,
        attachments=attachments,
    )


def notify_many(messages) -> list[Notification]:
    """``notify`` for many messages at once, each given as a dict of ``notify``'s keyword arguments
    (issue 9: confirming a cohort asks each partner about each of its officers). One query finds the
    keys already queued, which are skipped as ``notify`` skips them (a key given twice here is queued
    once), and one INSERT (per batch of the database's parameter limit) writes the rest; each row is
    handed to the worker after commit, as ``notify`` does. Returns the rows written.

    Call inside the service's transaction, holding the row locks that keep two callers from queueing
    the same keys at once: a second one would then fail on the key's unique constraint (and roll back
    its transaction) rather than send twice."""
    messages = [{**message, "key": message.get("key") or new_idempotency_key()} for message in messages]
    queued = set(
        Notification.objects.filter(idempotency_key__in=[m["key"] for m in messages]).values_list(
            "idempotency_key", flat=True
        )
    )
    now = timezone.now()
    rows = []
    for message in messages:
        if message["key"] in queued:
            continue
        queued.add(message["key"])
        subject, body_text, body_html = _render(message["template"], message["context"])
        fields = _outbox_row(
            now=now,
            recipient=message["recipient"],
            template=message["template"],
            subject=subject,
            body_text=body_text,
            body_html=body_html,
            context=message["context"],
            related=message.get("related"),
        )
        rows.append(Notification(idempotency_key=message["key"], **fields))
    created = Notification.objects.bulk_create(rows)
    if created:
        # One hand-over for them all, split into tasks of NOTIFICATIONS_BATCH_SIZE (issue 13:
        # 10,000 through one worker in a minute); a broker outage costs one failed publish.
        transaction.on_commit(partial(hand_over, [notification.pk for notification in created]))
    return created


def _outbox_row(*, now, recipient, template, subject, body_text, body_html, context, related) -> dict:
    """The fields of a new outbox row. A message from a template in SENSITIVE_TEMPLATES is marked
    sensitive. One that links to a token page from a template missing there is marked too, and the
    miss is logged as an error (tests fail on it) so the list gets the template."""
    sensitive = is_sensitive_template(template)
    if not sensitive and links_to_token_view(body_text, body_html):
        log.error("Template %s carries a personal link but is not in SENSITIVE_TEMPLATES.", template)
        sensitive = True
    return {
        "created_at": now,
        "next_attempt_at": _sweep_takes_over(now),
        "recipient": recipient,
        "template": template,
        "subject": subject[:300],
        "body_text": body_text,
        "body_html": body_html,
        "sensitive": sensitive,
        "context": context or {},
        "related_type": ContentType.objects.get_for_model(related) if related is not None else None,
        "related_id": str(related.pk) if related is not None else "",
    }


def queue_rendered(
    *, recipient, template, subject, body_text, body_html="", context=None, key=None, related=None, attachments=()
) -> Notification:
    """Queue an already rendered message (used for allauth's own mails), marked sensitive
    as ``_outbox_row`` says."""
    fields = _outbox_row(
        now=timezone.now(),
        recipient=recipient,
        template=template,
        subject=subject,
        body_text=body_text,
        body_html=body_html,
        context=context,
        related=related,
    )
    with transaction.atomic():
        notification, created = Notification.objects.get_or_create(
            idempotency_key=key or new_idempotency_key(), defaults={**fields, "attachments": list(attachments)}
        )
        if created:
            transaction.on_commit(partial(enqueue_delivery, notification.pk))
    return notification


BROKER_UNREACHABLE = "Could not reach the message broker"


def enqueue_delivery(notification_id: int) -> None:
    """Hand one row to Celery (``hand_over`` for several)."""
    hand_over([notification_id])


def hand_over(notification_ids) -> bool:
    """Hand rows to Celery after commit: a task per NOTIFICATIONS_BATCH_SIZE rows (one row: the
    single-message task). If the broker is down the rows stay queued, the user's request still
    succeeds, and they are due for the next sweep at once (not NOTIFICATIONS_STUCK_AFTER_SECONDS
    later: no worker can have them), so mail flows within a minute of the broker returning.
    The first failed publish stops the hand-over; the rest wait for the sweep with it."""
    from .tasks import deliver_notification, deliver_notifications

    ids = list(notification_ids)
    size = settings.NOTIFICATIONS_BATCH_SIZE
    for start in range(0, len(ids), size):
        batch = ids[start : start + size]
        try:
            if len(batch) == 1:
                deliver_notification.delay(batch[0])
            else:
                deliver_notifications.delay(batch)
        except Exception as exc:  # kombu raises several types when the broker is away
            _mark_hand_over_failed(ids[start:], exc)
            return False
    return True


def _mark_hand_over_failed(notification_ids, exc) -> None:
    log.warning(
        "Could not queue %s (%s); the outbox sweep will retry.",
        f"notification {notification_ids[0]}"
        if len(notification_ids) == 1
        else f"{len(notification_ids)} notifications from {notification_ids[0]}",
        type(exc).__name__,
    )
    # Due for the next sweep now. A row a worker is sending keeps its lock until it is marked,
    # and then no longer matches the status filter.
    pending = Notification.objects.filter(pk__in=notification_ids, status__in=(S.QUEUED, S.FAILED))
    pending.update(
        next_attempt_at=timezone.now(),
        # What staff read in the outbox's "why" column (issue 8 §2). Only the error's type: the
        # broker's own message may name hosts and credentials. A failed row keeps its SMTP error.
        last_error=Case(
            When(status=S.QUEUED, then=Value(f"{BROKER_UNREACHABLE} ({type(exc).__name__})")),
            default=F("last_error"),
        ),
    )


def hand_over_failed(notification: Notification) -> bool:
    """The row's last hand-over to Celery failed: it waits for the sweep, no worker has it."""
    return notification.status == S.QUEUED and notification.last_error.startswith(BROKER_UNREACHABLE)


def _sweep_takes_over(now):
    """When the sweep should queue a row again if no worker has delivered it by then."""
    return now + timedelta(seconds=settings.NOTIFICATIONS_STUCK_AFTER_SECONDS)


def _retry_delay(attempts: int) -> timedelta:
    return timedelta(seconds=settings.NOTIFICATIONS_RETRY_BASE_SECONDS * 2 ** (attempts - 1))


def _message(notification: Notification, connection=None) -> EmailMultiAlternatives:
    message = EmailMultiAlternatives(
        subject=notification.subject,
        body=notification.body_text,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[notification.recipient],
        headers={"X-Kent-Placements-Notification": str(notification.pk)},
        connection=connection,
    )
    if notification.body_html:
        message.attach_alternative(notification.body_html, "text/html")
    for file in notification.attachments:
        message.attach(file["filename"], file["content"], file["mimetype"])
    return message


# What a delivery attempt may change; the rest of the row (its body above all) is not rewritten.
_ATTEMPT_FIELDS = ["status", "attempts", "sent_at", "next_attempt_at", "last_error"]
_ERASED_FIELDS = ["body_text", "body_html", "context"]


def deliver(notification_id: int, *, connection=None, skip_locked: bool = False) -> Notification | None:
    """Send one notification, marked sent (or failed) in the transaction that holds its row lock
    while sending: a second, concurrent run waits and then finds it sent, so the mail goes out
    once; if the worker dies mid-send the lock goes with its database connection and the row is
    still queued. ``connection``: a mail connection kept open across a batch (``deliver_many``).
    ``skip_locked``: leave a row another worker is sending (it returns None)."""
    with transaction.atomic():
        # by primary key, so no ORDER BY (``first()`` would sort by the model's ordering)
        rows = Notification.objects.select_for_update(skip_locked=skip_locked).filter(pk=notification_id).order_by()
        notification = next(iter(rows), None)
        if notification is None or notification.status not in (S.QUEUED, S.FAILED):
            return notification
        erased = _attempt(notification, connection)
        notification.save(update_fields=_ATTEMPT_FIELDS + erased)
    return notification


def deliver_many(notification_ids) -> None:
    """Send a batch over one mail connection, each message in its own transaction as ``deliver``
    (issue 13: a connection and a broker round trip per message kept one worker at 41 a second).
    The per-message commit is what keeps delivery exactly-once: a worker killed mid-batch leaves
    the messages before it marked sent and the one in hand queued, so the batch run again sends
    only what is left. A message another worker holds is skipped, not waited for: that worker
    sends it, or, if it dies, the sweep queues it again. One message failing (retried with its
    own backoff) does not stop the others."""
    connection = get_connection()
    try:
        for notification_id in notification_ids:
            deliver(notification_id, connection=connection, skip_locked=True)
    finally:
        _close_quietly(connection)


def _close_quietly(connection) -> None:
    # A broken connection is dropped and replaced; its error was recorded on the message.
    with contextlib.suppress(Exception):
        connection.close()


def _attempt(notification: Notification, connection) -> list[str]:
    """One try at sending; returns the fields it erased (see ``_erase_if_sensitive``)."""
    now = timezone.now()
    notification.attempts += 1
    try:
        if connection is not None:
            connection.open()  # once per batch; after a failure, a fresh connection
        _message(notification, connection).send()
    except Exception as exc:  # SMTP and connection errors alike: retry later
        if connection is not None:
            _close_quietly(connection)  # the server may be half-way through a message
        give_up = notification.attempts >= settings.NOTIFICATIONS_MAX_ATTEMPTS
        target = S.DEAD if give_up else S.FAILED
        NOTIFICATION_WORKFLOW.check(notification.status, target)
        notification.status = target
        notification.last_error = f"{type(exc).__name__}: {exc}"[:300]
        notification.next_attempt_at = None if give_up else now + _retry_delay(notification.attempts)
        log.warning(
            "Notification %s attempt %s failed (%s); %s.",
            notification.pk,
            notification.attempts,
            type(exc).__name__,
            "giving up" if give_up else "will retry",
        )
        return _erase_if_sensitive(notification) if give_up else []
    else:
        NOTIFICATION_WORKFLOW.check(notification.status, S.SENT)
        notification.status = S.SENT
        notification.sent_at = now
        notification.next_attempt_at = None
        notification.last_error = ""
        return _erase_if_sensitive(notification)


def _erase_if_sensitive(notification: Notification) -> list[str]:
    """Issue 8 §1: once a message with a personal link is delivered or given up, the link
    lives only in the recipient's mailbox. The context goes too: it holds the link. Returns
    the fields it blanked, for the save."""
    if not notification.sensitive:
        return []
    notification.body_text = ""
    notification.body_html = ""
    notification.context = {}
    return _ERASED_FIELDS


def due_for_delivery(now=None):
    """Rows a worker should (re)try: queued or failed, and due (STACK.md: a due time in
    the database, swept by beat, rather than countdown/eta on Redis)."""
    return Notification.objects.filter(status__in=(S.QUEUED, S.FAILED), next_attempt_at__lte=now or timezone.now())


def sweep_outbox(now=None) -> int:
    """Queue everything due again, in batches; run by celery beat every minute. Each row's due
    time moves on first, so a row waiting for a busy worker is not queued every minute; a queued
    row's broker error goes, as it is handed over again (``hand_over`` puts it back if the
    broker is still away)."""
    now = now or timezone.now()
    with transaction.atomic():
        ids = list(due_for_delivery(now).select_for_update(skip_locked=True).values_list("pk", flat=True))
        Notification.objects.filter(pk__in=ids).update(
            next_attempt_at=_sweep_takes_over(now),
            last_error=Case(When(status=S.QUEUED, then=Value("")), default=F("last_error")),
        )
    if ids:
        hand_over(ids)
    return len(ids)


NEW_LINK_NEEDED = "It contains a personal link: ask the person to request a new link."
STILL_QUEUED = "It is still queued: if it is stuck, re-queue it instead."


def resend(notification: Notification) -> Notification:
    """Staff re-send (admin action): back to the queue with a fresh attempt count."""
    with transaction.atomic():
        notification = Notification.objects.select_for_update().get(pk=notification.pk)
        if notification.status == S.QUEUED:
            raise DomainError(STILL_QUEUED)
        NOTIFICATION_WORKFLOW.check(notification.status, S.QUEUED)
        # Its text was erased on delivery, and a second copy of a single-use link
        # should come from the person asking again (issue 8 §1).
        if notification.sensitive:
            raise DomainError(NEW_LINK_NEEDED)
        notification.status = S.QUEUED
        notification.attempts = 0
        notification.next_attempt_at = _sweep_takes_over(timezone.now())
        notification.last_error = ""
        notification.sent_at = None
        notification.save()
        transaction.on_commit(partial(enqueue_delivery, notification.pk))
    return notification


def is_stuck(notification: Notification, now=None) -> bool:
    """The row-by-row form of selectors.stuck_messages."""
    return notification.status == S.QUEUED and notification.next_attempt_at <= (now or timezone.now())


def handed_over_at(notification: Notification):
    """When the row was last handed to the worker queue (on queueing, by the sweep or
    by staff): each hand-over sets the sweep's due time this far ahead (a failed one: see
    ``hand_over_failed``)."""
    return notification.next_attempt_at - timedelta(seconds=settings.NOTIFICATIONS_STUCK_AFTER_SECONDS)


def requeue_stuck(notification: Notification) -> Notification:
    """Staff hand a stuck queued message to the worker queue again (issue 8 §2), for
    example once the broker is back; the sweep's due time starts again from now."""
    with transaction.atomic():
        notification = Notification.objects.select_for_update().get(pk=notification.pk)
        now = timezone.now()
        if notification.status != S.QUEUED:
            raise DomainError(
                f"Only a queued message can be re-queued; this one is {notification.get_status_display()}."
            )
        if not is_stuck(notification, now):
            due = timezone.localtime(notification.next_attempt_at)
            raise DomainError(f"It is not stuck: the worker has until {due:%H:%M} to deliver it.")
        NOTIFICATION_WORKFLOW.check(notification.status, S.QUEUED)
        notification.next_attempt_at = _sweep_takes_over(now)
        notification.last_error = ""
        notification.save()
        transaction.on_commit(partial(enqueue_delivery, notification.pk))
    return notification
