"""Work experience's rows of the permission matrix (tests/test_permission_matrix.py).

The persona ``applicant`` owns one application; anyone else who opens it is told it
does not exist (404), never that it is someone else's."""

from placements.models import ExpressionOfInterest
from tests.matrix import LOGIN, MFA, PUBLIC_PAGE, SIGNED_IN, audience, by_persona, saved

from .work_experience_factories import ApplicationFactory, ProgrammeFactory

OWN_APPLICATION = by_persona("404", anonymous=LOGIN, staff_without_mfa=MFA, applicant="200")
# The recruitment team runs the programmes (protocol 3.2.1); the Head of Resourcing looks on (7.1).
RECRUITMENT = by_persona("403", anonymous=LOGIN, staff_without_mfa=MFA, recruiter="200", head_of_resourcing="200")

MATRIX = {
    "we_index": PUBLIC_PAGE,
    "we_unsubscribe": PUBLIC_PAGE,
    "we_programme": PUBLIC_PAGE,
    # anyone with an account may apply
    "we_apply": SIGNED_IN,
    "we_my_applications": SIGNED_IN,
    "we_withdraw": OWN_APPLICATION,
    "we_programme_dashboard": RECRUITMENT,
    "we_programmes": RECRUITMENT,
}


def url_arguments(people):
    programme = ProgrammeFactory()
    application = ApplicationFactory(programme=ProgrammeFactory(), applicant=people["applicant"])
    interest = ExpressionOfInterest.objects.create(full_name="Ivy Interested", email="ivy@example.org")
    ids = {
        "we_unsubscribe": {"token": interest.unsubscribe_token},
        "we_programme": {"programme_id": programme.pk},
        "we_apply": {"programme_id": programme.pk},
        "we_withdraw": {"application_id": application.pk},
        "we_programme_dashboard": {"programme_id": programme.pk},
    }
    return {name: {key: str(value) for key, value in kwargs.items()} for name, kwargs in ids.items()}


POST_MATRIX = {
    "we_index": PUBLIC_PAGE,  # the interest form, with its errors
    # the button on the page the link opens: whoever holds the link unsubscribes
    "we_unsubscribe": audience(saved("200"), saved("200"), saved("200")),
    # an empty "Save draft" keeps a draft
    "we_apply": audience(LOGIN, saved("200"), saved("200")),
    "we_withdraw": by_persona("404", anonymous=LOGIN, staff_without_mfa=MFA, applicant=saved("→we_my_applications")),
}
POST_DATA = {}
