"""Messages with a personal link or code (issue 8 §1): marked sensitive when queued, their
text never shown to staff, erased once delivered or given up, and never re-sent by staff.
The journey through the real forms and every staff page is in test_personal_links.py."""

import logging
import re
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from django.contrib.admin.models import LogEntry
from django.db import IntegrityError, transaction
from django.template.loader import get_template
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from kentplacements.workflow import DomainError
from notifications import services
from notifications.enums import NotificationStatus
from notifications.models import Notification
from notifications.sensitive import SENSITIVE_TEMPLATES, TOKEN_ARGUMENTS
from tests.urlwalk import all_routes

from .factories import NotificationFactory

S = NotificationStatus
RESET = "account/email/password_reset_key"
RESET_LINK = "http://127.0.0.1:8000/accounts/password/reset/key/3-cf2n4k-a5b0e1f2c3d4e5f6a7b8/"
NEW_LINK = "It contains a personal link: ask the person to request a new link."


def queue_reset(**extra):
    return services.queue_rendered(
        recipient="jo@example.org",
        template=RESET,
        subject="Kent Placements: Password Reset Email",
        body_text=f"Someone asked to reset your password. Reset it here: {RESET_LINK}\n",
        body_html=f'<p>Someone asked to reset your password. <a href="{RESET_LINK}">Reset it</a></p>',
        context={"password_reset_url": RESET_LINK},
        **extra,
    )


def queue_offer():
    return services.queue_rendered(
        recipient="sam@example.org",
        template="placements/placement_offered",
        subject="Your placement",
        body_text="Dear Sam, read more at http://127.0.0.1:8000/work-experience/5/\n",
        context={"name": "Sam"},
    )


# --- marked when queued -------------------------------------------------------------------


@pytest.mark.django_db
def test_a_message_from_a_listed_template_is_marked_sensitive_and_others_are_not(caplog):
    assert queue_reset().sensitive
    # a link to a page that is not a token page does not make a message sensitive
    assert not queue_offer().sensitive
    assert not [r for r in caplog.records if r.levelno >= logging.WARNING]


@pytest.mark.django_db
@pytest.mark.allow_error_logs
def test_a_token_link_from_an_unlisted_template_is_marked_and_the_miss_is_logged_as_an_error(caplog):
    notification = services.queue_rendered(
        recipient="referee@example.org",
        template="tests/unlisted_personal_link",
        subject="A reference for Jo",
        body_text="Give your reference here: http://127.0.0.1:8000/partners/join/abc.def:ghi/\n",
    )

    assert notification.sensitive
    [error] = [r for r in caplog.records if r.levelno >= logging.ERROR]
    assert error.getMessage() == (
        "Template tests/unlisted_personal_link carries a personal link but is not in SENSITIVE_TEMPLATES."
    )
    assert "referee@example.org" not in error.getMessage()


# --- erased once delivered or given up -----------------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_delivery_erases_the_text_and_context_of_a_sensitive_message_only(mailoutbox):
    with transaction.atomic():
        reset = queue_reset()
        offer = queue_offer()

    reset.refresh_from_db()
    offer.refresh_from_db()
    assert (reset.status, reset.attempts) == (S.SENT, 1)
    assert (reset.body_text, reset.body_html, reset.context) == ("", "", {})
    assert (reset.recipient, reset.subject, reset.template) == (
        "jo@example.org",
        "Kent Placements: Password Reset Email",
        RESET,
    )
    # the person got the link; the outbox kept the ordinary message as it was
    by_recipient = {m.to[0]: m for m in mailoutbox}
    assert RESET_LINK in by_recipient["jo@example.org"].body
    assert RESET_LINK in by_recipient["jo@example.org"].alternatives[0][0]
    assert offer.status == S.SENT
    assert offer.body_text.startswith("Dear Sam") and offer.context == {"name": "Sam"}


