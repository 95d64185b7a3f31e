"""The public outreach pages (issue 12): the listing, an event's page and calendar file,
registering (errors next to the fields, what was typed kept, never a 500), the page that
ends it, and cancelling from the emailed link (GET shows a page, POST cancels)."""

import re
from datetime import timedelta

import pytest
import time_machine
from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape
from icalendar import Calendar

from notifications.models import Notification
from outreach.enums import EventStatus, RegistrationStatus
from outreach.equality.invitations import equality_invitation_url
from outreach.models import EventRegistration
from outreach.services.registrations import USED

from .factories import OutreachEventFactory, emailed_cancel_link, registrations, started

pytestmark = pytest.mark.django_db
R = RegistrationStatus
FORM = {
    "full_name": "Amara Okafor",
    "email": "amara@example.org",
    "phone": "+44 (0)1622 777-688",
    "role_considered": "police_officer",
    "access_needs": "A hearing loop, please.",
    "website": "",
}


def register_url(event):
    return reverse("outreach_register", args=[event.pk])


# --- the listing and an event's page ---------------------------------------------------------------


def test_the_listing_shows_coming_published_events_with_their_places(client):
    open_event = OutreachEventFactory(title="Pre-application workshop, Maidstone", capacity=3)
    registrations(open_event, 1)
    full = OutreachEventFactory(title="SEARCH assessment workshop, Canterbury", capacity=1)
    registrations(full, 1)
    OutreachEventFactory(title="A draft", status=EventStatus.DRAFT)
    OutreachEventFactory(title="Called off", status=EventStatus.CANCELLED)
    started(OutreachEventFactory(title="Under way"))

    page = client.get(reverse("outreach_events")).content.decode()

    assert "Pre-application workshop, Maidstone" in page and "2 places left." in page
    assert "SEARCH assessment workshop, Canterbury" in page and "Full: you can join the waiting list." in page
    for hidden in ("A draft", "Called off", "Under way"):
        assert hidden not in page
    assert "It is not positive discrimination" in page


def test_the_landing_card_and_the_visitors_bar_link_the_listing(client):
    landing = client.get(reverse("landing")).content.decode()
    assert landing.count(f'href="{reverse("outreach_events")}"') == 2  # the bar and the card
    assert "See the workshops and events" in landing


def test_the_listing_keeps_its_query_count(client, assert_query_count_constant):
    assert_query_count_constant(
        client, reverse("outreach_events"), lambda n: OutreachEventFactory.create_batch(n), queries=1
    )


def test_an_event_page_offers_registration_the_waiting_list_or_says_why_not(client):
    event = OutreachEventFactory(capacity=1)
    page = client.get(reverse("outreach_event", args=[event.pk])).content.decode()
    assert "1 place left." in page and f'href="{register_url(event)}"' in page and ">Register</a>" in page

    registrations(event, 1)
    page = client.get(reverse("outreach_event", args=[event.pk])).content.decode()
    assert "This event is full" in page and "Join the waiting list</a>" in page

    cancelled = OutreachEventFactory(status=EventStatus.CANCELLED, cancellation_reason="The hall is flooded.")
    page = client.get(reverse("outreach_event", args=[cancelled.pk])).content.decode()
    assert "This event has been cancelled. The hall is flooded." in page and register_url(cancelled) not in page
    draft = OutreachEventFactory(status=EventStatus.DRAFT)
    assert client.get(reverse("outreach_event", args=[draft.pk])).status_code == 404


def test_the_ics_link_is_the_event_for_any_calendar_app(client):
    event = OutreachEventFactory(title="Interview workshop, Medway")

    response = client.get(reverse("outreach_event_ics", args=[event.pk]))

    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="kent-police-event.ics"'
    [calendar_event] = Calendar.from_ical(response.content).walk("VEVENT")
    assert str(calendar_event["summary"]) == "Interview workshop, Medway"
    assert calendar_event.decoded("dtend") == event.ends_at
    assert str(calendar_event["uid"]) == f"outreach-event-{event.pk}@{settings.CALENDAR_UID_DOMAIN}"


# --- registering ---------------------------------------------------------------------------------


def test_registering_ends_on_the_confirmation_page_with_the_address_and_calendar_link(client):
    event = OutreachEventFactory(title="Pre-application workshop, Maidstone")

    response = client.post(register_url(event), FORM)

    registration = EventRegistration.objects.get()
    # issue 12: the optional equality questions first, which go on to the confirmation page
    assert response.url == equality_invitation_url(registration)
    assert client.get(response.url).context["continue_url"] == reverse("outreach_registered", args=[event.pk])
    page = client.get(reverse("outreach_registered", args=[event.pk])).content.decode()
    assert "Thank you for registering" in page and "<strong>amara@example.org</strong>" in page
    assert reverse("outreach_event_ics", args=[event.pk]) in page
    assert (registration.full_name, registration.phone, registration.status) == (
        "Amara Okafor",
        "01622 777688",
        R.REGISTERED,
    )
    assert registration.access_needs == "A hearing loop, please."
    assert Notification.objects.get().recipient == "amara@example.org"
    # another event's confirmation page does not show the address
    other = OutreachEventFactory()
    assert "amara@example.org" not in client.get(reverse("outreach_registered", args=[other.pk])).content.decode()


