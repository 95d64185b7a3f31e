"""Reachability (issue 9, "Navigation"): for each demo persona, a crawler that starts on
their home page and follows only links (and GET forms) reaches every page that the
permission matrix lets that persona open, with the demo data loaded. A new page that
nothing links to fails here (STYLE.md "Pages": every page is reachable by links from
its persona's home)."""

from collections import deque
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

import pytest
from django.core.management import call_command
from django.urls import Resolver404, resolve, reverse

from accounts.demo import DEMO_PEOPLE, demo_email
from accounts.models import User
from outreach.models import OutreachEvent
from placements.models import PresentationSession
from tests.matrix import ANONYMOUS, PROBES
from tests.test_permission_matrix import MATRIX
from tests.urlwalk import all_routes

pytestmark = pytest.mark.django_db

# The one list of pages reached only from an emailed link (or a calendar app): each
# carries a token or key that only the email holds.
EMAILED_ONLY = {
    "account_confirm_email",  # the email-address confirmation link
    "account_reset_password_from_key",  # the password-reset email
    "account_reset_password_from_key_done",  # after the form the reset email opens
    "partner_join",  # a partner contact's invitation
    "we_unsubscribe",  # the footer of the work-experience interest emails
    "guardian_consent",  # a parent or guardian's consent link (issue 10)
    "guardian_agreement_download",  # on the page that link opens, once the agreement is ready
    "reference_form",  # a referee's single-use link (vetting.services.references)
    "outreach_cancel",  # an outreach event's registrant's link to cancel (issue 12)
    "officer_calendar",  # calendar feeds: subscribed to by a calendar app
    "partner_calendar",
}
# Pages shown only as the answer to a form or a redirect, never linked: the crawler
# follows GET links and sends no POST (it would log itself out).
AFTER_A_FORM = {
    "account_logout",  # the bar's "Log out" is a POST button
    "account_email_verification_sent",  # after signing up or adding an address
    "account_inactive",  # after logging in to a disabled account
    "account_reset_password_done",  # after asking for a reset
    "partner_register_thanks",  # after registering an organisation
    "outreach_registered",  # after registering for an outreach event (issue 12)
    "outreach_business_thanks",  # after a local business registers its interest (issue 12)
    "account_reauthenticate",  # allauth asks for the password before a security change
    "mfa_reauthenticate",
    "equality_questions",  # the optional questions, once an application is sent (issue 12)
}
# Forgetting one's password is a visitor's problem: the login page links it, and a
# signed-in person never sees the login page.
VISITORS_ONLY = {"account_reset_password"}
NOT_CRAWLED = EMAILED_ONLY | AFTER_A_FORM | PROBES
# demo login -> persona of the permission matrix
PERSONA_OF = {
    "recruiter": "recruiter",
    "diversity": "diversity_officer",
    "vetting": "vetting_officer",
    "escort": "escorting_officer",
    "student": "student_officer",
    "resourcing": "head_of_resourcing",
    "partner": "partner_contact",
    "applicant": "applicant",
    "volunteer": "volunteer_applicant",
}
# A safety stop: the demo data gives each persona well under this many pages.
MAX_PAGES = 300


class Links(HTMLParser):
    """The targets of a page's links and of its GET forms (sent with no fields filled)."""

    def __init__(self):
        super().__init__()
        self.targets = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "a" and attrs.get("href"):
            self.targets.append(attrs["href"])
        elif tag == "form" and (attrs.get("method") or "get").lower() == "get":
            self.targets.append(attrs.get("action") or "")


def route_name(path):
    try:
        match = resolve(path)
    except Resolver404:
        return None
    return match.view_name if match.url_name else match.route


def crawl(client, start, on_page=None):
    """Route names of the pages reached with a 200 by following links from ``start``;
    ``on_page(path, response)``, when given, is shown each of them."""
    reached, seen = set(), {start}
    queue = deque([start])
    while queue:
        assert len(seen) <= MAX_PAGES, f"more than {MAX_PAGES} pages from {start}"
        url = queue.popleft()
        response = client.get(url, follow=True)
        if response.status_code != 200:
            continue
        here = response.request["PATH_INFO"]
        reached.add(route_name(here))
        if on_page is not None:
            on_page(here, response)
        if "text/html" not in response.get("Content-Type", ""):
            continue  # a download: nothing to follow
        parser = Links()
        parser.feed(response.content.decode())
        for target in parser.targets:
            parts = urlsplit(urljoin(here, target))
            if parts.scheme not in ("", "http") or parts.netloc not in ("", "testserver"):
                continue  # another site
            path = parts.path
            name = route_name(path)
            if path in seen or name is None or name in NOT_CRAWLED:
                continue
            if path.startswith("/admin/"):
                # the back office is reached through its own index (Django's admin)
                reached.add("admin:index")
                continue
            seen.add(path)
            queue.append(path)
    return reached


