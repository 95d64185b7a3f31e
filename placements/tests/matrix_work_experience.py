"""Work experience's rows of the permission matrix (tests/test_permission_matrix.py).

The persona ``applicant`` owns one application; anyone else who opens it is told it
does not exist (404), never that it is someone else's."""

from placements.enums import ApplicationStatus
from placements.models import ExpressionOfInterest
from tests.matrix import LOGIN, MFA, PUBLIC_PAGE, SIGNED_IN, audience, by_persona, saved

from .work_experience_factories import ApplicationFactory, ProgrammeFactory

OWN_APPLICATION = by_persona("404", anonymous=LOGIN, staff_without_mfa=MFA, applicant="200")
# The recruitment team runs the programmes (protocol 3.2.1); the Head of Resourcing looks on (7.1).
RECRUITMENT = by_persona("403", anonymous=LOGIN, staff_without_mfa=MFA, recruiter="200", head_of_resourcing="200")

# Issue 10: the recruitment team moves an application on; the Head of Resourcing reads it (2.3).
APPLICATION_DECISION = by_persona("403", anonymous=LOGIN, staff_without_mfa=MFA, recruiter="200")
DECIDED = by_persona("403", anonymous=LOGIN, staff_without_mfa=MFA, recruiter=saved("→we_staff_application"))

MATRIX = {
    "we_index": PUBLIC_PAGE,
    "we_interest": PUBLIC_PAGE,
    "we_unsubscribe": PUBLIC_PAGE,
    "we_programme": PUBLIC_PAGE,
    # anyone with an account may apply
    "we_apply": SIGNED_IN,
    "we_my_applications": SIGNED_IN,
    "we_withdraw": OWN_APPLICATION,
    "we_programme_dashboard": RECRUITMENT,
    "we_programmes": RECRUITMENT,
    # the vetting officer reads the application they vet (issue 10)
    "we_staff_application": by_persona(
        "403", anonymous=LOGIN, staff_without_mfa=MFA, recruiter="200", head_of_resourcing="200", vetting_officer="200"
    ),
    "we_staff_decline": APPLICATION_DECISION,
    "we_staff_discontinue": APPLICATION_DECISION,
    # protocol 2.3: the Head of Resourcing, and only that role
    "we_staff_exception": by_persona("403", anonymous=LOGIN, staff_without_mfa=MFA, head_of_resourcing="200"),
    # a button: it only posts
    "we_staff_move": by_persona("403", anonymous=LOGIN, staff_without_mfa=MFA, recruiter="405"),
}


def url_arguments(people):
    programme = ProgrammeFactory()
    application = ApplicationFactory(programme=ProgrammeFactory(), applicant=people["applicant"])
    # sent, and shortlisted: every step of the staff pages can be taken on it
    shortlisted = ApplicationFactory(programme=programme, status=ApplicationStatus.SHORTLISTED)
    interest = ExpressionOfInterest.objects.create(full_name="Ivy Interested", email="ivy@example.org")
    ids = {
        "we_unsubscribe": {"token": interest.unsubscribe_token},
        "we_programme": {"programme_id": programme.pk},
        "we_apply": {"programme_id": programme.pk},
        "we_withdraw": {"application_id": application.pk},
        "we_programme_dashboard": {"programme_id": programme.pk},
        "we_staff_application": {"application_id": shortlisted.pk},
        "we_staff_decline": {"application_id": shortlisted.pk},
        "we_staff_discontinue": {"application_id": shortlisted.pk},
        "we_staff_exception": {"application_id": shortlisted.pk},
        "we_staff_move": {"application_id": shortlisted.pk, "move": "start_vetting"},
    }
    return {name: {key: str(value) for key, value in kwargs.items()} for name, kwargs in ids.items()}


POST_MATRIX = {
    "we_interest": PUBLIC_PAGE,  # the interest form, with its errors
    # the button on the page the link opens: whoever holds the link unsubscribes
    "we_unsubscribe": audience(saved("200"), saved("200"), saved("200")),
    # an empty "Save draft" keeps a draft
    "we_apply": audience(LOGIN, saved("200"), saved("200")),
    "we_withdraw": by_persona("404", anonymous=LOGIN, staff_without_mfa=MFA, applicant=saved("→we_my_applications")),
    "we_staff_decline": DECIDED,
    "we_staff_discontinue": DECIDED,
    "we_staff_move": DECIDED,
    "we_staff_exception": by_persona(
        "403", anonymous=LOGIN, staff_without_mfa=MFA, head_of_resourcing=saved("→we_staff_application")
    ),
}
POST_DATA = {
    "we_staff_decline": {"reason": "conduct", "note": "Abusive emails to the team."},
    "we_staff_discontinue": {"reason": "Abusive language to an officer."},
    "we_staff_exception": {"rule": "capacity", "rationale": "The school's only applicant this year."},
}
