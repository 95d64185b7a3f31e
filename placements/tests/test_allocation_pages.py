"""The Diversity Placements Officer's allocation pages, the officer's own page and the
calendar feeds."""

from datetime import date

import pytest
from django.urls import reverse
from django.utils.html import escape
from icalendar import Calendar

from placements.enums import PlacementStatus, PlacementType
from placements.models import CommunityPlacement
from placements.services.partners import accept_placement
from placements.services.placements import complete_placement, confirm_placement

from .factories import (
    CohortFactory,
    CommunityPlacementFactory,
    HostingOfferFactory,
    PartnerContactFactory,
    PartnerFactory,
    StudentOfficerFactory,
    accepted_placement,
)

pytestmark = pytest.mark.django_db


def review_url(cohort, placement_type="two_day"):
    return reverse("allocation_review", args=[cohort.pk, placement_type])


def test_running_the_allocator_proposes_a_placement_for_every_officer(client, diversity_officer):
    cohort = CohortFactory()
    officers = [StudentOfficerFactory(cohort=cohort) for _ in range(5)]
    HostingOfferFactory(places=3, partner=PartnerFactory(communities=["dementia"], contact=True))
    HostingOfferFactory(places=3, partner=PartnerFactory(communities=["older_people"], contact=True))
    client.force_login(diversity_officer)

    response = client.post(reverse("allocation_run", args=[cohort.pk, "two_day"]), follow=True)

    assert "Proposed 5 placements; 0 officers not placed." in response.content.decode()
    proposals = CommunityPlacement.objects.filter(officer__in=officers, status=PlacementStatus.PROPOSED)
    assert proposals.count() == 5
    assert all(date(2027, 3, 1) <= p.starts_on and p.ends_on <= date(2027, 3, 26) for p in proposals)
    page = response.content.decode()
    for officer in officers:
        assert escape(officer.full_name) in page  # Faker names may hold an apostrophe


def test_running_again_replaces_the_proposals(client, diversity_officer):
    cohort = CohortFactory()
    StudentOfficerFactory(cohort=cohort)
    HostingOfferFactory(places=3, partner__contact=True)
    client.force_login(diversity_officer)
    client.post(reverse("allocation_run", args=[cohort.pk, "two_day"]))
    client.post(reverse("allocation_run", args=[cohort.pk, "two_day"]))
    assert CommunityPlacement.objects.filter(officer__cohort=cohort).count() == 1


def test_shortage_is_explained_on_the_review_page(client, diversity_officer):
    cohort = CohortFactory()
    for _ in range(3):
        StudentOfficerFactory(cohort=cohort)
    HostingOfferFactory(places=2, partner__contact=True)
    client.force_login(diversity_officer)
    response = client.post(reverse("allocation_run", args=[cohort.pk, "two_day"]), follow=True)
    page = response.content.decode()
    assert "Proposed 2 placements; 1 officers not placed." in page
    assert "not enough places" in page


def test_confirming_the_allocation_confirms_every_proposal(
    client, diversity_officer, mailoutbox, django_capture_on_commit_callbacks
):
    cohort = CohortFactory()
    placements = [CommunityPlacementFactory(officer=StudentOfficerFactory(cohort=cohort)) for _ in range(2)]
    contact = PartnerContactFactory(organisation=placements[0].partner)
    client.force_login(diversity_officer)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("allocation_confirm", args=[cohort.pk, "two_day"]), follow=True)
    assert "Confirmed 2 placements; partners have been asked to accept them." in response.content.decode()
    assert {p.status for p in CommunityPlacement.objects.all()} == {PlacementStatus.CONFIRMED}
    # Issue 9: the partner is asked to accept; the officers hear only once it has.
    assert {m.to[0] for m in mailoutbox} == {contact.email}


