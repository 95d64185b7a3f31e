"""Who may do what with partner organisations (seed 000). Roles decide which pages a
person may open; being one of an organisation's contacts decides which organisations
they may act for (anything of another organisation is a 404: STYLE.md "Permissions")."""

import rules

from accounts.rules import is_diversity_placements_officer, is_head_of_resourcing, is_partner_contact

from ..enums import PARTNER_REPLY_STATUSES, PARTNER_RESPONSE_WORKFLOW, PartnerResponse


@rules.predicate
def is_partner_contact_of(user, partner):
    """``user`` has linked their account to one of ``partner``'s contacts."""
    return partner is not None and user.is_authenticated and partner.contacts.filter(user=user).exists()


# The Diversity Placements Officer approves partners (DOMAIN.md §1); the Head of
# Resourcing may look, for reports and audit, but not decide.
rules.add_perm("placements.review_partners", is_diversity_placements_officer | is_head_of_resourcing)
rules.add_perm("placements.decide_partners", is_diversity_placements_officer)
# The partner portal: for partner contacts, each acting for their own organisation(s).
rules.add_perm("placements.use_partner_portal", is_partner_contact)
rules.add_perm("placements.act_for_partner", is_partner_contact & is_partner_contact_of)


@rules.predicate
def awaits_partner_reply(user, placement):
    """State, not only relationship (issue 8 §6): a placement is answered once, and only
    while it is confirmed; a cancelled one can never be accepted."""
    return (
        placement is not None
        and placement.status in PARTNER_REPLY_STATUSES
        and PARTNER_RESPONSE_WORKFLOW.can(placement.partner_response, PartnerResponse.ACCEPTED)
    )


@rules.predicate
def is_contact_of_placement_partner(user, placement):
    return placement is not None and is_partner_contact_of(user, placement.partner)


rules.add_perm(
    "placements.reply_to_placement", is_partner_contact & is_contact_of_placement_partner & awaits_partner_reply
)