def allowed_pages(persona):
    """The pages the permission matrix opens to ``persona`` (admin pages apart)."""
    excluded = NOT_CRAWLED | (VISITORS_ONLY if persona != ANONYMOUS else set())
    return {
        route.key
        for route in all_routes()
        if not route.pattern.startswith("admin/") and route.key not in excluded and MATRIX[route.key](persona) == "200"
    }


@pytest.fixture
def demo(settings):
    settings.DEBUG = True  # seed_demo refuses to run otherwise
    call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    settings.DEBUG = False


def test_the_lists_name_real_pages():
    names = {route.key for route in all_routes()}
    assert names >= EMAILED_ONLY | AFTER_A_FORM | VISITORS_ONLY


def test_every_persona_reaches_each_of_their_pages_by_links(client, demo):
    missing = {}
    for _role, login, _name in DEMO_PEOPLE:
        persona = PERSONA_OF[login]
        client.force_login(User.objects.get(email=demo_email(login)))
        reached = crawl(client, reverse("home"))
        if gaps := allowed_pages(persona) - reached:
            missing[persona] = sorted(gaps)
        if persona in ("recruiter", "diversity_officer", "vetting_officer", "head_of_resourcing"):
            assert "admin:index" in reached, persona
        client.logout()
    assert not missing, f"Pages no link leads to: {missing}"


def test_a_visitor_reaches_the_public_pages_by_links(client, demo):
    reached = crawl(client, reverse("landing"))
    assert allowed_pages(ANONYMOUS) <= reached, sorted(allowed_pages(ANONYMOUS) - reached)


def page_as(client, login, url):
    client.force_login(User.objects.get(email=demo_email(login)))
    return client.get(url).content.decode()


def test_the_demo_gives_every_persona_something_on_their_pages(client, demo):
    """Issue 9: a running programme with participants, an escort with participants, a
    register, placements awaiting a reply, a reflection, feedback and replies to give, and
    officers at risk of missing their 4-day placement."""
    from placements.models import WorkExperienceProgramme

    running = WorkExperienceProgramme.objects.get(status="running")
    participants = ["Alex Applicant", "Jamie Participant", "Morgan Participant"]
    escort_list = page_as(client, "escort", reverse("escort_participants"))
    assert all(name in escort_list for name in participants)
    dashboard = page_as(client, "recruiter", reverse("we_programme_dashboard", args=[running.pk]))
    assert all(name in dashboard for name in participants) and dashboard.count("Register for ") == 5
    register = page_as(client, "recruiter", reverse("attendance_register", args=[running.pk, running.starts_on]))
    assert all(name in register for name in participants)
    portal = page_as(client, "partner", reverse("partner_portal"))
    assert "Maidstone Mind" in portal and "Sevenoaks Dementia Café" in portal
    partner = User.objects.get(email=demo_email("partner")).partner_contacts.get(is_primary=False).organisation
    assert "Accept or decline" in page_as(client, "partner", reverse("partner_placements", args=[partner.pk]))
    presentations = page_as(client, "partner", reverse("partner_presentations"))
    assert "Give feedback" in presentations and "Reply" in presentations
    cohort = User.objects.get(email=demo_email("student")).student_officer.cohort
    cohort_page = page_as(client, "diversity", reverse("allocation_cohort", args=[cohort.pk]))
    assert "Jordan Officer</strong> (KP10003): Declined by the partner, Sevenoaks Dementia Café" in cohort_page
    assert "Riley Officer</strong> (KP10002): Never placed." in cohort_page
    assert "Re-allocate these 2 officers (4-day placement)" in cohort_page
    assert ">Accept for the partner</button>" in cohort_page
    # issue 9: a full session with a waiting list, for the Diversity Placements Officer
    session = PresentationSession.objects.get()
    replies = page_as(client, "diversity", reverse("staff_presentation_session", args=[session.pk]))
    waiting = replies.split('id="waiting-heading"')[1].split('id="declined-heading"')[0]
    assert "Sevenoaks Dementia Café" in waiting and "Tom Webb" in waiting
    mine = page_as(client, "student", reverse("my_placements"))
    assert "Your presentation summary and reflection" in mine
    applications = page_as(client, "applicant", reverse("we_my_applications"))
    assert "Your diary" in applications and "Withdraw my application" in applications
    # issue 10: an application in vetting with one reference received and one waiting
    references = page_as(client, "vetting", reverse("reference_list"))
    assert "Riley Vetted" in references and "Received" in references and "link sent, not used yet" in references
    # issue 12: a full outreach workshop with its waiting list, and an engagement day's register to take
    events = page_as(client, "diversity", reverse("outreach_staff_events"))
    assert "SEARCH assessment workshop, Canterbury" in events and "2 of 2" in events
    full = OutreachEvent.objects.get(title="SEARCH assessment workshop, Canterbury")
    waiting = page_as(client, "diversity", reverse("outreach_staff_event", args=[full.pk]))
    assert waiting.split('id="waiting-heading"')[1].count('<th scope="row">') == 2
    day = OutreachEvent.objects.get(title__startswith="#MoreThanTheBadge engagement day")
    assert "Save the register" in page_as(client, "diversity", reverse("outreach_staff_event", args=[day.pk]))
