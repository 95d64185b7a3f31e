"""The Diversity Placements Officer's outreach pages and back office (issue 12): events with
places taken and waiting, an event's registrations and attendance register, the admin's
export; and the cancel link never on any of them."""

from datetime import timedelta

import pytest
from django.db.models import F
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from accounts.navigation import NavEntry, navigation_for
from outreach.enums import RegistrationStatus
from outreach.models import EventRegistration, OutreachEvent
from tests.test_exports import export

from .factories import (
    OutreachEventFactory,
    attendance_to_record,
    details,
    emailed_cancel_link,
    emailed_cancel_token,
    registered,
    registrations,
    started,
)

pytestmark = pytest.mark.django_db
R = RegistrationStatus
EVENTS = reverse("outreach_staff_events")


def event_url(event):
    return reverse("outreach_staff_event", args=[event.pk])


def test_the_list_shows_places_taken_and_waiting_coming_events_first(client, diversity_officer):
    past = started(OutreachEventFactory(title="Engagement day, Gravesend"))
    later = OutreachEventFactory(title="Interview workshop, Medway", starts_at=timezone.now() + timedelta(days=20))
    sooner = OutreachEventFactory(
        title="SEARCH assessment workshop, Canterbury", capacity=2, starts_at=timezone.now() + timedelta(days=10)
    )
    registrations(sooner, 3)
    client.force_login(diversity_officer)

    response = client.get(EVENTS)

    assert list(response.context["page"].object_list) == [sooner, later, past]
    page = response.content.decode()
    row = page.split("SEARCH assessment workshop, Canterbury")[1].split("</tr>")[0]
    assert "<td>2 of 2</td>" in row and "<td>1</td>" in row
    assert "Published, started" in page.split("Engagement day, Gravesend")[1].split("</tr>")[0]


def test_the_list_keeps_its_query_count(client, diversity_officer, assert_query_count_constant):
    client.force_login(diversity_officer)
    assert_query_count_constant(client, EVENTS, lambda n: [registered() for _ in range(n)], queries=8)


def test_the_event_page_lists_who_has_a_place_who_waits_in_order_and_who_cancelled(client, diversity_officer):
    event = OutreachEventFactory(capacity=1)
    holder = registered(event, **details(full_name="Amara Okafor", access_needs="A hearing loop, please."))
    first, second = registrations(event, 2)
    leaver = registered(event, full_name="Leah Cohen")
    client.post(emailed_cancel_link(leaver))
    client.force_login(diversity_officer)

    page = client.get(event_url(event)).content.decode()

    registered_part = page.split('id="register-heading"')[1].split('id="attendance-heading"')[0]
    assert "Amara Okafor" in registered_part and "A hearing loop, please." in registered_part
    assert holder.phone in registered_part and "Police officer" in registered_part
    waiting_part = page.split('id="waiting-heading"')[1].split('id="cancelled-heading"')[0]
    assert waiting_part.index(first.full_name) < waiting_part.index(second.full_name)
    assert "Leah Cohen" in page.split('id="cancelled-heading"')[1]
    assert "The register opens when the event starts" in page


def test_the_event_page_keeps_its_query_count(client, diversity_officer, assert_query_count_constant):
    """With its register open: a place, a waiting list and a cancellation per person."""
    event = started(OutreachEventFactory(capacity=200))
    client.force_login(diversity_officer)
    now = timezone.now()

    def people(n):
        kinds = ((R.REGISTERED, None, None), (R.WAITING, now, None), (R.CANCELLED, None, now))
        rows = [
            EventRegistration(event=event, **details(), status=status, waiting_since=waiting, cancelled_at=cancelled)
            for _ in range(n)
            for status, waiting, cancelled in kinds
        ]
        EventRegistration.objects.bulk_create(rows)
        OutreachEvent.objects.filter(pk=event.pk).update(places_taken=F("places_taken") + n)

    assert_query_count_constant(client, event_url(event), people, queries=7)


def test_the_officer_takes_the_register_and_corrects_it(client, diversity_officer):
    event = attendance_to_record(people=2)
    came, absent = event.registrations.order_by("pk")
    client.force_login(diversity_officer)
    page = client.get(event_url(event)).content.decode()
    assert "2 people&#x27;s attendance not recorded yet" in page or "2 people's attendance not recorded yet" in page

    response = client.post(reverse("outreach_staff_attendance", args=[event.pk]), {"attended": [came.pk]}, follow=True)

    assert "The register is saved." in response.content.decode()
    assert dict(EventRegistration.objects.values_list("pk", "status")) == {
        came.pk: R.ATTENDED,
        absent.pk: R.DID_NOT_ATTEND,
    }
    client.post(reverse("outreach_staff_attendance", args=[event.pk]), {"attended": [came.pk, absent.pk]})
    assert EventRegistration.objects.get(pk=absent.pk).status == R.ATTENDED


def test_a_register_sent_before_the_event_starts_is_refused_on_the_page(client, diversity_officer):
    event = OutreachEventFactory()
    [person] = registrations(event, 1)
    client.force_login(diversity_officer)

    response = client.post(reverse("outreach_staff_attendance", args=[event.pk]), {"attended": [person.pk]})

    assert response.status_code == 200
    assert "Attendance can be taken once the event has started." in response.content.decode()
    assert EventRegistration.objects.get(pk=person.pk).status == R.REGISTERED


def test_a_stale_register_naming_someone_no_longer_on_it_says_so(client, diversity_officer):
    event = attendance_to_record(people=1)
    stranger = registered()
    client.force_login(diversity_officer)

    response = client.post(reverse("outreach_staff_attendance", args=[event.pk]), {"attended": [stranger.pk]})

    assert "no longer registered for this event" in response.content.decode()


