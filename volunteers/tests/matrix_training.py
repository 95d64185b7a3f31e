"""The training and designated-power pages in the permission matrix (issue 11). The
recruitment team alone keeps the training and grants powers; everyone else is refused."""

from tests.matrix import LOGIN, MFA, by_persona, saved

from .factories import TraineeFactory, training_course, volunteer_with_a_power

TEAM_ONLY = by_persona("403", anonymous=LOGIN, staff_without_mfa=MFA, recruiter="200")
# a button or a form shown on another page: GET is refused once the person is known to be on the team
POSTED_ONLY = by_persona("403", anonymous=LOGIN, staff_without_mfa=MFA, recruiter="405")
BACK_TO_TRAINING = "→volunteer_staff_training"

TRAINING_MATRIX = {
    "volunteer_staff_training": TEAM_ONLY,
    "volunteer_staff_training_set_up": POSTED_ONLY,
    "volunteer_staff_training_session": TEAM_ONLY,
    "volunteer_staff_training_register": POSTED_ONLY,
    "volunteer_staff_complete_training": POSTED_ONLY,
    "volunteer_staff_grant_power": POSTED_ONLY,
    "volunteer_staff_withdraw_power": TEAM_ONLY,
}
TRAINING_POST_MATRIX = {
    # the course is set up already: back to its page, nothing made twice
    "volunteer_staff_training_set_up": by_persona(
        "403", anonymous=LOGIN, staff_without_mfa=MFA, recruiter=BACK_TO_TRAINING
    ),
    # empty forms: the page again with the errors next to the fields, nothing saved
    "volunteer_staff_training_session": TEAM_ONLY,
    "volunteer_staff_grant_power": TEAM_ONLY,
    "volunteer_staff_withdraw_power": TEAM_ONLY,
    # a register with nobody ticked: the trainee did not attend that weekend
    "volunteer_staff_training_register": by_persona(
        "403", anonymous=LOGIN, staff_without_mfa=MFA, recruiter=saved(BACK_TO_TRAINING)
    ),
    # the trainee has not attended every weekend: told so on the training page, nothing changed
    "volunteer_staff_complete_training": by_persona(
        "403", anonymous=LOGIN, staff_without_mfa=MFA, recruiter=BACK_TO_TRAINING
    ),
}


def training_url_arguments(people):
    trainee = TraineeFactory()
    weekend = training_course(trainee.campaign).sessions.first()
    volunteer = volunteer_with_a_power()
    on_campaign = {"campaign_id": trainee.campaign_id}
    return {
        "volunteer_staff_training": on_campaign,
        "volunteer_staff_training_set_up": on_campaign,
        "volunteer_staff_training_session": {"session_id": weekend.pk},
        "volunteer_staff_training_register": {"session_id": weekend.pk},
        "volunteer_staff_complete_training": {"application_id": trainee.pk},
        "volunteer_staff_grant_power": {"application_id": volunteer.pk},
        "volunteer_staff_withdraw_power": {"grant_id": volunteer.granted_powers.get().pk},
    }
