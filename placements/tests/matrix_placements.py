"""Permission-matrix rows for allocation, the officer's own placements and calendars."""

from tests.matrix import LOGIN, MFA, PUBLIC_PAGE, audience, by_persona

from .factories import CohortFactory, PartnerContactFactory, StudentOfficerFactory

# The Diversity Placements Officer allocates; the Head of Resourcing may look.
ALLOCATION_PAGE = by_persona(
    "403", anonymous=LOGIN, staff_without_mfa=MFA, diversity_officer="200", head_of_resourcing="200"
)
POST_ONLY = audience("405", "405", "405")

MATRIX = {
    "allocation_cohorts": ALLOCATION_PAGE,
    "allocation_review": ALLOCATION_PAGE,
    "allocation_run": POST_ONLY,
    "allocation_confirm": POST_ONLY,
    "placement_move": POST_ONLY,
    "placement_cancel": POST_ONLY,
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
    return {
        "allocation_review": {"cohort_id": str(cohort.pk), "placement_type": "two_day"},
        "allocation_run": {"cohort_id": str(cohort.pk), "placement_type": "two_day"},
        "allocation_confirm": {"cohort_id": str(cohort.pk), "placement_type": "two_day"},
        "officer_calendar": {"token": str(officer.calendar_token)},
        "partner_calendar": {"token": str(PartnerContactFactory().calendar_token)},
    }