def test_a_full_offer_is_reported_not_hidden(client, diversity_officer):
    cohort = CohortFactory()
    offer = HostingOfferFactory(places=1)
    for _ in range(2):
        CommunityPlacementFactory(officer=StudentOfficerFactory(cohort=cohort), offer=offer)
    client.force_login(diversity_officer)
    response = client.post(reverse("allocation_confirm", args=[cohort.pk, "two_day"]), follow=True)
    page = response.content.decode()
    assert "Confirmed 1 placements" in page
    assert "This offer has no places left." in page


def test_staff_move_a_proposal_by_hand(client, diversity_officer):
    placement = CommunityPlacementFactory()
    other = HostingOfferFactory()
    client.force_login(diversity_officer)
    response = client.post(
        reverse("placement_move", args=[placement.pk]), {"offer": other.pk, "starts_on": "2027-03-15"}, follow=True
    )
    placement.refresh_from_db()
    assert (placement.partner, placement.starts_on) == (other.partner, date(2027, 3, 15))
    assert f"now goes to {other.partner}" in response.content.decode()


def error_next_to(page, field_id):
    """The message drawn under the field ``field_id``, which the field points to for screen readers."""
    assert f'aria-describedby="{field_id}_error"' in page
    error = page[page.index(f'<div id="{field_id}_error"') :]
    return error[: error.index("</div>")]


def test_a_move_breaking_a_rule_is_refused_next_to_the_field(client, diversity_officer):
    placement = CommunityPlacementFactory()
    client.force_login(diversity_officer)
    response = client.post(
        reverse("placement_move", args=[placement.pk]), {"offer": placement.offer.pk, "starts_on": "2027-04-15"}
    )
    page = response.content.decode()
    # The move page again: the service's refusal under the first day, and the day as typed.
    assert "must fall between 1 March and 26 March 2027" in error_next_to(page, f"id_starts_on_{placement.pk}")
    assert 'value="2027-04-15"' in page
    assert "There is a problem" in page  # the error summary, linked to the field
    placement.refresh_from_db()
    assert placement.starts_on == date(2027, 3, 1)


def four_day_offer(**fields):
    return HostingOfferFactory(
        placement_type=PlacementType.FOUR_DAY,
        available_from=date(2027, 9, 6),
        available_until=date(2027, 10, 29),
        **fields,
    )


def test_a_move_to_the_other_placements_organisation_is_refused_next_to_the_organisation(client, diversity_officer):
    two_day = CommunityPlacementFactory()
    four_day = CommunityPlacementFactory(officer=two_day.officer, offer=four_day_offer())
    back_again = four_day_offer(partner=two_day.partner)
    client.force_login(diversity_officer)
    response = client.post(
        reverse("placement_move", args=[four_day.pk]), {"offer": back_again.pk, "starts_on": "2027-09-07"}
    )
    page = response.content.decode()
    assert "choose another organisation" in error_next_to(page, f"id_offer_{four_day.pk}")
    assert f'<option value="{back_again.pk}" selected>' in page  # what was chosen, kept


def test_a_move_with_bad_input_says_so_next_to_each_field(client, diversity_officer):
    placement = CommunityPlacementFactory()
    client.force_login(diversity_officer)
    response = client.post(reverse("placement_move", args=[placement.pk]), {"offer": "x", "starts_on": ""})
    page = response.content.decode()
    assert "Select a valid choice." in error_next_to(page, f"id_offer_{placement.pk}")
    assert "This field is required." in error_next_to(page, f"id_starts_on_{placement.pk}")


def test_cancelling_from_the_review_page_needs_a_reason(client, diversity_officer):
    placement = CommunityPlacementFactory()
    client.force_login(diversity_officer)
    page = client.post(reverse("placement_cancel", args=[placement.pk]), {"reason": " "}).content.decode()
    # The cancel page again, the message under the reason.
    assert "This field is required." in error_next_to(page, f"id_reason_{placement.pk}")
    response = client.post(
        reverse("placement_cancel", args=[placement.pk]), {"reason": "Officer on leave"}, follow=True
    )
    assert f"Cancelled {escape(placement.officer.full_name)}" in response.content.decode()
    placement.refresh_from_db()
    assert (placement.status, placement.cancel_reason) == (PlacementStatus.CANCELLED, "Officer on leave")


