"""Volunteer recruitment's rows of the permission matrix (tests/test_permission_matrix.py).

Anyone reads the campaigns; applying and one's own applications need an account, and
another person's application is a 404 (the persona ``volunteer_applicant`` owns the one
in the matrix). The recruitment team alone works on applications (DOMAIN.md §1)."""

from tests.matrix import LOGIN, MFA, PUBLIC_PAGE, SIGNED_IN, by_persona, saved

from .factories import InterviewSlotFactory, ShortlistedApplicationFactory, VolunteerApplicationFactory
from .matrix_dashboard import DASHBOARD_MATRIX, dashboard_url_arguments
from .matrix_hours import HOURS_MATRIX, HOURS_POST_MATRIX, hours_url_arguments
from .matrix_medical import MEDICAL_MATRIX, MEDICAL_POST_MATRIX, medical_url_arguments
from .matrix_offer import OFFER_MATRIX, OFFER_POST_MATRIX, offer_url_arguments
from .matrix_training import TRAINING_MATRIX, TRAINING_POST_MATRIX, training_url_arguments

OWN_APPLICATION = by_persona("404", anonymous=LOGIN, staff_without_mfa=MFA, volunteer_applicant="200")
TEAM_ONLY = by_persona("403", anonymous=LOGIN, staff_without_mfa=MFA, recruiter="200")

OWNER_SENT_BACK = by_persona(
    "404", anonymous=LOGIN, staff_without_mfa=MFA, volunteer_applicant="→volunteer_my_applications"
)
# the owner of the live application is sent to their applications rather than apply twice
APPLY = by_persona("200", anonymous=LOGIN, staff_without_mfa=MFA, volunteer_applicant="→volunteer_my_applications")

MATRIX = {
    "volunteer_campaigns": PUBLIC_PAGE,
    "volunteer_campaign": PUBLIC_PAGE,
    "volunteer_apply": APPLY,
    "volunteer_my_applications": SIGNED_IN,
    "volunteer_withdraw": OWN_APPLICATION,
    "volunteer_staff_campaigns": TEAM_ONLY,
    "volunteer_staff_applications": TEAM_ONLY,
    # issue 11: the vetting officer reads the application they vet (its checks link to it)
    "volunteer_staff_application": by_persona(
        "403", anonymous=LOGIN, staff_without_mfa=MFA, recruiter="200", vetting_officer="200"
    ),
    # a button: GET is refused once the person is known to be on the team
    "volunteer_staff_shortlist": by_persona("403", anonymous=LOGIN, staff_without_mfa=MFA, recruiter="405"),
    # interviews (issue 11): the owner's application is not shortlisted yet (as in the demo),
    # so they are sent back to their applications; the shortlisted owner's page: test_interview_pages
    "volunteer_interview": OWNER_SENT_BACK,
    "volunteer_interview_cancel": by_persona("405", anonymous=LOGIN, staff_without_mfa=MFA),
    "volunteer_staff_interviews": TEAM_ONLY,
    "volunteer_staff_interview_outcome": by_persona("403", anonymous=LOGIN, staff_without_mfa=MFA, recruiter="405"),
    **MEDICAL_MATRIX,
    **OFFER_MATRIX,
    **DASHBOARD_MATRIX,
    **TRAINING_MATRIX,
    **HOURS_MATRIX,
}


def url_arguments(people):
    application = VolunteerApplicationFactory(applicant=people["volunteer_applicant"])
    shortlisted = ShortlistedApplicationFactory()
    InterviewSlotFactory(campaign=shortlisted.campaign)
    ids = {
        "volunteer_campaign": {"campaign_id": application.campaign_id},
        "volunteer_apply": {"campaign_id": application.campaign_id},
        "volunteer_withdraw": {"application_id": application.pk},
        "volunteer_staff_application": {"application_id": application.pk},
        "volunteer_staff_shortlist": {"application_id": application.pk},
        "volunteer_interview": {"application_id": application.pk},
        "volunteer_interview_cancel": {"application_id": application.pk},
        "volunteer_staff_interviews": {"campaign_id": shortlisted.campaign_id},
        "volunteer_staff_interview_outcome": {"application_id": shortlisted.pk},
    }
    ids |= medical_url_arguments(people)
    ids |= offer_url_arguments(people)
    ids |= dashboard_url_arguments(people)
    ids |= training_url_arguments(people)
    ids |= hours_url_arguments(people)
    return {name: {key: str(value) for key, value in kwargs.items()} for name, kwargs in ids.items()}


POST_MATRIX = {
    # an empty application: the form again with its errors, nothing saved
    "volunteer_apply": APPLY,
    "volunteer_withdraw": by_persona(
        "404", anonymous=LOGIN, staff_without_mfa=MFA, volunteer_applicant=saved("→volunteer_my_applications")
    ),
    # an empty reason: the page again with the error next to the field, nothing rejected
    "volunteer_staff_application": TEAM_ONLY,
    "volunteer_staff_shortlist": by_persona(
        "403", anonymous=LOGIN, staff_without_mfa=MFA, recruiter=saved("→volunteer_staff_application")
    ),
    "volunteer_interview": OWNER_SENT_BACK,
    # nothing booked to cancel: told so on their applications page, nothing changed
    "volunteer_interview_cancel": OWNER_SENT_BACK,
    # an empty publishing form or outcome: the page again with the errors, nothing saved
    "volunteer_staff_interviews": TEAM_ONLY,
    "volunteer_staff_interview_outcome": TEAM_ONLY,
    **MEDICAL_POST_MATRIX,
    **OFFER_POST_MATRIX,
    **TRAINING_POST_MATRIX,
    **HOURS_POST_MATRIX,
}
POST_DATA = {}
