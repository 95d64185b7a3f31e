"""The Diversity Placements Officer's review of partner organisations: approve, decline,
reactivate (services, staff pages and admin actions), and the Head of Resourcing's
read-only view of it."""

import re

import pytest
from django.contrib.admin import helpers
from django.urls import resolve, reverse

from accounts.models import ActionLog
from kentplacements.workflow import DomainError, TransitionNotAllowed
from notifications.models import Notification
from placements.enums import PartnerStatus
from placements.models import PartnerContact
from placements.services.partners import approve_partner, decline_partner, invite_contact, reactivate_partner
from placements.tests.factories import PartnerContactFactory, PartnerFactory

pytestmark = pytest.mark.django_db
S = PartnerStatus


@pytest.fixture
def interested():
    partner = PartnerFactory(name="Maidstone Mind", status=S.INTERESTED)
    PartnerContactFactory(organisation=partner, user=None, full_name="Pat Jones", email="pat@mind.example")
    return partner


def log_of(partner, action):
    return ActionLog.objects.get(object_id=str(partner.pk), action=action, content_type__model="partnerorganisation")


def invitation_link(notification):
    return re.search(r"http://127\.0\.0\.1:8000(/partners/join/\S+/)", notification.body_text).group(1)


# --- services ---------------------------------------------------------------------------


def test_approving_invites_each_contact_without_an_account(interested, diversity_officer):
    linked = PartnerContactFactory(organisation=interested, is_primary=False)

    approve_partner(interested, by=diversity_officer)

    interested.refresh_from_db()
    assert interested.status == S.APPROVED
    entry = log_of(interested, "approve")
    assert (entry.actor, entry.from_state, entry.to_state) == (diversity_officer, S.INTERESTED, S.APPROVED)
    invitation = Notification.objects.get(template="placements/partner_approved_invitation")
    assert invitation.recipient == "pat@mind.example"
    assert invitation.subject == "Maidstone Mind is approved: create your Kent Placements account"
    assert "Good news: we have approved Maidstone Mind" in invitation.body_text
    assert "Create your account with this email address: pat@mind.example." in invitation.body_text
    assert resolve(invitation_link(invitation)).url_name == "partner_join"
    assert PartnerContact.objects.get(email="pat@mind.example").invited_at is not None
    told = Notification.objects.get(template="placements/partner_approved")
    assert told.recipient == linked.email and "/partners/portal/" in told.body_text


@pytest.mark.parametrize("status", [S.APPROVED, S.ACTIVE, S.DECLINED, S.WITHDRAWN])
def test_only_an_interested_organisation_can_be_approved(status, diversity_officer):
    partner = PartnerFactory(status=status)
    with pytest.raises(TransitionNotAllowed):
        approve_partner(partner, by=diversity_officer)
    partner.refresh_from_db()
    assert partner.status == status
    assert not Notification.objects.exists()


def test_declining_needs_a_reason_and_tells_the_contacts(interested, diversity_officer):
    with pytest.raises(DomainError, match="Say why"):
        decline_partner(interested, by=diversity_officer, reason="   ")

    decline_partner(interested, by=diversity_officer, reason="We have enough partners in Maidstone this year.")

    interested.refresh_from_db()
    assert (interested.status, interested.status_reason) == (
        S.DECLINED,
        "We have enough partners in Maidstone this year.",
    )
    assert log_of(interested, "decline").reason == "We have enough partners in Maidstone this year."
    note = Notification.objects.get(template="placements/partner_declined")
    assert note.recipient == "pat@mind.example"
    assert "Our reason: We have enough partners in Maidstone this year." in note.body_text
    assert "We are grateful for your offer" in note.body_text


def test_an_approved_organisation_can_still_be_declined_but_an_active_one_cannot(diversity_officer):
    decline_partner(PartnerFactory(status=S.APPROVED), by=diversity_officer, reason="Premises unsuitable")
    with pytest.raises(TransitionNotAllowed):
        decline_partner(PartnerFactory(status=S.ACTIVE), by=diversity_officer, reason="Too late")


@pytest.mark.parametrize("status", [S.DECLINED, S.WITHDRAWN])
def test_reactivating_looks_at_the_organisation_again(status, diversity_officer):
    partner = PartnerFactory(status=status, status_reason="No capacity")
    PartnerContactFactory(organisation=partner, user=None, email="pat@mind.example")

    reactivate_partner(partner, by=diversity_officer, reason="They have a new volunteer lead")

    partner.refresh_from_db()
    assert (partner.status, partner.status_reason) == (S.INTERESTED, "")
    entry = log_of(partner, "reactivate")
    assert (entry.from_state, entry.to_state, entry.reason) == (status, S.INTERESTED, "They have a new volunteer lead")
    note = Notification.objects.get(template="placements/partner_reactivated")
    assert "looking at" in note.body_text and note.recipient == "pat@mind.example"