def test_the_cancel_page_asks_for_a_reason_and_htmx_asks_for_its_form_alone(client, diversity_officer):
    placement = CommunityPlacementFactory()
    client.force_login(diversity_officer)
    url = reverse("placement_cancel", args=[placement.pk])
    page = client.get(url).content.decode()
    assert f"<h1>Cancel {escape(placement.officer.full_name)}’s 2-day placement</h1>" in page
    assert f'href="{review_url(placement.officer.cohort)}"' in page
    fragment = client.get(url, headers={"HX-Request": "true"}).content.decode().strip()
    assert fragment.startswith("<form") and f'action="{url}"' in fragment
    assert 'name="reason" maxlength="500" autofocus' in fragment


def test_a_cancelled_placement_is_not_cancelled_again(client, diversity_officer):
    placement = CommunityPlacementFactory()
    client.force_login(diversity_officer)
    client.post(reverse("placement_cancel", args=[placement.pk]), {"reason": "Officer on leave"})
    page = client.get(reverse("placement_cancel", args=[placement.pk])).content.decode()
    assert "This placement is cancelled: it can no longer be cancelled." in page
    assert "<form" not in page.split("<main", 1)[1]


def test_head_of_resourcing_sees_but_cannot_change(client, head_of_resourcing):
    placement = CommunityPlacementFactory()
    client.force_login(head_of_resourcing)
    page = client.get(review_url(placement.officer.cohort)).content.decode()
    assert escape(placement.officer.full_name) in page
    assert "Run the allocator" not in page
    assert client.post(reverse("placement_cancel", args=[placement.pk]), {"reason": "x"}).status_code == 403


def test_the_review_page_shows_which_communities_are_new(client, diversity_officer):
    officer = StudentOfficerFactory()
    two_day = CommunityPlacementFactory(
        officer=officer, offer=HostingOfferFactory(partner=PartnerFactory(communities=["dementia"]))
    )
    confirm_placement(two_day, by=diversity_officer)
    four_day_offer = HostingOfferFactory(
        partner=PartnerFactory(communities=["dementia"]),
        placement_type=PlacementType.FOUR_DAY,
        available_from=date(2027, 9, 6),
        available_until=date(2027, 10, 29),
    )
    CommunityPlacementFactory(officer=officer, offer=four_day_offer)
    client.force_login(diversity_officer)
    page = client.get(review_url(officer.cohort, "four_day")).content.decode()
    assert f"Meets no new community: {two_day.partner} served the same." in page


def test_review_page_query_count_is_constant(client, diversity_officer, assert_query_count_constant):
    cohort = CohortFactory()
    client.force_login(diversity_officer)

    def make_rows(n):
        for _ in range(n):  # each at an offer of its own: more offers to move to, as rows are added
            offer = HostingOfferFactory(partner=PartnerFactory(communities=["dementia", "other"], contact=True))
            CommunityPlacementFactory(officer=StudentOfficerFactory(cohort=cohort), offer=offer)

    assert_query_count_constant(client, review_url(cohort), make_rows, queries=9)


def test_the_review_row_links_to_the_move_and_cancel_pages_instead_of_drawing_forms(client, diversity_officer):
    # Issue 9: 400 rows each listing 150 offers made a 5 MB page; the row links to its forms instead.
    placement = CommunityPlacementFactory()
    HostingOfferFactory.create_batch(30)
    client.force_login(diversity_officer)
    page = client.get(review_url(placement.officer.cohort)).content.decode()
    move_url = reverse("placement_move", args=[placement.pk])
    # A link that works without JavaScript; htmx draws the same form into the row in its place.
    cancel_url = reverse("placement_cancel", args=[placement.pk])
    assert f'href="{move_url}" hx-get="{move_url}" hx-target="this" hx-swap="outerHTML">Move' in page
    assert f'href="{cancel_url}" hx-get="{cancel_url}" hx-target="this" hx-swap="outerHTML">Cancel' in page
    assert "<form" not in page.split("<table", 1)[1]  # no form of its own in any row
    assert 'src="/static/vendor/htmx/htmx.min.js"' in page


