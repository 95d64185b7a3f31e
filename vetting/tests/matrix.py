"""Vetting's rows of the permission matrix (tests/test_permission_matrix.py).

The vetting officer alone opens vetting's pages (DOMAIN.md §1: "the only role that sees
vetting detail"). The persona ``applicant`` is the participant of one agreement: anyone else
who opens it is told it does not exist (404). The guardian has no account: whoever holds the
consent link reads the agreement and may sign (their link is their key), and downloads it
while the link is valid. References (issue 10): the referee's page is open to whoever holds
the link (no account); the staff references page to the recruitment team and the vetting
officer alone."""

from django.contrib.contenttypes.models import ContentType

from placements.enums import ApplicationStatus
from placements.tests.work_experience_factories import ApplicationFactory
from tests.factories import UserFactory
from tests.matrix import LOGIN, MFA, PUBLIC_PAGE, by_persona, saved
from vetting.enums import WORK_EXPERIENCE_CHECKS
from vetting.services.checks import request_checks

from .agreement_helpers import consent_token, pending_application
from .references import ask_for_reference, emailed_token

OWN_AGREEMENT = by_persona("404", anonymous=LOGIN, staff_without_mfa=MFA, applicant="200")
REFERENCE_READERS = by_persona("403", anonymous=LOGIN, staff_without_mfa=MFA, recruiter="200", vetting_officer="200")
VETTING_OFFICER_ONLY = by_persona("403", anonymous=LOGIN, staff_without_mfa=MFA, vetting_officer="200")

MATRIX = {
    "reference_form": PUBLIC_PAGE,
    "reference_list": REFERENCE_READERS,
    "record_references": REFERENCE_READERS,
    "withdraw_reference": by_persona(
        "403", anonymous=LOGIN, staff_without_mfa=MFA, recruiter="405", vetting_officer="405"
    ),
    "vetting_records": VETTING_OFFICER_ONLY,
    "vetting_record": VETTING_OFFICER_ONLY,
    "agreement_sign": OWN_AGREEMENT,
    # the participant and the recruitment team (protocol 3.2.1) download the signed PDF
    "agreement_download": by_persona("404", anonymous=LOGIN, staff_without_mfa=MFA, applicant="200", recruiter="200"),
    "guardian_consent": PUBLIC_PAGE,
    "guardian_agreement_download": PUBLIC_PAGE,
    # anyone shown an agreement may check it, signed in or not (issue 10)
    "agreement_verify": PUBLIC_PAGE,
}


def url_arguments(people):
    # An application in vetting, for the vetting officer's record page.
    application = ApplicationFactory(status=ApplicationStatus.VETTING)
    request_checks(application, WORK_EXPERIENCE_CHECKS, by=UserFactory())
    content_type = ContentType.objects.get_for_model(application)
    # A ready agreement (downloads) whose consent link is still valid, signed by both.
    from vetting.services.agreements import Evidence, sign_as_guardian, sign_as_participant, store_agreement_pdf

    _, ready = pending_application(people["recruiter"], applicant=people["applicant"])
    token = consent_token(ready)
    evidence = Evidence(ip_address=None, user_agent="")
    shown = ready.version.text_sha256
    sign_as_participant(ready, user=people["applicant"], name="Alex Applicant", shown_sha256=shown, evidence=evidence)
    sign_as_guardian(token, name="Pat Parent", shown_sha256=shown, evidence=evidence)
    store_agreement_pdf(ready, b"%PDF-1.7 the agreement")
    # One still to sign, for the signing pages.
    _, to_sign = pending_application(people["recruiter"], applicant=people["applicant"])
    reference = ask_for_reference(people["recruiter"], application, referee_email="matrix.referee@example.org")
    ids = {
        "reference_form": {"token": emailed_token(reference)},
        "record_references": {"content_type_id": reference.content_type_id, "object_id": application.pk},
        "withdraw_reference": {"reference_id": reference.pk},
        "vetting_record": {"content_type_id": content_type.pk, "object_id": application.pk},
        "agreement_sign": {"agreement_id": to_sign.pk},
        "agreement_download": {"agreement_id": ready.pk},
        "guardian_consent": {"token": consent_token(to_sign)},
        "guardian_agreement_download": {"token": token},
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
    # an empty POST: refused as the GET is; the vetting officer gets the page again, nothing recorded
    "vetting_records": VETTING_OFFICER_ONLY,
    "vetting_record": VETTING_OFFICER_ONLY,
    # an empty POST: the form again, with its errors; nothing signed
    "agreement_sign": OWN_AGREEMENT,
    "guardian_consent": PUBLIC_PAGE,
    # the verify page answers an empty POST with the form and its error, changing nothing
    "agreement_verify": PUBLIC_PAGE,
    # downloads are GET only: signed-in people are told so before anything is looked up
    "agreement_download": by_persona("405", anonymous=LOGIN, staff_without_mfa=MFA),
}
POST_DATA = {}
