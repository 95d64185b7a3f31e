"""Permission-matrix rows for the placement days: escorting officers' pages, the
supervisors' participant page and daily register, and the applicant's attendance
confirmation and diary."""

from datetime import datetime

from django.utils import timezone

from placements.enums import ApplicationStatus
from tests.matrix import LOGIN, MFA, by_persona, saved

from .work_experience_factories import ApplicationFactory

# Applications opened well before they closed (31 May 2027), so a test may move the clock
# to the placement days themselves.
APPLICATIONS_OPENED = timezone.make_aware(datetime(2027, 3, 1, 9, 0))


def on_placement(**fields):
    """A confirmed application whose joining instructions have gone: its days are ahead."""
    defaults = {"status": ApplicationStatus.CONFIRMED, "joining_instructions_sent_at": timezone.now()}
    if "programme" not in fields:
        defaults["programme__applications_open_at"] = APPLICATIONS_OPENED
    return ApplicationFactory(**{**defaults, **fields})


def awaiting_attendance(**fields):
    """Joining instructions sent, the place waiting for the applicant to confirm they will
    attend (protocol 3.3.2): the step before confirmed."""
    return on_placement(**{"status": ApplicationStatus.AGREEMENT_PENDING, **fields})


def only(*personas, otherwise="403"):
    return by_persona(otherwise, anonymous=LOGIN, staff_without_mfa=MFA, **dict.fromkeys(personas, "200"))


MATRIX = {
    "escort_participants": only("escorting_officer", "recruiter"),
    "escort_participant": only("escorting_officer", "recruiter"),
    "staff_participant": only("recruiter"),
    "attendance_register": only("recruiter"),
    "confirm_attendance": only("applicant"),
    "work_experience_diary": only("applicant"),
}


def url_arguments(people):
    escorted = on_placement(escorting_officer=people["escorting_officer"])
    own = on_placement(applicant=people["applicant"])
    answering = awaiting_attendance(applicant=people["applicant"])
    return {
        "escort_participant": {"application_id": str(escorted.pk)},
        "staff_participant": {"application_id": str(escorted.pk)},
        "attendance_register": {
            "programme_id": str(escorted.programme_id),
            "day": escorted.programme.starts_on.isoformat(),
        },
        "confirm_attendance": {"application_id": str(answering.pk)},
        "work_experience_diary": {"application_id": str(own.pk)},
    }


POST_MATRIX = {
    # the forms on these pages come back with their errors
    **{key: MATRIX[key] for key in ("escort_participants", "escort_participant", "staff_participant")},
    **{key: MATRIX[key] for key in ("attendance_register", "work_experience_diary")},
    "confirm_attendance": by_persona("403", anonymous=LOGIN, staff_without_mfa=MFA, applicant=saved("200")),
}
POST_DATA = {}
