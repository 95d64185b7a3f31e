"""Permission-matrix rows for allocation, the officer's own placements and calendars."""

from placements.enums import PartnerResponse, PlacementStatus
from tests.matrix import LOGIN, MFA, PUBLIC_PAGE, audience, by_persona, saved

from .factories import (
    CohortFactory,
    CommunityPlacementFactory,
    PartnerContactFactory,
    StudentOfficerFactory,
)

# The Diversity Placements Officer allocates; the Head of Resourcing may look.
ALLOCATION_PAGE = by_persona(
    "403", anonymous=LOGIN, staff_without_mfa=MFA, diversity_officer="200", head_of_resourcing="200"
)

POST_ONLY = audience("405", "405", "405")


def allocating(outcome):
    """Only the Diversity Placements Officer allocates; the pages and buttons of the review are theirs."""
    return by_persona("403", anonymous=LOGIN, staff_without_mfa=MFA, diversity_officer=outcome)


MATRIX = {
    "allocation_cohorts": ALLOCATION_PAGE,
    "allocation_cohort": ALLOCATION_PAGE,
    "allocation_review": ALLOCATION_PAGE,
    # buttons: opening the address is refused to all; POST_MATRIX says who may press them
    "allocation_reallocate": POST_ONLY,
    "placement_accept_for_partner": POST_ONLY,
    "allocation_run": POST_ONLY,
    "allocation_confirm": POST_ONLY,
    # a proposal's move and cancel pages (issue 9: the review row links to them): the allocating officer's
    "placement_move": allocating("200"),
    "placement_cancel": allocating("200"),
    # only a student officer with a record in a cohort has placements to see
    "my_placements": by_persona("403", anonymous=LOGIN, staff_without_mfa=MFA, student_officer="200"),
    # calendar apps cannot log in: the unguessable token is the key
    "officer_calendar": PUBLIC_PAGE,
    "partner_calendar": PUBLIC_PAGE,
    # the officer replaces their own calendar address (a button: POST only)
    "officer_calendar_rotate": by_persona("403", anonymous=LOGIN, staff_without_mfa=MFA, student_officer="405"),
}


def url_arguments(people):
    cohort = CohortFactory()
    officer = StudentOfficerFactory(cohort=cohort, user=people["student_officer"])
    placement = CommunityPlacementFactory(officer=StudentOfficerFactory(cohort=cohort))
    awaiting_reply = CommunityPlacementFactory(
        officer=StudentOfficerFactory(cohort=cohort), status=PlacementStatus.CONFIRMED
    )
    # an officer at risk: the partner declined their 2-day placement
    CommunityPlacementFactory(
        officer=StudentOfficerFactory(cohort=cohort),
        status=PlacementStatus.CANCELLED,
        partner_response=PartnerResponse.DECLINED,
    )
    return {
        "allocation_cohort": {"cohort_id": str(cohort.pk)},
        "allocation_reallocate": {"cohort_id": str(cohort.pk), "placement_type": "two_day"},
        "placement_accept_for_partner": {"placement_id": str(awaiting_reply.pk)},
        "allocation_review": {"cohort_id": str(cohort.pk), "placement_type": "two_day"},
        "allocation_run": {"cohort_id": str(cohort.pk), "placement_type": "two_day"},
        "allocation_confirm": {"cohort_id": str(cohort.pk), "placement_type": "two_day"},
        "placement_move": {"placement_id": str(placement.pk)},
        "placement_cancel": {"placement_id": str(placement.pk)},
        "officer_calendar": {"token": str(officer.calendar_token)},
        "partner_calendar": {"token": str(PartnerContactFactory().calendar_token)},
    }


POST_MATRIX = {
    "allocation_cohorts": ALLOCATION_PAGE,
    "allocation_cohort": ALLOCATION_PAGE,
    "allocation_review": ALLOCATION_PAGE,
    # the officer at risk is not placed (no partner has anyone to confirm), and the re-allocation is logged
    "allocation_reallocate": allocating(saved("→allocation_cohort")),
    "placement_accept_for_partner": allocating(saved("→allocation_cohort")),
    "allocation_run": allocating(saved("→allocation_review")),  # a run is logged
    "allocation_confirm": allocating(saved("→allocation_review")),  # confirms the proposed placement
    "placement_move": allocating("200"),  # no organisation chosen: the move page again, told so by the field
    "placement_cancel": allocating(saved("→allocation_review")),
    "my_placements": MATRIX["my_placements"],
    # calendar feeds answer any method alike
    "officer_calendar": PUBLIC_PAGE,
    "partner_calendar": PUBLIC_PAGE,
    "officer_calendar_rotate": by_persona(
        "403", anonymous=LOGIN, staff_without_mfa=MFA, student_officer=saved("→my_placements")
    ),
}
POST_DATA = {
    "placement_cancel": {"reason": "The officer has left the cohort."},
    "placement_accept_for_partner": {"reason": "Agreed by phone with the manager."},
}
