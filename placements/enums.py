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


_PR = PartnerResponse
# The partner answers a confirmed placement once (seed 000); declining also cancels it.
PARTNER_RESPONSE_WORKFLOW = Workflow(
    {
        _PR.AWAITING: {_PR.ACCEPTED, _PR.DECLINED},
        _PR.ACCEPTED: set(),
        _PR.DECLINED: set(),
    }
)
# The placement states in which the partner's answer is asked for: not a proposal
# (the partner has not been told) and never a cancelled placement (issue 8 §6).
PARTNER_REPLY_STATUSES = (_S.CONFIRMED,)


class RsvpStatus(models.TextChoices):
    ATTENDING = "attending", "Attending"
    CANCELLED = "cancelled", "Cancelled"
    # Issue 9: more people than seats left goes on the waiting list, not a refusal.
    WAITING = "waiting", "On the waiting list"


NOT_REPLIED = ""  # an invitation's rsvp_status before the partner answers
_R = RsvpStatus
# Until the RSVP cut-off a partner may reply, change how many are coming, cancel, or
# come after all. Saying "nobody is coming" again is no change: the service returns the
# reply as it is (a double click sends nothing twice).
RSVP_WORKFLOW = Workflow(
    {
        NOT_REPLIED: {_R.ATTENDING, _R.CANCELLED, _R.WAITING},
        _R.ATTENDING: {_R.ATTENDING, _R.CANCELLED},
        _R.CANCELLED: {_R.ATTENDING, _R.WAITING},
        _R.WAITING: {_R.WAITING, _R.ATTENDING, _R.CANCELLED},
    }
)


class ProgrammeStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    OPEN = "open", "Open for applications"
    CLOSED = "closed", "Closed"
    RUNNING = "running", "Running"
    FINISHED = "finished", "Finished"


_G = ProgrammeStatus
PROGRAMME_WORKFLOW = Workflow(
    {
        _G.DRAFT: {_G.OPEN},
        _G.OPEN: {_G.CLOSED},
        _G.CLOSED: {_G.OPEN, _G.RUNNING},
        _G.RUNNING: {_G.FINISHED},
        _G.FINISHED: set(),
    }
)


class ApplicationStatus(models.TextChoices):
    """A work-experience application's lifecycle (protocol 3.2–3.5, DOMAIN.md §3)."""

    DRAFT = "draft", "Draft (not sent)"
    APPLIED = "applied", "Applied"
    SHORTLISTED = "shortlisted", "Shortlisted"
    VETTING = "vetting", "Vetting checks"
    CLEARED = "cleared", "Cleared"
    AGREEMENT_PENDING = "agreement_pending", "Waiting for the Work Placement Agreement"
    CONFIRMED = "confirmed", "Confirmed"
    ATTENDING = "attending", "Attending"
    COMPLETED = "completed", "Completed"
    DECLINED = "declined", "Declined"
    WITHDRAWN = "withdrawn", "Withdrawn"
    VETTING_REFUSED = "vetting_refused", "Not cleared by vetting"
    DISCONTINUED = "discontinued", "Discontinued"