@pytest.mark.parametrize("status", [S.INTERESTED, S.APPROVED, S.ACTIVE])
def test_only_a_declined_or_withdrawn_organisation_can_be_reactivated(status, diversity_officer):
    with pytest.raises(TransitionNotAllowed):
        reactivate_partner(PartnerFactory(status=status), by=diversity_officer)


def test_an_invitation_can_be_sent_again_but_not_to_someone_already_linked(diversity_officer):
    partner = PartnerFactory(status=S.APPROVED)
    waiting = PartnerContactFactory(organisation=partner, user=None)
    invite_contact(waiting, by=diversity_officer)
    invite_contact(waiting, by=diversity_officer)
    assert Notification.objects.filter(template="placements/partner_contact_invitation").count() == 2
    with pytest.raises(DomainError, match="already linked"):
        invite_contact(PartnerContactFactory(organisation=partner, email="x@example.org"), by=diversity_officer)


def test_no_invitation_for_an_organisation_that_is_not_approved(interested, diversity_officer):
    with pytest.raises(DomainError, match="not an approved partner"):
        invite_contact(interested.contacts.get(), by=diversity_officer)


# --- staff pages --------------------------------------------------------------------------


def test_the_officer_approves_from_the_organisations_page(client, diversity_officer, interested):
    client.force_login(diversity_officer)
    page = client.get(reverse("staff_partner_detail", args=[interested.pk])).content.decode()
    assert "Pat Jones" in page and "pat@mind.example" in page
    assert ">Approve</button>" in page and "Reactivate" not in page

    response = client.post(reverse("staff_partner_approve", args=[interested.pk]), follow=True)

    interested.refresh_from_db()
    assert interested.status == S.APPROVED
    assert "Maidstone Mind is approved" in response.content.decode()
    assert response.request["PATH_INFO"] == reverse("staff_partner_detail", args=[interested.pk])


def test_approving_twice_says_why_it_cannot(client, diversity_officer):
    partner = PartnerFactory(status=S.ACTIVE)
    client.force_login(diversity_officer)
    response = client.post(reverse("staff_partner_approve", args=[partner.pk]), follow=True)
    assert "cannot move from “active” to “approved”" in response.content.decode()


def test_declining_asks_for_the_reason_on_its_own_page(client, diversity_officer, interested):
    client.force_login(diversity_officer)
    url = reverse("staff_partner_decline", args=[interested.pk])
    response = client.post(url, {"reason": ""})
    assert response.status_code == 200
    assert response.context["form"].errors["reason"] == ["Give a reason."]
    assert 'href="#id_reason"' in response.content.decode()

    response = client.post(url, {"reason": "Outside Kent"})
    assert response.url == reverse("staff_partner_detail", args=[interested.pk])
    interested.refresh_from_db()
    assert (interested.status, interested.status_reason) == (S.DECLINED, "Outside Kent")


def test_reactivating_needs_no_reason(client, diversity_officer):
    partner = PartnerFactory(status=S.DECLINED)
    client.force_login(diversity_officer)
    response = client.post(reverse("staff_partner_reactivate", args=[partner.pk]), {"reason": ""})
    assert response.status_code == 302
    partner.refresh_from_db()
    assert partner.status == S.INTERESTED


def test_the_head_of_resourcing_sees_the_registrations_but_cannot_decide(client, head_of_resourcing, interested):
    client.force_login(head_of_resourcing)
    page = client.get(reverse("staff_partner_detail", args=[interested.pk])).content.decode()
    assert "Maidstone Mind" in page and "Approve" not in page and "Decline" not in page
    for name in ("staff_partner_approve", "staff_partner_decline", "staff_partner_reactivate"):
        assert client.post(reverse(name, args=[interested.pk]), {"reason": "x"}).status_code == 403
    contact = interested.contacts.get()
    assert client.post(reverse("staff_partner_contact_invite", args=[contact.pk])).status_code == 403
    interested.refresh_from_db()
    assert interested.status == S.INTERESTED


def test_the_officer_sends_an_invitation_again(client, diversity_officer):
    partner = PartnerFactory(status=S.APPROVED)
    contact = PartnerContactFactory(organisation=partner, user=None, full_name="Pat Jones")
    client.force_login(diversity_officer)
    response = client.post(reverse("staff_partner_contact_invite", args=[contact.pk]), follow=True)
    assert "We have sent Pat Jones a new invitation." in response.content.decode()
    assert Notification.objects.get(template="placements/partner_contact_invitation").recipient == contact.email