def test_the_move_page_offers_every_open_offer_with_the_proposal_chosen(client, diversity_officer):
    placement = CommunityPlacementFactory()
    others = HostingOfferFactory.create_batch(3)
    four_day_offer()  # another round's: not offered
    client.force_login(diversity_officer)
    response = client.get(reverse("placement_move", args=[placement.pk]))
    page = response.content.decode()
    name = escape(placement.officer.full_name)
    assert f"<h1>Move {name}’s 2-day placement</h1>" in page
    assert f'href="{review_url(placement.officer.cohort)}"' in page  # back to the review
    assert page.count("<option") == 4
    assert f'<option value="{placement.offer.pk}" selected>{escape(placement.partner.name)} — 4 free' in page
    assert all(f'<option value="{offer.pk}">' in page for offer in others)
    assert 'value="2027-03-01"' in page
    assert "autofocus" not in page  # the error summary takes focus on this page when there is one
    assert response["Vary"].count("HX-Request") == 1


def test_htmx_asks_the_move_page_for_its_form_alone(client, diversity_officer):
    placement = CommunityPlacementFactory()
    client.force_login(diversity_officer)
    response = client.get(reverse("placement_move", args=[placement.pk]), headers={"HX-Request": "true"})
    fragment = response.content.decode().strip()
    # Drawn into the review row: the form, posting to the move page, its first field taking focus.
    assert fragment.startswith("<form") and fragment.endswith("</form>")
    assert f'action="{reverse("placement_move", args=[placement.pk])}"' in fragment
    assert 'name="csrfmiddlewaretoken"' in fragment
    assert f'<select name="offer" autofocus class="select form-select" id="id_offer_{placement.pk}">' in fragment
    assert "<html" not in fragment and "<h1" not in fragment


@pytest.mark.parametrize("htmx", [False, True], ids=["page", "htmx"])
def test_move_page_query_count_is_constant(client, diversity_officer, assert_query_count_constant, htmx):
    placement = CommunityPlacementFactory()
    client.force_login(diversity_officer)
    if htmx:
        client.defaults["HTTP_HX_REQUEST"] = "true"

    def make_offers(n):
        for _ in range(n):
            HostingOfferFactory(partner=PartnerFactory(communities=["dementia", "other"], contact=True))

    url = reverse("placement_move", args=[placement.pk])
    assert_query_count_constant(client, url, make_offers, queries=7)


def test_a_confirmed_placement_is_not_offered_a_move(client, diversity_officer):
    placement = CommunityPlacementFactory()
    confirm_placement(placement, by=diversity_officer)
    client.force_login(diversity_officer)
    page = client.get(reverse("placement_move", args=[placement.pk])).content.decode()
    assert "Only a proposed placement can be moved; cancel a confirmed one instead." in page
    assert "<form" not in page.split("<main", 1)[1]
    # nor into a review row drawn before it was confirmed
    headers = {"HX-Request": "true"}
    fragment = client.get(reverse("placement_move", args=[placement.pk]), headers=headers).content.decode()
    assert fragment.strip() == "<p>Only a proposed placement can be moved; cancel a confirmed one instead.</p>"


def test_cohort_list_query_count_is_constant(client, diversity_officer, assert_query_count_constant):
    client.force_login(diversity_officer)
    assert_query_count_constant(
        client, reverse("allocation_cohorts"), lambda n: [CohortFactory() for _ in range(n)], queries=5
    )


def test_an_unknown_placement_type_is_not_found(client, diversity_officer):
    client.force_login(diversity_officer)
    assert client.get(f"/placements/staff/cohorts/{CohortFactory().pk}/six_day/").status_code == 404


