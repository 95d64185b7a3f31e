"""Messages that carry a personal link or code (issue 8 §1 "Reset links in the outbox").

Whoever holds such a link can act as its recipient: set their password, confirm their
address, link an account to a partner, unsubscribe them. So the outbox marks these rows
sensitive when they are queued; no staff screen or export shows their body or context,
and both are erased once the message is delivered or given up (services.deliver).

SENSITIVE_TEMPLATES is the one list. ``links_to_token_view`` is its safety net: a body
that links to a page whose address carries a token is treated as sensitive even when its
template is missing here, and the miss is logged as an error so a test fails on it.
"""

import re
from urllib.parse import urlsplit

from django.urls import Resolver404, resolve

SENSITIVE_TEMPLATES = frozenset(
    {
        # allauth (accounts/adapters.py): the confirm-email link (signup and later logins
        # with an unconfirmed address) and the password-reset link.
        "account/email/email_confirmation",
        "account/email/email_confirmation_signup",
        "account/email/password_reset_key",
        # allauth's codes, for when login by code, or reset or verification by code, is
        # switched on: the code is as good as the link.
        "account/email/login_code",
        "account/email/password_reset_code",
        # An imported student officer's link to set their first password (allauth's reset key).
        "placements/officer_account_created",
        # A partner contact's signed invitation to create an account and link it.
        "placements/partner_approved_invitation",
        "placements/partner_contact_invitation",
        # The unsubscribe link for an expression of interest in work experience.
        "placements/we_programme_open",
        # A parent or guardian's single-use link to sign the declaration of consent (issue 10).
        "vetting/guardian_consent",
        # A referee's single-use link to the reference form (vetting.services.references).
        "vetting/reference_request",
        "vetting/reference_reminder",
        # An outreach event's registrant's single-use link to cancel (issue 12): each email that
        # gives or keeps a place carries a new one.
        "outreach/registered",
        "outreach/promoted",
        "outreach/reminder",
        "outreach/event_changed",
    }
)

# Route arguments that make an address a key to someone's account or record.
TOKEN_ARGUMENTS = frozenset({"token", "key", "uidb36", "signed", "code"})

_URL = re.compile(r"https?://[^\s<>\"']+")


def is_sensitive_template(template: str) -> bool:
    return template in SENSITIVE_TEMPLATES


def links_to_token_view(*texts: str) -> bool:
    """True when one of ``texts`` holds a link to a page whose route takes a token."""
    for text in texts:
        for url in _URL.findall(text):
            try:
                match = resolve(urlsplit(url).path or "/")
            except Resolver404:
                continue
            if set(match.kwargs) & TOKEN_ARGUMENTS:
                return True
    return False
