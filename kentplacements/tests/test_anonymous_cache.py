"""Public pages served from the cache to anonymous visitors (issue 13; kentplacements/
anonymous_cache.py): stored once, served without a query, never to or from someone signed
in or holding a message, never with a cookie, and out of date the moment staff change what
they show."""

import re

import pytest
from django.apps import apps
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from accounts.roles import Role
from kentplacements.anonymous_cache import watched_models
from outreach.services.events import change_event_details
from outreach.tests.factories import OutreachEventFactory, registrations
from placements.tests.work_experience_factories import EligibilityQuestionFactory, ProgrammeFactory
from tests.factories import UserFactory
from volunteers.services.campaigns import close_campaign
from volunteers.tests.factories import OpenCampaignFactory, PoweredRoleFactory

from .anonymous_cache_urls import CALLS

pytestmark = pytest.mark.django_db


@pytest.fixture
def shown():
    """One of each thing the cached pages show, and the URL of every cached page."""
    programme = ProgrammeFactory(title="Summer work experience 2027")
    EligibilityQuestionFactory(programme=programme)
    campaign = OpenCampaignFactory(role=PoweredRoleFactory())
    event = OutreachEventFactory(title="Pre-application workshop in Ashford")
    urls = {
        "landing": reverse("landing"),
        "cookies": reverse("cookies"),
        "programmes": reverse("we_index"),
        "programme": reverse("we_programme", args=[programme.pk]),
        "campaigns": reverse("volunteer_campaigns"),
        "campaign": reverse("volunteer_campaign", args=[campaign.pk]),
        "events": reverse("outreach_events"),
        "event": reverse("outreach_event", args=[event.pk]),
    }
    return {"programme": programme, "campaign": campaign, "event": event, "urls": urls}


PAGES = ["landing", "cookies", "programmes", "programme", "campaigns", "campaign", "events", "event"]


@pytest.mark.parametrize("name", PAGES)
def test_an_anonymous_visitor_is_served_the_stored_page_without_a_query(client, shown, name, django_assert_num_queries):
    url = shown["urls"][name]
    first = client.get(url)
    assert first.status_code == 200
    with django_assert_num_queries(0):
        second = client.get(url)
    assert second.status_code == 200
    assert second.content == first.content
    # No cookie is set, and caches between us and the visitor keep signed-in pages apart.
    assert not first.cookies and not second.cookies
    assert "Cookie" in second["Vary"]
    # the inner middleware's headers were stored with the page; the outer ones are per request
    for header in ("Content-Security-Policy", "X-Frame-Options", "Strict-Transport-Security"):
        assert second.get(header) == first.get(header)
    assert second["X-Request-ID"] != first["X-Request-ID"]
    assert "csrfmiddlewaretoken" not in second.content.decode()


@pytest.mark.parametrize("name", ["programmes", "campaign", "event"])
def test_a_signed_in_person_neither_gets_nor_leaves_a_stored_page(client, shown, name):
    url = shown["urls"][name]
    anonymous = Client().get(url).content.decode()
    client.force_login(UserFactory(roles=[Role.APPLICANT]))
    with CaptureQueriesContext(connection) as queries:
        signed_in = client.get(url).content.decode()
    assert len(queries) > 0  # rendered for them, not taken from the cache
    assert "Log out" in signed_in and "Log out" not in anonymous
    assert "Log out" not in Client().get(url).content.decode()


def test_the_interest_form_has_a_page_of_its_own_so_the_list_carries_no_token(client, shown):
    listing = client.get(shown["urls"]["programmes"]).content.decode()
    assert "csrfmiddlewaretoken" not in listing
    assert f'href="{reverse("we_interest")}"' in listing
    form = client.get(reverse("we_interest"))
    assert "csrfmiddlewaretoken" in form.content.decode()


def test_a_flash_message_is_shown_to_its_visitor_and_never_stored(client, shown, django_capture_on_commit_callbacks):
    url = shown["urls"]["programmes"]
    Client().get(url)  # the list is stored for anonymous visitors
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("we_interest"), {"full_name": "Sam Keen", "email": "sam@example.org"}, follow=True
        )
    assert response.redirect_chain[-1][0] == url
    assert "We will email you when a work experience programme opens" in response.content.decode()
    # the next visitor gets the stored page, without someone else's message
    assert "We will email you" not in Client().get(url).content.decode()
    # and the message was shown once: it is not kept for later either
    assert "We will email you" not in client.get(url).content.decode()


