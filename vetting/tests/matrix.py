"""Vetting's rows of the permission matrix (tests/test_permission_matrix.py).

References (issue 10): the referee's page is open to whoever holds the link (no account);
the staff references page to the recruitment team and the vetting officer alone."""

from placements.enums import ApplicationStatus
from placements.tests.work_experience_factories import ApplicationFactory
from tests.matrix import LOGIN, MFA, PUBLIC_PAGE, by_persona, saved

from .references import ask_for_reference, emailed_token

REFERENCE_READERS = by_persona("403", anonymous=LOGIN, staff_without_mfa=MFA, recruiter="200", vetting_officer="200")

MATRIX = {
    "reference_form": PUBLIC_PAGE,
    "reference_list": REFERENCE_READERS,
    "record_references": REFERENCE_READERS,
    # a POST button on the references page
    "withdraw_reference": by_persona(
        "403", anonymous=LOGIN, staff_without_mfa=MFA, recruiter="405", vetting_officer="405"
    ),
}


def url_arguments(people):
    application = ApplicationFactory(status=ApplicationStatus.VETTING)
    reference = ask_for_reference(people["recruiter"], application, referee_email="matrix.referee@example.org")
    ids = {
        "reference_form": {"token": emailed_token(reference)},
        "record_references": {"content_type_id": reference.content_type_id, "object_id": application.pk},
        "withdraw_reference": {"reference_id": reference.pk},
    }
    return {name: {key: str(value) for key, value in kwargs.items()} for name, kwargs in ids.items()}


POST_MATRIX = {
    # an empty form: its errors again, nothing saved
    "reference_form": PUBLIC_PAGE,
    "record_references": REFERENCE_READERS,
    "withdraw_reference": by_persona(
        "403",
        anonymous=LOGIN,
        staff_without_mfa=MFA,
        recruiter=saved("→record_references"),
        vetting_officer=saved("→record_references"),
    ),
}
POST_DATA = {}
