"""The navigation bar: who sees which entries (issue 9, "Navigation").

Each entry is one page that the person uses, chosen from their roles (accounts.roles)
and relationships (a partner's contact, a student officer's record) through the same
permissions the pages themselves ask for, so the bar never offers a page that would
turn the person away. It asks django-rules directly (not user.has_perm, whose model
backend would load every model permission on each page): the roles are read once.
STYLE.md "Pages": every page is reachable by links from its persona's home."""

from collections.abc import Callable
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


@dataclass(frozen=True)
class Gate:
    """Who is offered a page: the permission the page itself asks for (None: anyone signed
    in), asked only of people holding ``role`` when one is given (a relationship predicate
    such as "has a student officer record" costs a query: nobody else pays for it)."""

    permission: str | None = None
    role: str | None = None

    def opens_for(self, user) -> bool:
        if self.role is not None and not has_role(user, self.role):
            return False
        return self.permission is None or rules.has_perm(self.permission, user)


# (label, URL name, who is offered it)
SIGNED_IN_ENTRIES = [
    ("Your home", "home", Gate()),
    ("Your account", "my_account", Gate()),
    ("Your placements", "my_placements", Gate("placements.view_own_placements", role=Role.STUDENT_OFFICER)),
    ("Partner portal", "partner_portal", Gate("placements.use_partner_portal")),
    ("Your participants", "escort_participants", Gate("placements.escort_participants")),
    ("Programmes", "we_programmes", Gate("placements.view_programme_dashboard")),
    ("Vetting", "vetting_records", Gate("vetting.decide_checks")),
    ("References", "reference_list", Gate("vetting.manage_references")),
    ("Partners", "staff_partner_list", Gate("placements.review_partners")),
    ("Allocation", "allocation_cohorts", Gate("placements.view_allocation")),
    ("Presentations", "staff_presentations", Gate("placements.view_presentation_sessions")),
    ("Reports", "cohort_reports", Gate("placements.view_presentation_reports")),
    ("Monitoring", "we_monitoring", Gate("placements.monitor_work_experience")),
    ("Volunteer recruitment", "volunteer_staff_campaigns", Gate("volunteers.review_applications")),
    ("Volunteer hours", "volunteer_staff_hours", Gate("volunteers.review_applications")),
    ("Outreach events", "outreach_staff_events", Gate("outreach.run_events")),
    ("Positive Action Programme", "programme_staff_enrolments", Gate("outreach.run_programme")),
    ("Equality monitoring", "equality_reports", Gate("outreach.view_equality_reports")),
    ("Local businesses", "outreach_staff_businesses", Gate("outreach.follow_up_businesses")),
    ("Personal data requests", "personal_data_search", Gate("accounts.handle_personal_data_requests")),
    ("Retention", "retention_schedule", Gate("retention.preview_disposal")),
]
GATES = {name: gate for _label, name, gate in SIGNED_IN_ENTRIES}
VISITOR_ENTRIES = [
    ("Work experience", "we_index"),
    ("Partner organisations", "partner_register"),
    ("Volunteering", "volunteer_campaigns"),
    ("Positive action", "outreach_events"),
]


def navigation_for(user) -> list[NavEntry]:
    """The bar's entries for ``user``, in the order they are shown."""
    if not user.is_authenticated:
        return [NavEntry(label, reverse(name)) for label, name in VISITOR_ENTRIES]
    entries = [NavEntry(label, reverse(name)) for label, name, gate in SIGNED_IN_ENTRIES if gate.opens_for(user)]
    if user.is_staff:
        # the back office (Django admin) is for the back-office roles only (accounts.roles)
        entries.append(NavEntry("Back office", reverse("admin:index")))
    return entries


# --- "Your account": the person's own things ------------------------------------------------


@dataclass(frozen=True)
class OwnThings:
    """One kind of thing a person has (their applications, organisations, placements...),
    listed on "Your account" (issue 9) under a heading that links to the page listing them,
    each thing linked to its own page, offered to whom the bar offers that page. Each app
    registers its kinds (``register_own_things``, from its AppConfig.ready), as accounts
    uses no app of ours (DOMAIN.md §2)."""

    heading: str
    list_url_name: str  # the page that lists them all
    items: Callable  # items(user) -> list[NavEntry], a fixed number of queries
    none: str  # said when the person has none yet

    @property
    def gate(self) -> Gate:
        """The list page's gate in the bar; a page the bar does not list asks only that
        the person is signed in (as "Your account" itself does)."""
        return GATES.get(self.list_url_name, Gate())


_OWN_THINGS: list[OwnThings] = []


def register_own_things(*kinds: OwnThings) -> None:
    _OWN_THINGS.extend(kind for kind in kinds if kind not in _OWN_THINGS)


@dataclass(frozen=True)
class OwnList:
    heading: str
    url: str
    items: list[NavEntry]
    none: str


def own_things_for(user) -> list[OwnList]:
    """The kinds of things ``user`` may have, each with the things they have."""
    return [
        OwnList(kind.heading, reverse(kind.list_url_name), kind.items(user), kind.none)
        for kind in _OWN_THINGS
        if kind.gate.opens_for(user)
    ]


def on_account_page(request) -> bool:
    """allauth's own pages: log in, sign up, password reset, email confirmation."""
    match = getattr(request, "resolver_match", None)
    return match is not None and match.func.__module__.startswith("allauth.")


def way_back(request) -> str:
    """``?next=<this page>`` for the bar's "Log in" and "Create an account", so a visitor
    returns to the page they were reading (issue 9); "" on the start page (logging in leads
    to the person's home, of more use than the four ways in), on allauth's own pages (coming
    back to the login form after logging in leads nowhere) and for anything but a path on
    this site (a request for "//elsewhere.example/" renders our 404 page with the bar)."""
    here = request.get_full_path()
    if (
        here == reverse("landing")
        or on_account_page(request)
        or not url_has_allowed_host_and_scheme(here, allowed_hosts=set())
    ):
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