@pytest.mark.django_db(transaction=True)
def test_a_failed_attempt_keeps_the_text_for_the_retry_and_giving_up_erases_it(smtp_down, clock, settings, mailoutbox):
    settings.NOTIFICATIONS_MAX_ATTEMPTS = 2
    settings.NOTIFICATIONS_RETRY_BASE_SECONDS = 60
    with transaction.atomic():
        notification = queue_reset()

    notification.refresh_from_db()
    assert notification.status == S.FAILED
    assert RESET_LINK in notification.body_text  # needed for the next attempt

    clock.advance(seconds=60)
    services.sweep_outbox()

    notification.refresh_from_db()
    assert (notification.status, notification.attempts) == (S.DEAD, 2)
    assert (notification.body_text, notification.body_html, notification.context) == ("", "", {})
    assert mailoutbox == []


@pytest.mark.django_db
@pytest.mark.parametrize(
    "fields",
    [
        pytest.param({"status": S.SENT, "sent_at": timezone.now(), "body_text": RESET_LINK}, id="sent-with-text"),
        pytest.param({"status": S.DEAD, "body_html": RESET_LINK}, id="dead-with-html"),
        pytest.param({"status": S.SENT, "sent_at": timezone.now(), "context": {"url": RESET_LINK}}, id="context"),
    ],
)
def test_the_database_refuses_a_finished_sensitive_row_that_still_holds_its_link(fields):
    with pytest.raises(IntegrityError), transaction.atomic():
        Notification.objects.create(recipient="jo@example.org", subject="Reset", sensitive=True, **fields)

    assert not Notification.objects.exists()


# --- re-sending is refused ------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("trait", ["sent", "dead"])
def test_staff_cannot_resend_a_sensitive_message(trait, mailoutbox, django_capture_on_commit_callbacks):
    notification = NotificationFactory(**{trait: True}, template=RESET, sensitive=True, body_text="")
    before = Notification.objects.values().get(pk=notification.pk)

    with django_capture_on_commit_callbacks(execute=True) as callbacks, pytest.raises(DomainError, match=NEW_LINK):
        services.resend(notification)

    assert callbacks == []
    assert Notification.objects.values().get(pk=notification.pk) == before
    assert mailoutbox == []


@pytest.mark.django_db(transaction=True)
def test_the_resend_action_names_the_refused_message_and_resends_the_others(client, recruiter, mailoutbox):
    reset = NotificationFactory(dead=True, template=RESET, sensitive=True, body_text="", subject="Password Reset")
    other = NotificationFactory(dead=True, subject="Your placement")
    client.force_login(recruiter)

    response = client.post(
        reverse("admin:notifications_notification_changelist"),
        {"action": "resend_selected", "_selected_action": [reset.pk, other.pk], "index": 0},
        follow=True,
    )

    page = response.content.decode()
    assert f"{escape(str(reset))}: {NEW_LINK}" in page
    assert "1 notification queued again." in page
    reset.refresh_from_db()
    assert (reset.status, reset.attempts) == (S.DEAD, 5)
    assert [m.subject for m in mailoutbox] == ["Your placement"]
    assert list(LogEntry.objects.values_list("object_id", flat=True)) == [str(other.pk)]


# --- what staff see ---------------------------------------------------------------------------


@pytest.mark.django_db
def test_staff_see_who_what_and_how_it_went_but_not_the_text_of_a_queued_sensitive_message(client, recruiter):
    notification = queue_reset()
    client.force_login(recruiter)

    page = client.get(reverse("admin:notifications_notification_change", args=[notification.pk])).content.decode()

    for shown in ("jo@example.org", "Kent Placements: Password Reset Email", RESET, "Queued", "Attempts"):
        assert shown in page
    assert "Contains a personal link" in page
    assert "/accounts/password/reset/key/" not in page
    assert "Someone asked to reset" not in page
    assert "password_reset_url" not in page  # the context is not shown either

    ordinary = queue_offer()
    page = client.get(reverse("admin:notifications_notification_change", args=[ordinary.pk])).content.decode()
    assert "Dear Sam, read more" in page  # an ordinary message's text stays readable