def test_no_staff_page_admin_page_or_export_shows_a_cancel_link(client, diversity_officer):
    event = OutreachEventFactory(capacity=1)
    holder, waiting = registrations(event, 2)
    secrets = {emailed_cancel_token(holder), emailed_cancel_token(waiting)}
    secrets |= {EventRegistration.objects.get(pk=holder.pk).token_hash}
    client.force_login(diversity_officer)

    pages = [
        client.get(EVENTS),
        client.get(event_url(event)),
        client.get(reverse("admin:outreach_eventregistration_changelist")),
        client.get(reverse("admin:outreach_eventregistration_change", args=[holder.pk])),
        client.get(reverse("admin:outreach_outreachevent_change", args=[event.pk])),
        client.get(reverse("staff_dashboard")),
    ]
    texts = [p.content.decode() for p in pages]
    assert all(p.status_code == 200 for p in pages)
    assert "Sent, not used yet" in texts[3] and escape(holder.full_name) in texts[3]
    for key in ("outreach/eventregistration", "outreach/outreachevent"):
        for file_format in ("csv", "json"):
            response, rows = export(client, key, file_format)
            assert rows
            texts.append(response.content.decode("utf-8-sig"))
    assert not [secret for secret in secrets for text in texts if secret in text]


def test_the_registration_export_reads_in_words(client, diversity_officer):
    registered(OutreachEventFactory(title="SEARCH assessment workshop, Canterbury"), full_name="Grace Mensah")
    client.force_login(diversity_officer)

    _, [row] = export(client, "outreach/eventregistration", "csv")

    assert row["Event"].startswith("SEARCH assessment workshop, Canterbury (")
    assert (row["Name"], row["Role considered"], row["Status"]) == ("Grace Mensah", "Police officer", "Registered")
    assert "Token" not in " ".join(row)


# --- the back office ---------------------------------------------------------------------------------


def add_form(**changes):
    starts = timezone.localtime(timezone.now() + timedelta(days=20)).replace(hour=10, minute=0)
    data = {
        "kind": "search_assessment",
        "title": "SEARCH assessment workshop, Canterbury",
        "description": "Practise the exercises of SEARCH.",
        "starts_at_0": starts.strftime("%d/%m/%Y"),
        "starts_at_1": "10:00",
        "ends_at_0": starts.strftime("%d/%m/%Y"),
        "ends_at_1": "15:00",
        "venue": "Canterbury Police Station",
        "address": "Old Dover Road\nCanterbury\nCT1 3JQ",
        "access_information": "",
        "audience": "Anyone thinking of applying to be a police officer.",
        "capacity": "12",
    }
    return {**data, **changes}


def test_the_officer_adds_an_event_as_a_draft_and_publishes_it(client, diversity_officer):
    client.force_login(diversity_officer)

    response = client.post(reverse("admin:outreach_outreachevent_add"), add_form())

    assert response.status_code == 302, response.context["adminform"].form.errors
    event = OutreachEvent.objects.get()
    assert (event.status, event.capacity, event.places_taken) == ("draft", 12, 0)
    assert list(client.get(reverse("outreach_events")).context["events"]) == []
    client.post(
        reverse("admin:outreach_outreachevent_changelist"),
        {"action": "publish_selected", "_selected_action": [event.pk], "index": 0},
    )
    assert list(client.get(reverse("outreach_events")).context["events"]) == [event]


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"ends_at_1": "09:00"}, "ends_at", "The event must end after it starts."),
        ({"capacity": "0"}, "capacity", "greater than or equal to 1"),
        ({"capacity": "501"}, "capacity", "less than or equal to 500"),
        ({"starts_at_0": "01/01/2020", "ends_at_0": "01/01/2020"}, "starts_at", "must start in the future"),
        ({"starts_at_0": "01/01/9999", "ends_at_0": "01/01/9999"}, "starts_at", "at most two years ahead"),
    ],
)
def test_a_bad_event_is_refused_next_to_its_field(client, diversity_officer, changes, field, message):
    client.force_login(diversity_officer)

    response = client.post(reverse("admin:outreach_outreachevent_add"), add_form(**changes))

    assert response.status_code == 200
    assert message in " ".join(response.context["adminform"].form.errors[field])
    assert not OutreachEvent.objects.exists()


def test_the_places_of_an_event_change_only_through_the_action(client, diversity_officer):
    event = OutreachEventFactory(capacity=1)
    _holder, waiting = registrations(event, 2)
    client.force_login(diversity_officer)
    change = client.get(reverse("admin:outreach_outreachevent_change", args=[event.pk]))
    assert "capacity" not in change.context["adminform"].form.fields  # read-only once added

    chosen = {"action": "change_places_selected", "_selected_action": [event.pk], "index": 0}
    url = reverse("admin:outreach_outreachevent_changelist")
    response = client.post(url, {**chosen, "apply": "1", "capacity": "2"}, follow=True)

    assert "given the new number of places" in response.content.decode()
    assert EventRegistration.objects.get(pk=waiting.pk).status == R.REGISTERED


@pytest.mark.parametrize(
    ("persona", "shown"),
    [("diversity_officer", True), ("recruiter", False), ("head_of_resourcing", False), ("applicant", False)],
)
def test_the_bar_offers_the_events_to_the_officer_alone(request, persona, shown):
    entries = navigation_for(request.getfixturevalue(persona))
    assert (NavEntry("Outreach events", EVENTS) in entries) is shown