def test_a_staff_change_shows_at_once(client, shown, django_capture_on_commit_callbacks):
    urls = shown["urls"]
    recruiter = UserFactory(roles=[Role.RECRUITMENT_TEAM])
    officer = UserFactory(roles=[Role.DIVERSITY_PLACEMENTS_OFFICER])
    for url in urls.values():
        client.get(url)
    with django_capture_on_commit_callbacks(execute=True):
        change_event_details(shown["event"], by=officer, changes={"title": "Engagement day in Dover"})
    assert "Engagement day in Dover" in client.get(urls["event"]).content.decode()
    assert "Engagement day in Dover" in client.get(urls["events"]).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        close_campaign(shown["campaign"], by=recruiter)
    assert "is not open for applications" in client.get(urls["campaign"]).content.decode()
    # a save as the back office makes it (the admin's change form saves the model)
    programme = shown["programme"]
    programme.title = "Autumn work experience 2027"
    with django_capture_on_commit_callbacks(execute=True):
        programme.save()
    assert "Autumn work experience 2027" in client.get(urls["programmes"]).content.decode()


def test_a_registration_updates_the_places_left(client, shown, django_capture_on_commit_callbacks):
    url = shown["urls"]["event"]
    assert "10 places left" in client.get(url).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        registrations(shown["event"], count=2)  # places_taken moves by UPDATE, not save()
    assert "8 places left" in client.get(url).content.decode()


def test_a_change_is_announced_again_when_it_commits(client, shown, django_capture_on_commit_callbacks):
    """A page rendered between the save and the commit reads the old rows: the commit gives
    the pages another version, so it is not served."""
    url = shown["urls"]["programmes"]
    with django_capture_on_commit_callbacks(execute=False) as on_commit:
        shown["programme"].title = "Autumn work experience 2027"
        shown["programme"].save()
        Client().get(url)  # stored meanwhile, as another process could before the commit
    for callback in on_commit:
        callback()
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    assert len(queries) > 0  # rendered again, not the page stored before the commit


def test_a_zero_timeout_turns_the_cache_off(client, shown, settings):
    settings.ANONYMOUS_CACHE_SECONDS = 0
    url = shown["urls"]["programmes"]
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    assert len(queries) > 0


def test_a_404_is_not_stored(client):
    url = reverse("volunteer_campaign", args=[999])
    assert client.get(url).status_code == 404
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 404
    assert len(queries) > 0


@pytest.mark.parametrize(
    "headers",
    [{"QUERY_STRING": "utm_source=leaflet"}, {"HTTP_HX_REQUEST": "true"}],
    ids=["query string", "htmx"],
)
def test_a_query_string_or_an_htmx_request_is_rendered_live(client, shown, headers):
    url = shown["urls"]["programmes"]
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        client.get(url, **headers)
    assert len(queries) > 0


def test_another_language_is_not_served_the_stored_page(client, shown):
    url = shown["urls"]["programmes"]
    client.get(url)
    with translation.override("cy"), CaptureQueriesContext(connection) as queries:
        client.get(url)
    assert len(queries) > 0


# --- what is never stored, whatever the view -----------------------------------------------


@pytest.mark.urls("kentplacements.tests.anonymous_cache_urls")
@pytest.mark.parametrize(
    "name", ["too_many", "sets_a_cookie", "holds_a_csrf_token", "adds_a_message", "writes_the_session", "private"]
)
def test_a_response_for_one_visitor_is_never_stored(name):
    CALLS.clear()
    for _ in range(2):
        Client().get(f"/{name}/")  # a new visitor each time, with no cookie
    assert [name, name] == CALLS


@pytest.mark.urls("kentplacements.tests.anonymous_cache_urls")
def test_a_response_the_same_for_everyone_is_stored():
    """The counterpart of the test above: the views are called, and a plain one is stored."""
    CALLS.clear()
    for _ in range(2):
        assert Client().get("/same_for_everyone/").content == b"hello"
    assert CALLS == ["same_for_everyone"]


# --- every row a cached page reads is watched ------------------------------------------------


TABLE = re.compile(r'(?:FROM|JOIN)\s+"([a-z0-9_]+)"', re.IGNORECASE)


def test_every_table_a_cached_page_reads_is_watched_for_changes(client, shown):
    """A model a public page shows but nobody watches would leave that page stale until it
    expires: name it in its app's watch_public_models (AppConfig.ready)."""
    by_table = {model._meta.db_table: model for model in apps.get_models(include_auto_created=True)}
    watched_tables = {model._meta.db_table for model in watched_models()}
    watched_tables |= {
        field.remote_field.through._meta.db_table
        for model in watched_models()
        for field in model._meta.local_many_to_many
    }
    read = set()
    for url in shown["urls"].values():
        with CaptureQueriesContext(connection) as queries:
            client.get(url)
        read |= {table for query in queries for table in TABLE.findall(query["sql"])}
    assert read, "the pages read nothing: the test no longer looks at anything"
    unwatched = {by_table[table]._meta.label for table in read if table not in watched_tables}
    assert not unwatched
