"""Issue 8 §2: correcting a partner organisation in the back office goes through
update_partner_profile, so its duplicate key follows a new name or postcode (a second
registration of the renamed organisation is recognised, the old name is free again)."""

import pytest
from django.urls import reverse

from accounts.models import ActionLog
from placements.enums import CommunityCode, OrganisationKind, PartnerStatus
from placements.models import Community
from placements.selectors.partners import find_registered
from placements.services.partners import SAME_AS_ANOTHER
from placements.tests.factories import PartnerContactFactory, PartnerFactory
from placements.validators import PHONE_MESSAGE
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def corrected(partner, **changes):
    """The change form as the Diversity Placements Officer sends it back."""
    return {
        "name": partner.name,
        "kind": OrganisationKind.CHARITY,
        "registration_number": "",
        "communities": [],
        "other_community": "",
        "address": "1 High Street, Maidstone",
        "postcode": partner.postcode,
        "district": partner.district,
        "premises_accessibility": "",
        "placement_description": "Helping at our drop-in sessions.",
        "contacts-TOTAL_FORMS": "0",
        "contacts-INITIAL_FORMS": "0",
        **changes,
    }


def change_url(partner):
    return reverse("admin:placements_partnerorganisation_change", args=[partner.pk])


def test_renaming_a_partner_in_the_admin_recomputes_its_duplicate_key(client, diversity_officer):
    partner = PartnerFactory(name="Maidstone Mind", postcode="ME14 1XX", status=PartnerStatus.ACTIVE)
    client.force_login(diversity_officer)
    communities = [Community.objects.get(code=CommunityCode.DEMENTIA).pk]
    response = client.post(
        change_url(partner), corrected(partner, name="Mid Kent Mind", postcode="me15 6aa", communities=communities)
    )
    assert response.status_code == 302
    partner.refresh_from_db()
    assert (partner.name, partner.postcode, partner.duplicate_key) == (
        "Mid Kent Mind",
        "ME15 6AA",
        "mid-kent-mind|ME156AA",
    )
    assert partner.community_codes == {CommunityCode.DEMENTIA}
    assert partner.status == PartnerStatus.ACTIVE
    assert ActionLog.objects.filter(action="update_profile", actor=diversity_officer).count() == 1
    # the repeat check now finds the organisation under its new name, not its old one
    assert find_registered(name="Mid Kent Mind (the)", postcode="ME15 6AA", registration_number="") == partner
    assert find_registered(name="Maidstone Mind", postcode="ME14 1XX", registration_number="") is None


def test_a_rename_onto_another_organisation_is_refused_next_to_the_form(client, diversity_officer):
    PartnerFactory(name="Mid Kent Mind", postcode="ME15 6AA")
    partner = PartnerFactory(name="Maidstone Mind", postcode="ME14 1XX")
    client.force_login(diversity_officer)
    page = client.post(change_url(partner), corrected(partner, name="Mid-Kent Mind Ltd", postcode="ME15 6AA"))
    assert page.status_code == 200
    assert SAME_AS_ANOTHER in page.context["adminform"].form.non_field_errors()
    partner.refresh_from_db()
    assert (partner.name, partner.duplicate_key) == ("Maidstone Mind", "maidstone-mind|ME141XX")


def test_the_status_is_shown_but_only_the_actions_change_it(client, diversity_officer):
    partner = PartnerFactory(name="Maidstone Mind", status=PartnerStatus.INTERESTED)
    token = PartnerContactFactory(organisation=partner).calendar_token  # the contacts inline must not show it
    client.force_login(diversity_officer)
    client.post(change_url(partner), corrected(partner, status=PartnerStatus.ACTIVE))
    partner.refresh_from_db()
    assert partner.status == PartnerStatus.INTERESTED
    page = client.get(change_url(partner)).content.decode()
    assert "Interested" in page and token.hex not in page and str(token) not in page


def test_organisations_are_not_typed_into_the_admin(client):
    """They register through the public form, which recognises a repeat registration."""
    client.force_login(UserFactory(is_superuser=True, mfa=True))
    assert client.get(reverse("admin:placements_partnerorganisation_add")).status_code == 403


def test_a_contact_s_phone_is_checked_in_the_admin_as_in_the_portal(client):
    """Only an administrator edits contacts here (the roles may view them)."""
    partner = PartnerFactory(name="Maidstone Mind", status=PartnerStatus.ACTIVE)
    contact = PartnerContactFactory(organisation=partner, phone="01622 777688")
    client.force_login(UserFactory(is_superuser=True, mfa=True))

    def send(phone):
        return client.post(
            change_url(partner),
            corrected(
                partner,
                **{
                    "contacts-TOTAL_FORMS": "1",
                    "contacts-INITIAL_FORMS": "1",
                    "contacts-0-id": contact.pk,
                    "contacts-0-organisation": partner.pk,
                    "contacts-0-full_name": contact.full_name,
                    "contacts-0-email": contact.email,
                    "contacts-0-phone": phone,
                },
            ),
        )

    refused = send("12345")
    assert refused.status_code == 200
    assert refused.context["inline_admin_formsets"][0].formset.errors[0]["phone"] == [PHONE_MESSAGE]
    contact.refresh_from_db()
    assert contact.phone == "01622 777688"

    assert send("+44 (0)1622 777-689").status_code == 302
    contact.refresh_from_db()
    assert contact.phone == "01622 777689"