def test_officer_sees_only_their_confirmed_placements(client, diversity_officer):
    mine = CommunityPlacementFactory(offer=HostingOfferFactory(notes="Bring your warrant card."))
    PartnerContactFactory(organisation=mine.partner, phone="01622 777688")
    accepted_placement(mine, by=diversity_officer)
    someone_elses = CommunityPlacementFactory()
    accepted_placement(someone_elses, by=diversity_officer)
    client.force_login(mine.officer.user)
    page = client.get(reverse("my_placements")).content.decode()
    assert f"2-day placement at {mine.partner.name}" in page
    assert "Monday 1 March 2027 to Tuesday 2 March 2027" in page
    assert "01622 777688" in page and "Bring your warrant card." in page
    assert someone_elses.partner.name not in page


def test_officer_is_told_a_placement_is_confirmed_only_once_the_partner_accepts(client, diversity_officer):
    """Issue 9 (seed 000 rules): until the partner accepts, the placement is not on the officer's page
    (placements.models.placements.OFFICER_TOLD); then it is, confirmed."""
    placement = CommunityPlacementFactory()
    contact = PartnerContactFactory(organisation=placement.partner)
    confirm_placement(placement, by=diversity_officer)
    client.force_login(placement.officer.user)
    waiting = client.get(reverse("my_placements")).content.decode()
    assert escape(placement.partner.name) not in waiting and "You have no confirmed placements yet." in waiting
    accept_placement(placement, by=contact.user)
    accepted = client.get(reverse("my_placements")).content.decode()
    assert f"2-day placement at {escape(placement.partner.name)}" in accepted and "Confirmed" in accepted


def test_officer_calendar_lists_confirmed_placements(client, diversity_officer):
    placement = CommunityPlacementFactory()
    CommunityPlacementFactory(
        officer=placement.officer,
        offer=HostingOfferFactory(
            placement_type="four_day", available_from=date(2027, 9, 6), available_until=date(2027, 10, 29)
        ),
        starts_on=date(2027, 9, 6),
        ends_on=date(2027, 9, 9),
    )  # still a proposal: not in the calendar
    accepted_placement(placement, by=diversity_officer)
    response = client.get(reverse("officer_calendar", args=[placement.officer.calendar_token]))
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    events = Calendar.from_ical(response.content).walk("VEVENT")
    assert len(events) == 1
    assert str(events[0]["summary"]) == f"2-day placement at {placement.partner.name}"
    assert events[0].decoded("dtstart") == date(2027, 3, 1)
    assert events[0].decoded("dtend") == date(2027, 3, 3)  # exclusive end of an all-day event


def test_partner_calendar_shows_officer_names_only(client, diversity_officer):
    placement = CommunityPlacementFactory()
    confirm_placement(placement, by=diversity_officer)
    contact = PartnerContactFactory(organisation=placement.partner)
    response = client.get(reverse("partner_calendar", args=[contact.calendar_token]))
    [event] = Calendar.from_ical(response.content).walk("VEVENT")
    assert str(event["summary"]) == f"Student officer {placement.officer.full_name} (2-day placement)"
    text = response.content.decode()
    assert placement.officer.email not in text and placement.officer.staff_number not in text


def test_an_unknown_calendar_token_is_not_found(client):
    assert client.get("/calendar/officer/00000000-0000-0000-0000-000000000000.ics").status_code == 404


def test_officer_is_invited_to_reflect_once_the_placement_is_complete(client, diversity_officer, time_machine):
    placement = CommunityPlacementFactory()
    confirm_placement(placement, by=diversity_officer)
    client.force_login(placement.officer.user)
    reflection_url = reverse("placement_reflection", args=[placement.pk])
    assert reflection_url not in client.get(reverse("my_placements")).content.decode()
    time_machine.move_to("2027-03-03 09:00")
    complete_placement(placement, by=diversity_officer)
    client.force_login(placement.officer.user)  # months later: a new session
    assert reflection_url in client.get(reverse("my_placements")).content.decode()
