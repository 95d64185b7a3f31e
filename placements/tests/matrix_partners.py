"""Partner organisations' rows of the permission matrix (tests/test_permission_matrix.py).

The persona ``partner_contact`` speaks for one organisation ("own"); a second one
("other") is nobody's among the personas, so its records are a 404 to them."""

from placements.enums import PartnerStatus, PlacementStatus
from placements.invitations import invitation_token
from placements.tests.factories import (
    CommunityPlacementFactory,
    HostingOfferFactory,
    PartnerContactFactory,
    PartnerFactory,
)
from tests.matrix import LOGIN, MFA, PUBLIC_PAGE, by_persona, saved

# Partner contacts only; everyone else logged in is refused.
PORTAL = by_persona("403", anonymous=LOGIN, staff_without_mfa=MFA, partner_contact="200")
# A page about another organisation's record: not found, for a partner contact.
OTHER_ORGANISATIONS = by_persona("403", anonymous=LOGIN, staff_without_mfa=MFA, partner_contact="404")
# Buttons (POST only): opening the address is "method not allowed" once allowed in.
PORTAL_BUTTON = by_persona("403", anonymous=LOGIN, staff_without_mfa=MFA, partner_contact="405")
# The Diversity Placements Officer reviews and decides; the Head of Resourcing looks on.
STAFF_REVIEW = by_persona(
    "403", anonymous=LOGIN, staff_without_mfa=MFA, diversity_officer="200", head_of_resourcing="200"
)
STAFF_DECISION = by_persona("403", anonymous=LOGIN, staff_without_mfa=MFA, diversity_officer="200")
STAFF_BUTTON = by_persona("403", anonymous=LOGIN, staff_without_mfa=MFA, diversity_officer="405")
# The invitation in the matrix went to member_of_public's address: they (and a visitor
# who has not logged in yet) see the page; anyone else logged in is told it is not theirs.
INVITATION = by_persona("400", anonymous="200", staff_without_mfa=MFA, member_of_public="200")

MATRIX = {
    "partner_register": PUBLIC_PAGE,
    "partner_register_thanks": PUBLIC_PAGE,
    "partner_join": INVITATION,
    "partner_portal": PORTAL,
    "partner_profile": PORTAL,
    "partner_contacts": PORTAL,
    "partner_contact_invite": PORTAL_BUTTON,
    "partner_offers": PORTAL,
    "partner_offer_edit": OTHER_ORGANISATIONS,
    "partner_placements": PORTAL,
    "partner_placement_reply": PORTAL,
    # the contact replaces their own calendar address (a button: POST only)
    "partner_calendar_rotate": PORTAL_BUTTON,
    "staff_partner_list": STAFF_REVIEW,
    "staff_partner_detail": STAFF_REVIEW,
    "staff_partner_approve": STAFF_BUTTON,
    "staff_partner_decline": STAFF_DECISION,
    "staff_partner_reactivate": STAFF_DECISION,
    "staff_partner_contact_invite": STAFF_BUTTON,
}


def url_arguments(people):
    own = PartnerFactory(name="Persona Community Trust", status=PartnerStatus.ACTIVE)
    PartnerContactFactory(organisation=own, user=people["partner_contact"])
    invited = PartnerContactFactory(
        organisation=own, user=None, full_name="Ivy Invited", email=people["member_of_public"].email, is_primary=False
    )
    other = PartnerFactory(name="Nobody's Charity", status=PartnerStatus.INTERESTED)
    placement = CommunityPlacementFactory(offer=HostingOfferFactory(partner=own), status=PlacementStatus.CONFIRMED)
    ids = {
        "partner_join": {"token": invitation_token(invited)},
        "partner_profile": {"partner_id": own.pk},
        "partner_contacts": {"partner_id": own.pk},
        "partner_contact_invite": {"contact_id": invited.pk},
        "partner_offers": {"partner_id": own.pk},
        "partner_offer_edit": {"offer_id": HostingOfferFactory(partner=other).pk},
        "partner_placements": {"partner_id": own.pk},
        "partner_calendar_rotate": {"partner_id": own.pk},
        "partner_placement_reply": {"placement_id": placement.pk},
        "staff_partner_detail": {"partner_id": other.pk},
        "staff_partner_approve": {"partner_id": other.pk},
        "staff_partner_decline": {"partner_id": other.pk},
        "staff_partner_reactivate": {"partner_id": other.pk},
        "staff_partner_contact_invite": {"contact_id": invited.pk},
    }
    return {name: {key: str(value) for key, value in kwargs.items()} for name, kwargs in ids.items()}


# What a POST with no fields (or POST_DATA) gets. The portal's and the staff pages'
# forms come back with their errors; the buttons act.
POST_MATRIX = {
    "partner_register": PUBLIC_PAGE,
    # linking needs an account: a visitor is sent to log in first
    "partner_join": by_persona(
        "400", anonymous=LOGIN, staff_without_mfa=MFA, member_of_public=saved("→partner_portal")
    ),
    "partner_profile": PORTAL,
    "partner_contacts": PORTAL,
    "partner_contact_invite": by_persona(
        "403", anonymous=LOGIN, staff_without_mfa=MFA, partner_contact=saved("→partner_contacts")
    ),
    "partner_offers": PORTAL,
    "partner_placement_reply": PORTAL,
    # the contact's own calendar address is replaced (the rotation is logged)
    "partner_calendar_rotate": by_persona(
        "403", anonymous=LOGIN, staff_without_mfa=MFA, partner_contact=saved("→partner_placements")
    ),
    "staff_partner_approve": by_persona(
        "403", anonymous=LOGIN, staff_without_mfa=MFA, diversity_officer=saved("→staff_partner_detail")
    ),
    "staff_partner_decline": by_persona(
        "403", anonymous=LOGIN, staff_without_mfa=MFA, diversity_officer=saved("→staff_partner_detail")
    ),
    "staff_partner_reactivate": STAFF_DECISION,
    "staff_partner_contact_invite": by_persona(
        "403", anonymous=LOGIN, staff_without_mfa=MFA, diversity_officer=saved("→staff_partner_detail")
    ),
}
# A complete answer, so that whoever is refused is refused with a valid form in hand.
POST_DATA = {"staff_partner_decline": {"reason": "We only work with organisations in Kent."}}
