import time
from datetime import UTC, datetime
from types import SimpleNamespace
from urllib.parse import urlencode, urlsplit

from allauth.account import app_settings as account_settings
from allauth.account.adapter import DefaultAccountAdapter
from allauth.account.internal.flows.login import get_authentication_records
from allauth.account.utils import get_next_redirect_url
from allauth.core import context as allauth_context
from allauth.mfa.models import Authenticator
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.urls import reverse

from notifications.services import queue_rendered

SITE_NAME = "Kent Placements"


def current_site():
    """What allauth's email templates call ``current_site``. django.contrib.sites is not
    installed, and our send_mail renders without allauth's context, so the mails read
    "Hello from !" (issue 9): the site's name and address come from here instead."""
    return SimpleNamespace(name=SITE_NAME, domain=urlsplit(settings.SITE_URL).netloc)


class AccountAdapter(DefaultAccountAdapter):
    def clean_email(self, email):
        """Issue 8: allauth's email fields (sign-up, password reset, adding an address) have
        no length limit, and a 255-320 character address reached the database (and the
        outbox) as a DataError. Refused here, next to the field, for all of them."""
        longest = get_user_model()._meta.get_field("email").max_length
        if len(email) > longest:
            raise ValidationError(f"An email address can be up to {longest} characters long: check this one.")
        return super().clean_email(email)

    def send_mail(self, template_prefix, email, context):
        """allauth's mails (verification, password reset) go through our outbox too,
        so they are retried like every other notification. Those with a personal link
        are marked sensitive by the outbox (notifications/sensitive.py): staff see that
        they were sent, never their text."""
        message = self.render_mail(template_prefix, email, {"email": email, "current_site": current_site(), **context})
        html = next((body for body, mime in getattr(message, "alternatives", []) if mime == "text/html"), "")
        queue_rendered(
            recipient=email,
            template=template_prefix,
            subject=message.subject,
            body_text=message.body,
            body_html=html,
        )

    def get_email_confirmation_url(self, request, emailconfirmation):
        """Issue 9: the person who signed up on the way to somewhere (an invitation, an
        application) returns there. The link carries ``next`` to the confirmation page,
        which (ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION is off) sends them to log in and then
        on. The link may be opened in another browser, so the session cannot carry it."""
        url = super().get_email_confirmation_url(request, emailconfirmation)
        going_to = request is not None and get_next_redirect_url(request)
        if not going_to:
            return url
        log_in_then_go = reverse("account_login") + "?" + urlencode({"next": going_to})
        return url + "?" + urlencode({"next": log_in_then_go})

    def is_reauthentication_required(self, *, app, **kwargs):
        """Setting up two-factor authentication asks for the password again (allauth's
        reauthentication). Issue 9: an officer sent to the first set-up straight after
        logging in typed it seconds ago, so that password login counts as the recent
        authentication allauth wants, for ACCOUNT_REAUTHENTICATION_TIMEOUT, as a
        reauthentication would (the set-up and the recovery codes it shows). Only for an
        account that had no second factor when it logged in: someone who logged in with
        one is asked for the password again before changing or removing it."""
        return super().is_reauthentication_required(app=app, **kwargs) and not _first_set_up_after_login()


def _first_set_up_after_login() -> bool:
    request = allauth_context.request
    if request is None or not request.user.is_authenticated:
        return False
    records = get_authentication_records(request, request.user)
    logins = [r["at"] for r in records if r.get("method") == "password"]
    if not logins or time.time() - logins[-1] >= account_settings.REAUTHENTICATION_TIMEOUT:
        return False
    logged_in_at = datetime.fromtimestamp(logins[-1], tz=UTC)
    return not Authenticator.objects.filter(user=request.user, created_at__lt=logged_in_at).exists()
