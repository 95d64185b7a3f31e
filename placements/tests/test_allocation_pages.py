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


def test_a_move_breaking_a_rule_is_refused_with_the_reason(client, diversity_officer):
    placement = CommunityPlacementFactory()
    client.force_login(diversity_officer)
    response = client.post(
        reverse("placement_move", args=[placement.pk]),
        {"offer": placement.offer.pk, "starts_on": "2027-04-15"},
        follow=True,
    )
    assert "must fall between 1 March and 26 March 2027" in response.content.decode()
    placement.refresh_from_db()
    assert placement.starts_on == date(2027, 3, 1)


def test_a_move_with_bad_input_says_so(client, diversity_officer):
    placement = CommunityPlacementFactory()
    client.force_login(diversity_officer)
    response = client.post(reverse("placement_move", args=[placement.pk]), {"offer": "x", "starts_on": ""}, follow=True)
    page = response.content.decode()
    assert "placement was not moved: see the message in their row" in page
    assert page.count("This field is required.") == 1  # the first day, in the officer's own row


def test_cancelling_from_the_review_page_needs_a_reason(client, diversity_officer):
    placement = CommunityPlacementFactory()
    client.force_login(diversity_officer)
    response = client.post(reverse("placement_cancel", args=[placement.pk]), {"reason": ""}, follow=True)
    assert "Give a reason to cancel the placement." in response.content.decode()
    client.post(reverse("placement_cancel", args=[placement.pk]), {"reason": "Officer on leave"})
    placement.refresh_from_db()
    assert placement.status == PlacementStatus.CANCELLED


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
    offer = HostingOfferFactory(places=60, partner=PartnerFactory(communities=["dementia", "other"]))
    client.force_login(diversity_officer)

    def make_rows(n):
        for _ in range(n):
            CommunityPlacementFactory(officer=StudentOfficerFactory(cohort=cohort), offer=offer)

    assert_query_count_constant(client, review_url(cohort), make_rows, queries=11)


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