def test_a_full_event_says_so_on_the_form_and_its_button_joins_the_waiting_list(client):
    event = OutreachEventFactory(capacity=1)
    registrations(event, 1)

    page = client.get(register_url(event)).content.decode()
    assert "The event is full, so you will join its waiting list." in page and "Join the waiting list</button>" in page

    client.post(register_url(event), FORM)
    assert EventRegistration.objects.get(email="amara@example.org").status == R.WAITING


def test_the_page_after_registering_is_the_same_for_a_new_and_a_repeated_registration(client):
    event = OutreachEventFactory()
    # the questions' signed link carries the second it was made: both posts in the same one
    with time_machine.travel(timezone.now(), tick=False):
        first = client.post(register_url(event), FORM, follow=True)
        again = client.post(register_url(event), {**FORM, "full_name": "Someone Else"}, follow=True)

    # the optional equality questions (issue 12) either way; only the form's CSRF mask differs
    assert first.request["PATH_INFO"].startswith("/equality/") and again.request["PATH_INFO"].startswith("/equality/")
    assert unmasked(first) == unmasked(again)
    confirmation = reverse("outreach_registered", args=[event.pk])
    assert first.context["continue_url"] == again.context["continue_url"] == confirmation
    assert EventRegistration.objects.count() == 1
    assert Notification.objects.filter(recipient="amara@example.org").count() == 2


def unmasked(response):
    return re.sub(r'name="csrfmiddlewaretoken" value="\w+"', "", response.content.decode())


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"full_name": ""}, "full_name", "Enter your full name."),
        ({"email": "amara"}, "email", "Enter an email address like name@example.org."),
        ({"phone": "12"}, "phone", "Enter a UK phone number"),
        ({"role_considered": ""}, "role_considered", "Choose the role you are considering"),
        ({"role_considered": "chief_constable"}, "role_considered", "Choose one of the roles listed"),
        ({"full_name": "   "}, "full_name", "Enter your full name."),
    ],
)
def test_a_problem_is_shown_next_to_its_field_and_what_was_typed_stays(client, changes, field, message):
    event = OutreachEventFactory()

    response = client.post(register_url(event), {**FORM, **changes})

    assert response.status_code == 200
    form = response.context["form"]
    assert message in " ".join(form.errors[field])
    page = response.content.decode()
    assert "alert-danger" in page and escape("A hearing loop, please.") in page
    assert not EventRegistration.objects.exists()


def test_a_robot_filling_the_hidden_box_is_thanked_and_nothing_is_kept(client):
    event = OutreachEventFactory()

    response = client.post(register_url(event), {**FORM, "website": "http://spam.example"}, follow=True)

    assert "Thank you for registering" in response.content.decode()
    assert not EventRegistration.objects.exists() and not Notification.objects.exists()


@pytest.mark.parametrize(
    ("change", "problem"),
    [
        ({"status": EventStatus.CANCELLED}, "This event has been cancelled."),
        ({"starts_at": timezone.now() - timedelta(hours=1)}, "registration has closed"),
    ],
)
def test_registration_closed_is_said_on_a_page_of_its_own(client, change, problem):
    event = OutreachEventFactory(**change, ends_at=timezone.now() + timedelta(days=30))

    for response in (client.get(register_url(event)), client.post(register_url(event), FORM)):
        assert response.status_code == 200 and problem in response.content.decode()
    assert not EventRegistration.objects.exists()


def test_the_form_is_rate_limited_per_address(client, settings):
    settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS, "outreach_register": "2/h/ip"}
    event = OutreachEventFactory()

    answers = [client.post(register_url(event), {**FORM, "email": f"p{n}@example.org"}).status_code for n in range(3)]

    assert answers == [302, 302, 429]
    assert EventRegistration.objects.count() == 2


# --- cancelling from the link ----------------------------------------------------------------------


def test_the_link_shows_a_page_and_only_the_button_cancels_and_promotes_the_first_waiting(client):
    event = OutreachEventFactory(capacity=1, title="SEARCH assessment workshop, Canterbury")
    holder, waiting = registrations(event, 2)
    link = emailed_cancel_link(holder)

    page = client.get(link).content.decode()
    assert "Cancel your registration?" in page and holder.full_name in page
    assert "your place goes to the first person on the waiting list" in page
    assert EventRegistration.objects.get(pk=holder.pk).status == R.REGISTERED  # a GET changes nothing

    response = client.post(link)

    assert response.status_code == 200 and "Your registration is cancelled" in response.content.decode()
    assert EventRegistration.objects.get(pk=holder.pk).status == R.CANCELLED
    assert EventRegistration.objects.get(pk=waiting.pk).status == R.REGISTERED
    assert Notification.objects.get(template="outreach/promoted").recipient == waiting.email
    used = client.get(link)
    assert used.status_code == 410 and USED in used.content.decode()
    assert client.post(link).status_code == 410


def test_a_link_that_is_not_one_of_ours_is_not_found(client):
    registrations(OutreachEventFactory(), 1)
    response = client.get(reverse("outreach_cancel", args=["not-a-real-link"]))
    assert response.status_code == 404 and "This link does not work" in response.content.decode()
