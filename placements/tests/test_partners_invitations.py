"""The invitation link: a contact creates an account (or logs in) and links it to their
organisation. GET only explains; the POST links; a bad link is a clear page, never a 500."""

from datetime import timedelta

import pytest
from allauth.account.models import EmailAddress
from django.core import signing
from django.urls import reverse
from django.utils import timezone

from accounts.models import ActionLog
from accounts.roles import Role, has_role
from kentplacements.workflow import DomainError
from placements.enums import PartnerStatus
from placements.invitations import InvitationExpired, InvitationNotFound, invitation_token, invited_contact
from placements.services.partners import link_contact_account
from placements.tests.factories import PartnerContactFactory, PartnerFactory
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
S = PartnerStatus


@pytest.fixture
def invited():
    partner = PartnerFactory(name="Maidstone Mind", status=S.APPROVED)
    return PartnerContactFactory(organisation=partner, user=None, full_name="Pat Jones", email="Pat@Mind.example")


@pytest.fixture
def pat():
    """Pat's own account, with the invited address in another case."""
    return UserFactory(email="pat@mind.example", full_name="Pat Jones")


def join_url(contact):
    return reverse("partner_join", args=[invitation_token(contact)])


# --- the token -----------------------------------------------------------------------------


def test_a_token_names_its_contact(invited):
    assert invited_contact(invitation_token(invited)) == invited


def test_a_token_lasts_14_days(invited, time_machine):
    token = invitation_token(invited)
    time_machine.move_to(timezone.now() + timedelta(days=13, hours=23))
    assert invited_contact(token) == invited
    time_machine.move_to(timezone.now() + timedelta(days=2))
    with pytest.raises(InvitationExpired, match="links work for 14 days"):
        invited_contact(token)


def test_a_changed_or_forged_token_is_not_found(invited):
    token = invitation_token(invited)
    with pytest.raises(InvitationNotFound):
        invited_contact(token[:-2] + "xx")
    other_salt = signing.TimestampSigner(salt="something-else").sign_object({"contact": invited.pk, "email": "x"})
    with pytest.raises(InvitationNotFound):
        invited_contact(other_salt)


def test_a_token_stops_working_when_the_contacts_address_changes(invited):
    token = invitation_token(invited)
    invited.email = "new@mind.example"
    invited.save()
    with pytest.raises(InvitationNotFound):
        invited_contact(token)


# --- linking (the service) ------------------------------------------------------------------


def test_linking_makes_the_person_a_partner_contact_and_the_organisation_active(invited, pat):
    link_contact_account(invited, pat, by=pat)

    invited.refresh_from_db()
    assert invited.user == pat and invited.joined_at is not None
    assert has_role(pat, Role.PARTNER_CONTACT)
    partner = invited.organisation
    partner.refresh_from_db()
    assert partner.status == S.ACTIVE
    actions = set(ActionLog.objects.filter(actor=pat).values_list("action", flat=True))
    assert actions == {"link_account", "assign_role", "activate"}


def test_a_second_contact_linking_leaves_the_organisation_active(invited, pat):
    link_contact_account(invited, pat, by=pat)
    colleague = PartnerContactFactory(organisation=invited.organisation, user=None, email="sam@mind.example")
    sam = UserFactory(email="sam@mind.example")
    link_contact_account(colleague, sam, by=sam)
    assert ActionLog.objects.filter(action="activate").count() == 1
    invited.organisation.refresh_from_db()
    assert invited.organisation.status == S.ACTIVE


@pytest.mark.parametrize(
    "make_user, message",
    [
        (lambda: UserFactory(email="someone@else.example"), "This invitation was sent to Pat@Mind.example"),
        (lambda: UserFactory(email="pat@mind.example", verified=False), "This invitation was sent to"),
    ],
)
def test_only_the_invited_verified_address_can_link(invited, make_user, message):
    user = make_user()
    with pytest.raises(DomainError, match=message):
        link_contact_account(invited, user, by=user)
    invited.refresh_from_db()
    assert invited.user is None