def test_the_list_filters_by_status_and_searches(client, diversity_officer):
    PartnerFactory(name="Maidstone Mind", status=S.INTERESTED)
    PartnerFactory(name="Dover Dementia Café", status=S.ACTIVE, postcode="CT16 1AA")
    contact_org = PartnerFactory(name="Swale Carers", status=S.APPROVED)
    PartnerContactFactory(organisation=contact_org, user=None, full_name="Robin Hood", email="robin@swale.example")
    client.force_login(diversity_officer)

    def names(**params):
        response = client.get(reverse("staff_partner_list"), params)
        return [p.name for p in response.context["page"]]

    assert names(status="interested") == ["Maidstone Mind"]
    assert names(q="ct16") == ["Dover Dementia Café"]
    assert names(q="robin@") == ["Swale Carers"]
    assert sorted(names()) == ["Dover Dementia Café", "Maidstone Mind", "Swale Carers"]
    response = client.get(reverse("staff_partner_list"), {"status": "nonsense"})
    assert "Select a valid choice." in response.content.decode()  # on the form, never a 500


def test_the_list_uses_as_many_queries_for_50_organisations_as_for_1(
    client, diversity_officer, assert_query_count_constant
):
    client.force_login(diversity_officer)

    def make_rows(n):
        for _ in range(n):
            PartnerContactFactory(organisation=PartnerFactory(communities=["dementia", "older_people"]), user=None)

    assert_query_count_constant(client, reverse("staff_partner_list"), make_rows, queries=7)


def test_the_detail_page_uses_as_many_queries_for_many_contacts_as_for_one(
    client, diversity_officer, assert_query_count_constant
):
    partner = PartnerFactory(communities=["dementia"])
    client.force_login(diversity_officer)

    def make_rows(n):
        for i in range(n):
            PartnerContactFactory(
                organisation=partner, is_primary=False, email=f"c{partner.contacts.count()}-{i}@x.org"
            )

    # two of them read the viewer's permissions: which of its history they may read (issue 9)
    assert_query_count_constant(client, reverse("staff_partner_detail", args=[partner.pk]), make_rows, queries=10)


# --- admin actions -------------------------------------------------------------------------


def admin_action(client, action, partners, **extra):
    return client.post(
        reverse("admin:placements_partnerorganisation_changelist"),
        {"action": action, helpers.ACTION_CHECKBOX_NAME: [p.pk for p in partners], **extra},
        follow=True,
    )


def test_the_admin_approves_through_the_same_service(client, diversity_officer, interested):
    refused = PartnerFactory(status=S.ACTIVE, name="Already Active")
    client.force_login(diversity_officer)

    response = admin_action(client, "approve_selected", [interested, refused])

    interested.refresh_from_db()
    assert interested.status == S.APPROVED
    assert log_of(interested, "approve").actor == diversity_officer
    assert Notification.objects.filter(template="placements/partner_approved_invitation").count() == 1
    page = response.content.decode()
    assert "1 partner organisation approved." in page and "Already Active: This record cannot move" in page


def test_the_admin_asks_for_a_reason_before_declining(client, diversity_officer, interested):
    client.force_login(diversity_officer)

    page = admin_action(client, "decline_selected", [interested]).content.decode()
    assert "Why are they declined?" in page and "Maidstone Mind (Interested)" in page
    interested.refresh_from_db()
    assert interested.status == S.INTERESTED

    admin_action(client, "decline_selected", [interested], apply="1", reason="")
    interested.refresh_from_db()
    assert interested.status == S.INTERESTED  # still asking: the reason is required

    admin_action(client, "decline_selected", [interested], apply="1", reason="Not in Kent")
    interested.refresh_from_db()
    assert (interested.status, interested.status_reason) == (S.DECLINED, "Not in Kent")


def test_the_admin_reactivates(client, diversity_officer):
    partner = PartnerFactory(status=S.WITHDRAWN)
    client.force_login(diversity_officer)
    admin_action(client, "reactivate_selected", [partner])
    partner.refresh_from_db()
    assert partner.status == S.INTERESTED


def test_the_head_of_resourcing_has_no_admin_actions(client, head_of_resourcing, interested):
    client.force_login(head_of_resourcing)
    admin_action(client, "approve_selected", [interested])
    interested.refresh_from_db()
    assert interested.status == S.INTERESTED
