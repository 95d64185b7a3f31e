"""The partner's pages: the invitations list, the RSVP form and feedback on each placement
they hosted. Another organisation's records are a 404."""

import pytest
from django.urls import reverse
from django.utils.html import escape
from pytest_django.asserts import assertContains, assertNotContains

from notifications.models import Notification
from placements.models import PlacementFeedback

from .factories import CommunityPlacementFactory, PartnerContactFactory, PartnerFactory
from .form_markup import checked_radio, error_under_field, error_under_question, summary_link
from .presentation_factories import (
    BEFORE_CUTOFF,
    PresentationInvitationFactory,
    contact_of,
    finished_placement,
    london,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _before_cutoff(time_machine):
    """Before anyone logs in: a session made at another time would have expired."""
    time_machine.move_to(BEFORE_CUTOFF, tick=False)


@pytest.fixture
def organisation(partner_contact):
    return PartnerContactFactory(user=partner_contact).organisation


@pytest.fixture
def invitation(organisation):
    return PresentationInvitationFactory(partner=organisation, session__capacity=3)


@pytest.fixture
def contact_client(client, partner_contact):
    client.force_login(partner_contact)
    return client


def rsvp_url(invitation):
    return reverse("presentation_rsvp", args=[invitation.pk])


RSVP = {
    "attending": "yes",
    "attendees": "2",
    "attendee_names": "Ann Lee\nRaj Patel",
    "access_needs": "Raj uses a wheelchair",
}


# --- the list ----------------------------------------------------------------------------


def test_the_list_shows_the_contacts_invitations_and_not_other_organisations(contact_client, invitation):
    PresentationInvitationFactory(partner__name="Someone Else's Charity")

    response = contact_client.get(reverse("partner_presentations"))

    assertContains(response, "Wednesday 14 April 2027 at 10:00")
    assertContains(response, "Kent Police College, Maidstone, Lecture theatre 2")
    assertContains(response, "Not replied yet")
    assertContains(response, f'href="{rsvp_url(invitation)}"')
    assertNotContains(response, "Someone Else")


def test_a_contact_of_two_organisations_sees_both(contact_client, invitation, partner_contact):
    second = PartnerFactory(name="Second Home Trust")
    contact_of(second, partner_contact)
    PresentationInvitationFactory(partner=second, session=invitation.session)

    response = contact_client.get(reverse("partner_presentations"))

    assertContains(response, invitation.partner.name)
    assertContains(response, "Second Home Trust")


def test_the_list_query_count_is_the_same_for_1_and_50_invitations(
    contact_client, organisation, assert_query_count_constant
):
    def make_rows(n):
        for _ in range(n):
            PresentationInvitationFactory(partner=organisation)
            finished_placement(offer__partner=organisation)

    assert_query_count_constant(contact_client, reverse("partner_presentations"), make_rows, queries=5)


# --- replying ----------------------------------------------------------------------------


def test_replying_reserves_seats_and_shows_the_reply(contact_client, invitation, partner_contact):
    response = contact_client.post(rsvp_url(invitation), RSVP, follow=True)

    assertContains(response, "Thank you: your reply is saved and we have emailed you a copy.")
    assertContains(response, "Attending: 2 people")
    invitation.refresh_from_db()
    assert invitation.attendee_names == "Ann Lee\nRaj Patel"
    assert invitation.access_needs == "Raj uses a wheelchair"
    assert invitation.session.seats_taken == 2
    mail = Notification.objects.get(template="placements/presentation_reply")
    assert mail.recipient == partner_contact.email


def test_the_form_shows_the_reply_already_given(contact_client, invitation):
    contact_client.post(rsvp_url(invitation), RSVP)

    response = contact_client.get(rsvp_url(invitation))

    assertContains(response, checked_radio("attending", "yes", 0), html=True)
    assertContains(response, "Ann Lee\nRaj Patel</textarea>", html=False)
    assertContains(response, "Attending: 2 people")


def test_names_not_matching_the_number_are_shown_next_to_the_field_and_nothing_typed_is_lost(
    contact_client, invitation
):
    response = contact_client.post(rsvp_url(invitation), {**RSVP, "attendees": "3"})

    message = "You said 3 people will attend: enter 3 names, one per line (you entered 2)."
    assertContains(response, "There is a problem")
    assertContains(response, summary_link("attendee_names", "Names of the people attending", message), html=True)
    assertContains(response, error_under_field("attendee_names", message), html=True)
    assertContains(response, 'value="3"', html=False)
    assertContains(response, "Raj uses a wheelchair</textarea>", html=False)
    invitation.session.refresh_from_db()
    assert invitation.session.seats_taken == 0


def test_no_answer_to_the_question_is_shown_on_the_question(contact_client, invitation):
    response = contact_client.post(rsvp_url(invitation), {**RSVP, "attending": ""})

    assertContains(response, '<a href="#id_attending">', html=False)
    assertContains(response, "Say whether anyone from your organisation will attend.", count=2)


def test_a_reply_over_the_seats_left_is_told_its_place_on_the_waiting_list(contact_client, invitation):
    response = contact_client.post(
        rsvp_url(invitation), {**RSVP, "attendees": "4", "attendee_names": "A\nB\nC\nD"}, follow=True
    )

    assertContains(response, "The session is full: you are on the waiting list, number 1.")
    assertContains(response, "On the waiting list for 4 seats: we will email you when a seat is yours")
    invitation.refresh_from_db()
    assert (invitation.rsvp_status, invitation.attendees) == ("waiting", 4)
    invitation.session.refresh_from_db()
    assert invitation.session.seats_taken == 0


def test_a_reply_holding_seats_that_asks_for_too_many_more_is_refused_with_the_reason(
    contact_client, invitation, partner_contact
):
    contact_client.post(rsvp_url(invitation), RSVP)

    response = contact_client.post(rsvp_url(invitation), {**RSVP, "attendees": "4", "attendee_names": "A\nB\nC\nD"})

    assertContains(response, "Sorry, the session is nearly full: your organisation can bring at most 3.")
    assertContains(response, "A\nB\nC\nD</textarea>", html=False)
    invitation.refresh_from_db()
    assert (invitation.rsvp_status, invitation.attendees) == ("attending", 2)


def test_after_the_cutoff_the_page_says_replies_are_closed_and_a_late_reply_is_refused(
    contact_client, invitation, time_machine
):
    contact_client.post(rsvp_url(invitation), RSVP)
    time_machine.move_to(london(2027, 4, 8, 9, 0), tick=False)

    page = contact_client.get(rsvp_url(invitation))
    late = contact_client.post(rsvp_url(invitation), {"attending": "no"})

    for response in (page, late):
        assertContains(response, "Replies closed on 7 April 2027, 17:00.")
        assertNotContains(response, "Send your reply")
    invitation.refresh_from_db()
    assert invitation.attendees == 2
    listing = contact_client.get(reverse("partner_presentations"))
    assertContains(listing, "Replies closed")
    assertNotContains(listing, f'href="{rsvp_url(invitation)}"')


def test_another_organisations_invitation_is_not_found(contact_client, invitation):
    other = PresentationInvitationFactory(session=invitation.session)

    assert contact_client.get(rsvp_url(other)).status_code == 404
    assert contact_client.post(rsvp_url(other), RSVP).status_code == 404
    other.refresh_from_db()
    assert other.rsvp_status == ""


# --- feedback ----------------------------------------------------------------------------


@pytest.fixture
def hosted(invitation, organisation):
    return finished_placement(offer__partner=organisation)


def feedback_url(placement):
    return reverse("placement_feedback", args=[placement.pk])


def test_the_partner_rates_and_comments_on_a_placement_they_hosted(contact_client, hosted, partner_contact):
    listing = contact_client.get(reverse("partner_presentations"))
    assertContains(listing, f'href="{feedback_url(hosted)}"')

    response = contact_client.post(
        feedback_url(hosted), {"rating": "4", "comment": "Curious and kind with our residents."}, follow=True
    )

    assertContains(response, escape(f"Thank you for your feedback on {hosted.officer.full_name}'s placement."))
    assertContains(response, "4 out of 5")
    feedback = PlacementFeedback.objects.get(placement=hosted)
    assert (feedback.rating, feedback.comment, feedback.submitted_by) == (
        4,
        "Curious and kind with our residents.",
        partner_contact,
    )


def test_feedback_can_be_changed_and_the_earlier_version_is_kept(contact_client, hosted):
    contact_client.post(feedback_url(hosted), {"rating": "3", "comment": "Good"})
    form = contact_client.get(feedback_url(hosted))
    assertContains(form, checked_radio("rating", "3", 2), html=True)

    contact_client.post(feedback_url(hosted), {"rating": "5", "comment": "Even better on reflection"})

    feedback = PlacementFeedback.objects.get(placement=hosted)
    assert feedback.rating == 5
    assert [h.rating for h in feedback.history.order_by("history_date")] == [3, 5]


@pytest.mark.parametrize("rating", ["0", "6", ""])
def test_a_rating_outside_1_to_5_is_refused_next_to_the_field_and_the_comment_is_kept(contact_client, hosted, rating):
    response = contact_client.post(feedback_url(hosted), {"rating": rating, "comment": "Lovely officer"})

    assert response.status_code == 200
    message = "Choose a rating from 1 (poor) to 5 (excellent)."
    assertContains(response, summary_link("rating", "How did the placement go?", message), html=True)
    assertContains(response, error_under_question("rating", message), html=True)
    assertContains(response, "Lovely officer</textarea>", html=False)
    assert not PlacementFeedback.objects.exists()


def test_feedback_on_another_organisations_or_an_unfinished_placement_is_not_found(
    contact_client, hosted, organisation
):
    elsewhere = finished_placement()
    not_yet = CommunityPlacementFactory(offer__partner=organisation)

    for placement in (elsewhere, not_yet):
        assert contact_client.get(feedback_url(placement)).status_code == 404
        assert contact_client.post(feedback_url(placement), {"rating": "5"}).status_code == 404
    assert not PlacementFeedback.objects.exists()