def test_a_verified_second_address_of_the_account_will_do(invited):
    user = UserFactory(email="pat.jones@gmail.example")
    EmailAddress.objects.create(user=user, email="pat@mind.example", verified=True, primary=False)
    link_contact_account(invited, user, by=user)
    assert invited.organisation.contacts.get(user=user) == invited


def test_an_invitation_is_used_once(invited, pat):
    link_contact_account(invited, pat, by=pat)
    with pytest.raises(DomainError, match="already been used"):
        link_contact_account(invited, pat, by=pat)


@pytest.mark.parametrize("status", [S.INTERESTED, S.DECLINED, S.WITHDRAWN])
def test_no_linking_while_the_organisation_is_not_approved(invited, pat, status):
    invited.organisation.status = status
    invited.organisation.save()
    with pytest.raises(DomainError, match="not an approved partner"):
        link_contact_account(invited, pat, by=pat)


# --- the page --------------------------------------------------------------------------------


def test_a_visitor_is_told_to_create_an_account_with_the_invited_address(client, invited):
    url = join_url(invited)
    response = client.get(url)
    page = response.content.decode()
    assert response.status_code == 200
    assert "Link your account to Maidstone Mind" in page
    assert "Pat@Mind.example" in page
    signup = response.context["signup_url"]
    assert signup.startswith(reverse("account_signup")) and "email=Pat%40Mind.example" in signup
    assert "next=" in signup and "next=" in response.context["login_url"]
    # allauth's sign-up form takes the address from the link
    assert client.get(signup).context["form"]["email"].value() == "Pat@Mind.example"


def test_opening_the_link_changes_nothing(client, invited, pat):
    client.force_login(pat)
    response = client.get(join_url(invited))
    assert "Link my account to Maidstone Mind" in response.content.decode()
    invited.refresh_from_db()
    assert invited.user is None


def test_the_invited_person_links_with_a_button(client, invited, pat):
    client.force_login(pat)
    response = client.post(join_url(invited), follow=True)
    assert response.request["PATH_INFO"] == reverse("partner_portal")
    page = response.content.decode()
    assert "Your account is linked to Maidstone Mind." in page
    assert "Maidstone Mind" in page and "Status: <strong>Active</strong>" in page


def test_posting_without_logging_in_asks_to_log_in(client, invited):
    url = join_url(invited)
    response = client.post(url)
    assert response.status_code == 302 and response.url.startswith(reverse("account_login"))
    invited.refresh_from_db()
    assert invited.user is None


def test_the_wrong_account_is_told_whose_invitation_it_is(client, invited, member_of_public):
    client.force_login(member_of_public)
    response = client.post(join_url(invited))
    assert response.status_code == 400
    assert "This invitation was sent to Pat@Mind.example" in response.content.decode()
    invited.refresh_from_db()
    assert invited.user is None


def test_a_used_invitation_says_so_and_points_its_owner_to_the_portal(client, invited, pat):
    link_contact_account(invited, pat, by=pat)
    client.force_login(pat)
    response = client.get(join_url(invited))
    page = response.content.decode()
    assert response.status_code == 400
    assert "already been used" in page and reverse("partner_portal") in page


def test_an_expired_invitation_explains_what_to_do(client, invited, time_machine):
    url = join_url(invited)
    time_machine.move_to(timezone.now() + timedelta(days=15))
    response = client.get(url)
    assert response.status_code == 400
    assert "This invitation has expired" in response.content.decode()


def test_a_mangled_link_is_not_found(client, invited):
    for token in ("nonsense", invitation_token(invited)[:-3] + "abc", "a:b:c"):
        response = client.get(reverse("partner_join", args=[token]))
        assert response.status_code == 404
        assert "Page not found" in response.content.decode()
