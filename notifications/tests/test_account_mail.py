"""allauth's own mails (email confirmation, already-registered notices) go through the
outbox like every other notification: retried, and visible to staff."""

import re

import pytest
from allauth.account.models import EmailAddress
from django.urls import reverse

from notifications.enums import NotificationStatus
from notifications.models import Notification
from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db(transaction=True)


def sign_up(client, email, full_name="Jo Bloggs"):
    return client.post(
        reverse("account_signup"),
        {"full_name": full_name, "email": email, "password1": PASSWORD, "password2": PASSWORD},
    )


def test_signing_up_queues_the_confirmation_mail_in_the_outbox_and_delivers_it(client, mailoutbox):
    response = sign_up(client, "jo.bloggs@example.org")

    assert response.url == reverse("account_email_verification_sent")
    notification = Notification.objects.get()
    assert notification.recipient == "jo.bloggs@example.org"
    assert notification.template == "account/email/email_confirmation_signup"
    assert notification.subject == "Kent Placements: Please Confirm Your Email Address"
    assert (notification.status, notification.attempts) == (NotificationStatus.SENT, 1)
    # the link confirms the address: the row is marked, and its text erased once sent
    assert notification.sensitive
    assert (notification.body_text, notification.body_html, notification.context) == ("", "", {})

    [message] = mailoutbox
    assert message.to == ["jo.bloggs@example.org"]
    assert message.subject == notification.subject
    [link] = re.findall(r"https?://\S+/accounts/confirm-email/\S+/", message.body)

    # the link in the mail is the one that confirms this address (GET only shows the page)
    path = link.split("://", 1)[1].split("/", 1)[1]
    address = EmailAddress.objects.get(email="jo.bloggs@example.org")
    assert client.get(f"/{path}").status_code == 200
    address.refresh_from_db()
    assert not address.verified
    client.post(f"/{path}")
    address.refresh_from_db()
    assert address.verified


def test_signing_up_with_a_registered_address_tells_its_owner_through_the_outbox(client, mailoutbox):
    UserFactory(email="taken@example.org")

    response = sign_up(client, "taken@example.org", full_name="Someone Else")

    # the page does not reveal that the address is registered (ACCOUNT_PREVENT_ENUMERATION)
    assert response.url == reverse("account_email_verification_sent")
    notification = Notification.objects.get()
    assert notification.recipient == "taken@example.org"
    assert notification.template == "account/email/account_already_exists"
    assert notification.status == NotificationStatus.SENT
    # its link is the public reset page, not a personal one: staff may read it
    assert not notification.sensitive
    assert "/accounts/password/reset/" in notification.body_text
    assert [m.to for m in mailoutbox] == [["taken@example.org"]]
    assert "/accounts/confirm-email/" not in mailoutbox[0].body
