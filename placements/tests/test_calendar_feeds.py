"""Calendar feed tokens (issue 8 §5): the owner — the student officer, or each partner
contact for their organisation's feed — can replace the address from their page (the
old one answers 404 at once), and a feed stops answering when the owner's account is
deactivated or the contact is unlinked from the organisation."""

import pytest
from django.urls import reverse
from icalendar import Calendar

from accounts.audit import history_for
from kentplacements.workflow import DomainError
from placements.enums import PartnerStatus
from placements.models import PartnerContact
from placements.services.calendars import rotate_calendar_token
from placements.services.partners import link_contact_account
from tests.factories import UserFactory

from .factories import CommunityPlacementFactory, PartnerContactFactory, accepted_placement

pytestmark = pytest.mark.django_db


@pytest.fixture
def placement(diversity_officer):
    return accepted_placement(CommunityPlacementFactory(), by=diversity_officer)


@pytest.fixture
def contact(placement, partner_contact):
    return PartnerContactFactory(organisation=placement.partner, user=partner_contact)


def officer_feed(client, officer):
    return client.get(reverse("officer_calendar", args=[officer.calendar_token]))


def partner_feed(client, contact):
    return client.get(reverse("partner_calendar", args=[contact.calendar_token]))


def events(response):
    return [str(e["summary"]) for e in Calendar.from_ical(response.content).walk("VEVENT")]


# --- the student officer ---------------------------------------------------------------------


def test_the_officer_replaces_their_calendar_address_from_their_page(client, placement):
    officer = placement.officer
    old_url = reverse("officer_calendar", args=[officer.calendar_token])
    client.force_login(officer.user)
    page = client.get(reverse("my_placements")).content.decode()
    assert old_url in page and "Get a new calendar address" in page

    response = client.post(reverse("officer_calendar_rotate"), follow=True)

    officer.refresh_from_db()
    new_url = reverse("officer_calendar", args=[officer.calendar_token])
    assert new_url != old_url
    page = response.content.decode()
    assert "Your calendar has a new address" in page and new_url in page and old_url not in page
    client.logout()  # calendar apps do not log in
    assert client.get(old_url).status_code == 404
    assert events(client.get(new_url)) == [f"2-day placement at {placement.partner.name}"]
    [logged] = [e for e in history_for(officer) if e.action == "rotate calendar token"]
    assert logged.actor == officer.user and str(officer.calendar_token) not in logged.reason


def test_the_officer_feed_stops_when_the_account_is_deactivated(client, placement):
    officer = placement.officer
    assert officer_feed(client, officer).status_code == 200
    officer.user.is_active = False
    officer.user.save()
    assert officer_feed(client, officer).status_code == 404


def test_an_officer_without_an_account_has_no_feed(client, placement):
    officer = placement.officer
    officer.user = None
    officer.save()
    assert officer_feed(client, officer).status_code == 404


def test_nobody_else_can_rotate_an_officers_address(placement, student_officer):
    with pytest.raises(DomainError, match="Only the owner"):
        rotate_calendar_token(placement.officer, by=student_officer)


# --- partner contacts -------------------------------------------------------------------------


def test_each_contact_has_their_own_address_and_replaces_it_from_the_portal(client, placement, contact):
    colleague = PartnerContactFactory(organisation=placement.partner, is_primary=False)
    old_url = reverse("partner_calendar", args=[contact.calendar_token])
    client.force_login(contact.user)
    placements_page = reverse("partner_placements", args=[placement.partner_id])
    page = client.get(placements_page).content.decode()
    assert old_url in page and str(colleague.calendar_token) not in page

    response = client.post(reverse("partner_calendar_rotate", args=[placement.partner_id]), follow=True)

    assert response.redirect_chain[-1][0] == placements_page
    contact.refresh_from_db()
    new_url = reverse("partner_calendar", args=[contact.calendar_token])
    assert new_url != old_url and new_url in response.content.decode()
    client.logout()
    assert client.get(old_url).status_code == 404
    assert events(client.get(new_url)) == [f"Student officer {placement.officer.full_name} (2-day placement)"]
    assert partner_feed(client, colleague).status_code == 200  # the colleague's feed is untouched


def test_a_contact_cannot_rotate_another_organisations_address(client, contact):
    elsewhere = PartnerContactFactory()
    client.force_login(contact.user)
    before = elsewhere.calendar_token
    assert client.post(reverse("partner_calendar_rotate", args=[elsewhere.organisation_id])).status_code == 404
    elsewhere.refresh_from_db()
    assert elsewhere.calendar_token == before


def test_the_partner_feed_stops_when_the_contacts_account_is_deactivated(client, contact):
    assert partner_feed(client, contact).status_code == 200
    contact.user.is_active = False
    contact.user.save()
    assert partner_feed(client, contact).status_code == 404


def test_the_partner_feed_stops_when_the_contact_is_unlinked(client, contact):
    assert partner_feed(client, contact).status_code == 200
    PartnerContact.objects.filter(pk=contact.pk).update(user=None)
    assert partner_feed(client, contact).status_code == 404


def test_linking_an_account_gives_the_contact_a_new_address(contact):
    """An address given to someone since unlinked must not answer again for the next person."""
    contact.organisation.status = PartnerStatus.ACTIVE
    contact.organisation.save()
    invited = PartnerContactFactory(organisation=contact.organisation, user=None, email="new.person@example.org")
    handed_out_before = invited.calendar_token
    newcomer = UserFactory(email="new.person@example.org")

    link_contact_account(invited, newcomer, by=newcomer)

    invited.refresh_from_db()
    assert invited.user == newcomer and invited.calendar_token != handed_out_before


def test_calendar_tokens_are_not_kept_in_the_history_staff_read(contact, placement):
    rotate_calendar_token(contact, by=contact.user)
    for history in (contact.history.all(), placement.officer.history.all()):
        assert history.exists()
        assert not hasattr(history.first(), "calendar_token")
