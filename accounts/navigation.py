"""The navigation bar: who sees which entries (issue 9, "Navigation").

Each entry is one page that the person uses, chosen from their roles (accounts.roles)
and relationships (a partner's contact, a student officer's record) through the same
permissions the pages themselves ask for, so the bar never offers a page that would
turn the person away. It asks django-rules directly (not user.has_perm, whose model
backend would load every model permission on each page): the roles are read once.
STYLE.md "Pages": every page is reachable by links from its persona's home."""

from dataclasses import dataclass
from urllib.parse import urlencode

import rules
from django.urls import reverse
from django.utils.functional import SimpleLazyObject
from django.utils.http import url_has_allowed_host_and_scheme

from .roles import Role, has_role


@dataclass(frozen=True)
class NavEntry:
    label: str
    url: str


# (label, URL name, permission the page asks for); None: anyone signed in.
SIGNED_IN_ENTRIES = [
    ("Your home", "home", None),
    ("Your account", "my_account", None),
    ("Partner portal", "partner_portal", "placements.use_partner_portal"),
    ("Your participants", "escort_participants", "placements.escort_participants"),
    ("Programmes", "we_programmes", "placements.view_programme_dashboard"),
    ("Partners", "staff_partner_list", "placements.review_partners"),
    ("Allocation", "allocation_cohorts", "placements.view_allocation"),
    ("Reports", "cohort_reports", "placements.view_presentation_reports"),
]
VISITOR_ENTRIES = [
    ("Work experience", "we_index"),
    ("Partner organisations", "partner_register"),
]


def navigation_for(user) -> list[NavEntry]:
    """The bar's entries for ``user``, in the order they are shown."""
    if not user.is_authenticated:
        return [NavEntry(label, reverse(name)) for label, name in VISITOR_ENTRIES]
    entries = [
        NavEntry(label, reverse(name))
        for label, name, perm in SIGNED_IN_ENTRIES
        if perm is None or rules.has_perm(perm, user)
    ]
    # Only a student officer's linked record opens their placements; asked of student
    # officers alone, so nobody else's pages pay for the look-up.
    if has_role(user, Role.STUDENT_OFFICER) and rules.has_perm("placements.view_own_placements", user):
        entries.insert(2, NavEntry("Your placements", reverse("my_placements")))
    if user.is_staff:
        # the back office (Django admin) is for the back-office roles only (accounts.roles)
        entries.append(NavEntry("Back office", reverse("admin:index")))
    return entries


def on_account_page(request) -> bool:
    """allauth's own pages: log in, sign up, password reset, email confirmation."""
    match = getattr(request, "resolver_match", None)
    return match is not None and match.func.__module__.startswith("allauth.")


def way_back(request) -> str:
    """``?next=<this page>`` for the bar's "Log in" and "Create an account", so a visitor
    returns to the page they were reading (issue 9); "" on allauth's own pages (coming back
    to the login form after logging in leads nowhere) and for anything but a path on this
    site (a request for "//elsewhere.example/" renders our 404 page with the bar)."""
    here = request.get_full_path()
    if on_account_page(request) or not url_has_allowed_host_and_scheme(here, allowed_hosts=set()):
        return ""
    return "?" + urlencode({"next": here})


def navigation(request):
    """Context processor: the bar's entries, the current one marked for aria-current, and
    the visitor's way in. Lazy: pages that draw no bar (the back office, emails) ask
    nothing of the database."""

    def entries_marked():
        user = getattr(request, "user", None)  # an error page may come before authentication
        entries = navigation_for(user) if user is not None else []
        current = max(
            (e.url for e in entries if request.path.startswith(e.url) and e.url != "/"), key=len, default=None
        )
        return [(entry, entry.url == current) for entry in entries]

    back = way_back(request)
    return {
        "nav_entries": SimpleLazyObject(entries_marked),
        "nav_login_url": reverse("account_login") + back,
        "nav_signup_url": reverse("account_signup") + back,
    }
