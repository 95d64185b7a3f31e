"""Staff must set up MFA before they reach any page but the set-up itself.

allauth has no setting that forces MFA (STACK.md), hence this middleware.
"""

from django.contrib import messages
from django.shortcuts import redirect, resolve_url
from django.utils.http import url_has_allowed_host_and_scheme

from .mfa import has_totp
from .roles import is_staff_member

# The pages a staff user without MFA may still open: the set-up flow and logging out.
MFA_SETUP_URL_NAMES = frozenset(
    {
        "mfa_activate_totp",
        "mfa_index",
        "mfa_view_recovery_codes",
        "mfa_generate_recovery_codes",
        "mfa_download_recovery_codes",
        "account_reauthenticate",
        "account_logout",
    }
)

# Where the officer was going when sent to the set-up (issue 9: the set-up ends with a way on).
GOING_TO_SESSION_KEY = "accounts_mfa_setup_next"


def set_up_done_url(request) -> str:
    """The "Continue" link at the end of the set-up: the page the officer was going to
    (stored by the middleware below, checked again as any redirect is), or their home."""
    going_to = request.session.get(GOING_TO_SESSION_KEY)
    if going_to and url_has_allowed_host_and_scheme(going_to, allowed_hosts=None):
        return going_to
    return resolve_url("home")


class StaffMFARequiredMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        user = request.user
        if not is_staff_member(user) or request.resolver_match.url_name in MFA_SETUP_URL_NAMES:
            return None
        if has_totp(user):
            return None
        if request.method == "GET":  # a form sent before the set-up cannot be replayed: its page can
            request.session[GOING_TO_SESSION_KEY] = request.get_full_path()
        messages.info(request, "Staff accounts must use two-factor authentication. Set it up to continue.")
        return redirect("mfa_activate_totp")