_A = ApplicationStatus
# Withdrawing is open to the applicant at any time before completion.
_WITHDRAWABLE = {_A.WITHDRAWN}
# Protocol 2.4: the force may discontinue "without notice, where standards are not met" at
# any point once shortlisted (issue 10), and decline for conduct at any stage; so every
# live state after shortlisting can be discontinued and every sent one declined.
_ENDABLE_FOR_CONDUCT = {_A.DECLINED, _A.DISCONTINUED}
APPLICATION_WORKFLOW = Workflow(
    {
        _A.DRAFT: {_A.APPLIED} | _WITHDRAWABLE,
        _A.APPLIED: {_A.SHORTLISTED, _A.DECLINED} | _WITHDRAWABLE,
        _A.SHORTLISTED: {_A.VETTING} | _ENDABLE_FOR_CONDUCT | _WITHDRAWABLE,
        _A.VETTING: {_A.CLEARED, _A.VETTING_REFUSED} | _ENDABLE_FOR_CONDUCT | _WITHDRAWABLE,
        _A.CLEARED: {_A.AGREEMENT_PENDING} | _ENDABLE_FOR_CONDUCT | _WITHDRAWABLE,
        _A.AGREEMENT_PENDING: {_A.CONFIRMED} | _ENDABLE_FOR_CONDUCT | _WITHDRAWABLE,
        _A.CONFIRMED: {_A.ATTENDING} | _ENDABLE_FOR_CONDUCT | _WITHDRAWABLE,
        _A.ATTENDING: {_A.COMPLETED} | _ENDABLE_FOR_CONDUCT | _WITHDRAWABLE,
        _A.COMPLETED: set(),
        _A.DECLINED: set(),
        _A.WITHDRAWN: set(),
        _A.VETTING_REFUSED: set(),
        _A.DISCONTINUED: set(),
    }
)
# While the checks run or the placement is under way the team declines only for conduct
# (2.4); the other reasons (3.1.2, 3.2.2) are for the steps where they decide.
DECLINED_ONLY_FOR_CONDUCT = frozenset({_A.VETTING, _A.ATTENDING})
# Applications holding one of the programme's places.
PLACE_HOLDING_APPLICATIONS = (_A.CONFIRMED, _A.ATTENDING, _A.COMPLETED)
# Applications that have ended (no move left: completed, withdrawn, discontinued,
# declined, not cleared). Their record is kept and read, never added to (issue 8 §6).
ENDED_APPLICATIONS = frozenset(state for state, targets in APPLICATION_WORKFLOW.transitions.items() if not targets)


class DeclineReason(models.TextChoices):
    """Protocol 3.1.2 and 3.2: why an application is turned down."""

    INELIGIBLE = "ineligible", "Does not meet the criteria"
    CAPACITY = "capacity", "The programme is full"
    OPERATIONAL_NEED = "operational_need", "Operational need (the exigencies of duty)"
    # Protocol 2.4: standards of professional behaviour are considered at every stage.
    CONDUCT = "conduct", "Conduct (the standards of behaviour were not met)"


class ActivityKind(models.TextChoices):
    """Protocol 3.5.6: what may be accommodated during a placement."""

    CRIME_INVESTIGATION = "crime_investigation", "Crime investigation"
    COMMUNITY_LIAISON = "community_liaison", "Community liaison"
    LICENSING = "licensing", "Licensing"
    CRIME_REDUCTION = "crime_reduction", "Crime reduction"
    TASKING_COORDINATION = "tasking_coordination", "Tasking and coordination"
    NEIGHBOURHOOD_PATROL = "neighbourhood_patrol", "Patrol with a neighbourhood officer or PCSO"
    COLLEGE_SESSION = "college_session", "College-based session"


class ActivityLocation(models.TextChoices):
    """Protocol 3.5.2: "in most cases ... [participants] remain onsite at the Kent Police
    training school"; off site only when the escorting officer confirms the Student
    Placement Risk Assessment covers it."""

    ON_SITE = "on_site", "On site (Kent Police College)"
    OFF_SITE = "off_site", "Off site"


class ForbiddenActivity(models.TextChoices):
    """Protocol 3.5.2: never, for anyone on work experience."""

    ERV_DEPLOYMENT = "erv_deployment", "Deployment in an Emergency Response Vehicle (ERV)"
    HARMFUL_CALL = "harmful_call", "A call with potential for physical or psychological harm"
    SUDDEN_DEATH = "sudden_death", "A sudden death"
    POST_MORTEM = "post_mortem", "A post mortem"


class ExceptionRule(models.TextChoices):
    """Protocol 2.3: the rules the Head of HR Resourcing may make an exception to, for one
    application, with a clear rationale (issue 10)."""

    MINIMUM_AGE = "minimum_age", "The minimum age"
    CLOSING_TIME = "closing_time", "The closing time for applications"
    CRITERION = "criterion", "An eligibility criterion"
    CAPACITY = "capacity", "The programme's capacity"
