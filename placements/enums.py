from django.db import models

from kentplacements.workflow import Workflow


class OrganisationKind(models.TextChoices):
    CHARITY = "charity", "Charity"
    COMPANY = "company", "Company"
    PUBLIC_BODY = "public_body", "Public body"
    COMMUNITY_GROUP = "community_group", "Community group"


class CommunityCode(models.TextChoices):
    """The communities partners serve (seed 000: "mental and physical disability,
    elderly people and dementia"), as DOMAIN.md §3 lists them."""

    MENTAL_ILL_HEALTH = "mental_ill_health", "Mental ill-health"
    PHYSICAL_DISABILITY = "physical_disability", "Physical disability"
    LEARNING_DISABILITY = "learning_disability", "Learning disability"
    OLDER_PEOPLE = "older_people", "Older people"
    DEMENTIA = "dementia", "Dementia"
    OTHER = "other", "Other"


class KentDistrict(models.TextChoices):
    ASHFORD = "ashford", "Ashford"
    CANTERBURY = "canterbury", "Canterbury"
    DARTFORD = "dartford", "Dartford"
    DOVER = "dover", "Dover"
    FOLKESTONE_HYTHE = "folkestone_hythe", "Folkestone and Hythe"
    GRAVESHAM = "gravesham", "Gravesham"
    MAIDSTONE = "maidstone", "Maidstone"
    MEDWAY = "medway", "Medway"
    SEVENOAKS = "sevenoaks", "Sevenoaks"
    SWALE = "swale", "Swale"
    THANET = "thanet", "Thanet"
    TONBRIDGE_MALLING = "tonbridge_malling", "Tonbridge and Malling"
    TUNBRIDGE_WELLS = "tunbridge_wells", "Tunbridge Wells"


class PartnerStatus(models.TextChoices):
    INTERESTED = "interested", "Interested"
    APPROVED = "approved", "Approved"
    ACTIVE = "active", "Active"
    DECLINED = "declined", "Declined"
    WITHDRAWN = "withdrawn", "Withdrawn"


_P = PartnerStatus
PARTNER_WORKFLOW = Workflow(
    {
        _P.INTERESTED: {_P.APPROVED, _P.DECLINED, _P.WITHDRAWN},
        # approved becomes active when the first contact links their account
        _P.APPROVED: {_P.ACTIVE, _P.DECLINED, _P.WITHDRAWN},
        _P.ACTIVE: {_P.WITHDRAWN},
        # staff may reactivate a declined or withdrawn organisation: it is looked at again
        _P.DECLINED: {_P.INTERESTED},
        _P.WITHDRAWN: {_P.INTERESTED},
    }
)


# Organisations that may offer places and host officers.
HOSTING_PARTNER_STATUSES = (_P.APPROVED, _P.ACTIVE)


class PlacementType(models.TextChoices):
    """Seed 000: a 2-day placement during the 19-week initial training course, and a
    4-day placement after a few months as an operational officer."""

    TWO_DAY = "two_day", "2-day placement"
    FOUR_DAY = "four_day", "4-day placement"

    @property
    def length_days(self) -> int:
        return 2 if self == PlacementType.TWO_DAY else 4


class PlacementStatus(models.TextChoices):
    PROPOSED = "proposed", "Proposed"
    CONFIRMED = "confirmed", "Confirmed"
    COMPLETED = "completed", "Completed"
    PRESENTED = "presented", "Presented"
    CANCELLED = "cancelled", "Cancelled"


_S = PlacementStatus
PLACEMENT_WORKFLOW = Workflow(
    {
        _S.PROPOSED: {_S.CONFIRMED, _S.CANCELLED},
        _S.CONFIRMED: {_S.COMPLETED, _S.CANCELLED},
        _S.COMPLETED: {_S.PRESENTED},
        _S.PRESENTED: set(),
        _S.CANCELLED: set(),
    }
)
# Placements in these states hold one of the offer's places.
PLACE_HOLDING_STATUSES = (_S.CONFIRMED, _S.COMPLETED, _S.PRESENTED)


class PartnerResponse(models.TextChoices):
    AWAITING = "awaiting", "Awaiting the partner's reply"
    ACCEPTED = "accepted", "Accepted by the partner"
    DECLINED = "declined", "Declined by the partner"


class RsvpStatus(models.TextChoices):
    ATTENDING = "attending", "Attending"
    CANCELLED = "cancelled", "Cancelled"


class ProgrammeStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    OPEN = "open", "Open for applications"
    CLOSED = "closed", "Closed"
    RUNNING = "running", "Running"
    FINISHED = "finished", "Finished"