# --- one list: every template that links to a token page is on it ----------------------------

PROJECT = Path(settings.BASE_DIR)
PRINTED = re.compile(r"\{\{\s*(\w+)")
INCLUDED = re.compile(r"\{%\s*(?:include|extends)\s+[\"']([^\"']+)[\"']")
# `"invitation_url": absolute_url("partner_join", ...)` or `rsvp_url = absolute_url(...)`
URL_VARIABLE = re.compile(r"[\"']?(\w+)[\"']?\s*[:=]\s*absolute_url\(\s*[\"']([\w:]+)[\"']")
ROUTE_ARGUMENT = re.compile(r"\(\?P<(\w+)>|<(?:\w+:)?(\w+)>")


def token_routes() -> set[str]:
    """Route names whose pattern takes a token, walking the URL resolver."""
    return {
        route.key
        for route in all_routes()
        if {a or b for a, b in ROUTE_ARGUMENT.findall(route.pattern)} & TOKEN_ARGUMENTS
    }


def our_sources():
    for app in apps.get_app_configs():
        path = Path(app.path)
        if path.is_relative_to(PROJECT) and not path.is_relative_to(PROJECT / ".venv"):
            yield from (p for p in path.rglob("*.py") if "tests" not in p.parts and "migrations" not in p.parts)


def email_templates() -> dict[str, tuple[str, str]]:
    """Template key (as passed to notify, or by allauth to send_mail) -> its subject and
    body templates."""
    found = {}
    for app in apps.get_app_configs():
        path = Path(app.path)
        if not path.is_relative_to(PROJECT) or path.is_relative_to(PROJECT / ".venv"):
            continue
        for body in (path / "templates" / app.label / "email").glob("*.*"):
            if not body.name.startswith("_") and not body.stem.endswith("_subject"):
                subject = f"{app.label}/email/{body.stem}_subject.txt"
                found[f"{app.label}/{body.stem}"] = (subject, f"{app.label}/email/{body.name}")
    # allauth's own mails, sent through accounts/adapters.py
    allauth = Path(apps.get_app_config("account").path).parent / "templates"
    for folder in ("account/email", "mfa/email"):
        for body in (allauth / folder).glob("*_message.txt"):
            if body.name == "base_message.txt":  # the layout the others extend
                continue
            key = f"{folder}/{body.name.removesuffix('_message.txt')}"
            found[key] = (f"{key}_subject.txt", f"{folder}/{body.name}")
    return found


def printed_variables(template_name: str) -> set[str]:
    source = get_template(template_name).template.source
    names = set(PRINTED.findall(source))
    for included in INCLUDED.findall(source):
        names |= printed_variables(included)
    return names


def test_every_email_template_that_links_to_a_token_page_is_in_the_list():
    routes = token_routes()
    # the walk finds the token pages we know of (so it cannot pass by finding none)
    assert {"partner_join", "we_unsubscribe", "account_reset_password_from_key", "account_confirm_email"} <= routes
    token_variables = {
        variable
        for source in our_sources()
        for variable, route in URL_VARIABLE.findall(source.read_text())
        if route in routes
    }
    assert {"invitation_url", "unsubscribe_url"} <= token_variables
    # allauth fills these from its token pages and codes (allauth/account/adapter.py,
    # internal/flows/*); its password_reset_url is a token link only in password_reset_key,
    # which test_personal_links.py sends through the real form.
    token_variables |= {"activate_url", "code"}

    templates = email_templates()
    assert len(templates) > 40  # ours and allauth's, not an empty walk
    links = {key for key, (_subject, body) in templates.items() if printed_variables(body) & token_variables}

    assert links - SENSITIVE_TEMPLATES == set()
    assert {"placements/partner_approved_invitation", "placements/we_programme_open"} <= links
    # and the list names no template that does not exist
    assert SENSITIVE_TEMPLATES - set(templates) == set()
    # staff see subjects (list, detail, history): no subject carries the link or code
    for subject, _body in templates.values():
        assert not printed_variables(subject) & token_variables, subject
