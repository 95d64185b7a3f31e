"""Rate limits on public forms and token pages (issue 13: "rate limited per address and per
email (a readable 429 page); behind the trusted proxy the client's real address is used").

The counters are allauth's (``ACCOUNT_RATE_LIMITS`` in settings, kept in the cache, with
the client's address found through ``TRUSTED_PROXY_COUNT``), and a refusal is its 429,
drawn by templates/429.html. Two kinds of page:

- a public form that sends an email: each POST counts against the form's per-address
  rate (``<action>``, ``limit_address``), and each valid one against the rate of the email
  address it carries (``<action>_email``, ``limit_email``), so one place cannot send many
  and one inbox cannot be flooded with acknowledgements from many places;
- a page opened by a token from an email (``limit_token_page``): every GET and POST counts
  against one per-address rate shared by all of them (``token_page``), so nobody can try
  tokens in bulk; a wrong token's "not found" is counted like a right one.
"""

from functools import wraps

from allauth.core.ratelimit import consume_or_429

TOKEN_PAGE = "token_page"  # noqa: S105 (an action's name, not a secret)


def limit_address(request, action):
    """The 429 response if this POST is over the form's per-address limit, else None (a GET
    is free). Every POST counts, valid or not: robots mostly send junk."""
    if request.method != "POST":
        return None
    return consume_or_429(request, action=action)


def limit_email(request, action, email: str):
    """The 429 response if the form's valid submission is over its per-email limit, else
    None. Called once the form is valid, so someone correcting their typos is not counted:
    only what would send that inbox an email is."""
    return consume_or_429(request, action=f"{action}_email", key=email.strip().lower())


def limit_token_page(view):
    @wraps(view)
    def limited(request, *args, **kwargs):
        if refused := consume_or_429(request, action=TOKEN_PAGE, limit_get=True):
            return refused
        return view(request, *args, **kwargs)

    return limited
