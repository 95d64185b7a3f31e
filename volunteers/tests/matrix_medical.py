"""The fitness test and medical certificate pages in the permission matrix (issue 11).
The recruitment team alone books and records the test and sees the certificate; the
applicant uploads to their own application (``volunteer_applicant`` owns the one at the
medical step), and another person's is a 404."""

from django.core.files.uploadedfile import SimpleUploadedFile

from tests.matrix import LOGIN, MFA, by_persona, saved
from volunteers.services.medical import upload_medical_certificate

from .factories import MEDICAL_PDF, interviewed_application

TEAM_ONLY = by_persona("403", anonymous=LOGIN, staff_without_mfa=MFA, recruiter="200")
UPLOAD = by_persona("404", anonymous=LOGIN, staff_without_mfa=MFA, volunteer_applicant="200")

MEDICAL_MATRIX = {
    "volunteer_fitness_book": TEAM_ONLY,
    "volunteer_fitness_result": TEAM_ONLY,
    "volunteer_medical_file": TEAM_ONLY,
    "volunteer_medical_another": TEAM_ONLY,
    # a button: GET is refused once the person is known to be on the team
    "volunteer_medical_accept": by_persona("403", anonymous=LOGIN, staff_without_mfa=MFA, recruiter="405"),
    "volunteer_medical_upload": UPLOAD,
}
# Empty forms: the page again with the errors next to the fields, nothing saved.
MEDICAL_POST_MATRIX = {
    "volunteer_fitness_book": TEAM_ONLY,
    "volunteer_fitness_result": TEAM_ONLY,
    "volunteer_medical_another": TEAM_ONLY,
    "volunteer_medical_accept": by_persona(
        "403", anonymous=LOGIN, staff_without_mfa=MFA, recruiter=saved("→volunteer_staff_application")
    ),
    "volunteer_medical_upload": UPLOAD,
}


def medical_url_arguments(people):
    waiting = interviewed_application(fitness=False, applicant=people["volunteer_applicant"])
    checked = interviewed_application(fitness=False)
    upload = SimpleUploadedFile("certificate.pdf", MEDICAL_PDF)
    upload_medical_certificate(checked, by=checked.applicant, upload=upload)
    on_team = {"application_id": checked.pk}
    return {
        "volunteer_fitness_book": {"application_id": waiting.pk},
        "volunteer_fitness_result": {"application_id": waiting.pk},
        "volunteer_medical_file": on_team,
        "volunteer_medical_accept": on_team,
        "volunteer_medical_another": on_team,
        "volunteer_medical_upload": {"application_id": waiting.pk},
    }
