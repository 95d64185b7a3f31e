"""Vetting and the offer in the permission matrix (issue 11). The recruitment team alone
starts vetting; the candidate alone answers their offer (``volunteer_applicant`` owns an
offered application, whose acceptance is tried, and a submitted one, whose decline page
sends them back to their applications: its page for an offer is in test_offer_pages);
another person's is a 404."""

from tests.matrix import LOGIN, MFA, by_persona, saved

from .factories import VolunteerApplicationFactory, interviewed_application, offered_application

MY_APPLICATIONS = "→volunteer_my_applications"
OWNER_SENT_BACK = by_persona("404", anonymous=LOGIN, staff_without_mfa=MFA, volunteer_applicant=MY_APPLICATIONS)

OFFER_MATRIX = {
    # buttons: GET is refused once the person is known to be allowed
    "volunteer_staff_start_vetting": by_persona("403", anonymous=LOGIN, staff_without_mfa=MFA, recruiter="405"),
    "volunteer_offer_accept": by_persona("405", anonymous=LOGIN, staff_without_mfa=MFA),
    "volunteer_offer_decline": OWNER_SENT_BACK,
}
OFFER_POST_MATRIX = {
    "volunteer_staff_start_vetting": by_persona(
        "403", anonymous=LOGIN, staff_without_mfa=MFA, recruiter=saved("→volunteer_staff_application")
    ),
    "volunteer_offer_accept": by_persona(
        "404", anonymous=LOGIN, staff_without_mfa=MFA, volunteer_applicant=saved(MY_APPLICATIONS)
    ),
    # no offer to decline: told so on their applications page, nothing changed
    "volunteer_offer_decline": OWNER_SENT_BACK,
}


def offer_url_arguments(people):
    owner = people["volunteer_applicant"]
    due = interviewed_application(fitness=False, medical=False)
    return {
        "volunteer_staff_start_vetting": {"application_id": due.pk},
        "volunteer_offer_accept": {"application_id": offered_application(applicant=owner).pk},
        "volunteer_offer_decline": {"application_id": VolunteerApplicationFactory(applicant=owner).pk},
    }
