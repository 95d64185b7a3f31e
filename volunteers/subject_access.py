"""What volunteers holds about a person, for subject access and erasure (accounts.personal_data,
issue 13): applications, interviews, fitness tests, medical certificates, training, powers
and hours."""

from datetime import date

from accounts.personal_data import Ending, PersonalData, register
from vetting.subject_access import CLOSED_WITH_IT, check_entry

from .enums import APPLICATION_WORKFLOW, VolunteerApplicationStatus
from .models import VolunteerApplication
from .services.applications import withdraw_for_erasure

APPLICANT = "application__applicant"
# The column is required; a date nobody applying is born on stands for "erased".
ERASED_BIRTH_DATE = date(1900, 1, 1)
SERVICE_KEPT = (
    "A volunteer's training, designated powers and hours are the record of what they were authorised"
    " to do as a volunteer of the force, kept for its retention period (seed 002); they name the"
    " person only through the application, which is anonymised."
)


def _applications(user):
    return VolunteerApplication.objects.filter(applicant=user)


register(
    PersonalData(
        "volunteers.VolunteerApplication",
        "Volunteer applications",
        fields=(
            "campaign",
            "status",
            "date_of_birth",
            "lives_or_works_in_area",
            "can_give_hours",
            "right_to_volunteer",
            "motivation",
            "availability",
            "rejection_reason",
            "submitted_at",
        ),
        user="applicant",
        erase={"date_of_birth": ERASED_BIRTH_DATE, "motivation": "", "availability": ""},
        # an active volunteer's application has no move left: it is their service record (below)
        ending=Ending(
            live=lambda rows: rows.filter(
                status__in=APPLICATION_WORKFLOW.leading_to(VolunteerApplicationStatus.WITHDRAWN)
            ),
            end=withdraw_for_erasure,
            noun="volunteer application",
            ended_as="withdrawn",
            then=f"a booked interview time is free for another candidate; {CLOSED_WITH_IT}",
        ),
    ),
    check_entry("Vetting checks on volunteer applications", VolunteerApplication, _applications),
    PersonalData(
        "volunteers.InterviewSlot",
        "Volunteer interviews",
        fields=("starts_at", "ends_at", "location"),
        user=APPLICANT,
        kept="An interview time is part of the campaign's timetable; it names the person only through the"
        " application, which is anonymised.",
    ),
    PersonalData(
        "volunteers.FitnessTest",
        "Fitness tests",
        fields=("booked_for", "place", "result", "assessor", "recorded_at"),
        user=APPLICANT,
        kept=SERVICE_KEPT,
    ),
    # health details: the certificate's file goes from storage; the row keeps only its status
    PersonalData(
        "volunteers.MedicalCertificate",
        "Medical certificates",
        fields=("status", "another_reason", "uploaded_at", "checked_at", "file"),
        user=APPLICANT,
        files=("file",),
        erase={"another_reason": ""},
    ),
    PersonalData(
        "volunteers.TrainingAttendance",
        "Training attendance",
        fields=("session", "attended", "recorded_at"),
        user=APPLICANT,
        kept=SERVICE_KEPT,
    ),
    PersonalData(
        "volunteers.GrantedPower",
        "Designated powers",
        fields=("power", "granted_on", "withdrawn_on", "withdrawal_reason"),
        user=APPLICANT,
        kept=SERVICE_KEPT,
    ),
    PersonalData(
        "volunteers.DutyLog",
        "Volunteer hours",
        fields=("date", "hours", "activity", "logged_at"),
        user=APPLICANT,
        kept=SERVICE_KEPT,
    ),
)
