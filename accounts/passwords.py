"""A set-password link for an account made for someone (issue 9: imported student officers)."""

from allauth.account import app_settings as account_settings
from allauth.account.utils import user_pk_to_url_str
from django.conf import settings
from django.urls import reverse


def set_password_url(user) -> str:
    """allauth's own password-reset link for ``user``, so the page that follows is the one
    "Forgot your password?" leads to. Built as allauth's reset flow builds it
    (account/internal/flows/password_reset.py), with settings.SITE_URL since it may be
    sent with no request. It works until settings.PASSWORD_RESET_TIMEOUT or until a
    password is set, whichever comes first (the token hashes the password)."""
    token = account_settings.PASSWORD_RESET_TOKEN_GENERATOR().make_token(user)
    key = f"{user_pk_to_url_str(user)}-{token}"
    path = reverse("account_reset_password_from_key", kwargs={"uidb36": "UID", "key": "KEY"})
    return settings.SITE_URL + path.replace("UID-KEY", key)


def set_password_link_days() -> int:
    return settings.PASSWORD_RESET_TIMEOUT // (24 * 60 * 60)
