"""What the volunteers back office exports, column by column (issue 8)."""

from kentplacements.spreadsheets import ExportResource, column, date_column, datetime_column, yes_no_column

from .models import (
    DutyLog,
    FitnessTest,
    GrantedPower,
    InterviewSlot,
    MedicalCertificate,
    RecruitmentCampaign,
    TrainingAttendance,
    VolunteerApplication,
)
from .months import month_name


class RecruitmentCampaignResource(ExportResource):
    role = column("Role", "role")
    area = column("Area", "area")
    opens = datetime_column("Opens", "opens_at")
    closes = datetime_column("Closes", "closes_at")
    status = column("Status", "get_status_display")
    related = ("role",)

    class Meta:
        model = RecruitmentCampaign
        fields = ("role", "area", "opens", "closes", "status")


class VolunteerApplicationResource(ExportResource):
    campaign = column("Campaign", "campaign")
    applicant = column("Applicant", "applicant")
    email = column("Applicant's email", "applicant__email")
    status = column("Status", "get_status_display")
    rejection_reason = column("Why not taken further", "rejection_reason")
    date_of_birth = date_column("Date of birth", "date_of_birth")
    in_area = yes_no_column("Lives or works in the area", "lives_or_works_in_area")
    hours = yes_no_column("Can give the hours", "can_give_hours")
    right_to_volunteer = yes_no_column("Right to volunteer in the UK", "right_to_volunteer")
    motivation = column("Why they want to volunteer", "motivation")
    availability = column("Availability", "availability")
    submitted = datetime_column("Sent", "submitted_at")
    offered = datetime_column("Place offered", "offered_at")
    offer_answered = datetime_column("Offer answered", "offer_answered_at")
    related = ("campaign__role", "applicant")

    class Meta:
        model = VolunteerApplication
        fields = (
            "campaign",
            "applicant",
            "email",
            "status",
            "rejection_reason",
            "date_of_birth",
            "in_area",
            "hours",
            "right_to_volunteer",
            "motivation",
            "availability",
            "submitted",
            "offered",
            "offer_answered",
        )


# --- interviews, fitness tests and medical certificates (issue 11) -------------------------


class InterviewSlotResource(ExportResource):
    campaign = column("Campaign", "campaign")
    starts = datetime_column("Starts", "starts_at")
    ends = datetime_column("Ends", "ends_at")
    location = column("Where", "location")
    candidate = column("Booked by", "application__applicant")
    candidate_status = column("Their application", "application__get_status_display")
    reminded = datetime_column("Reminder sent", "reminded_at")
    related = ("campaign__role", "application__applicant")

    class Meta:
        model = InterviewSlot
        fields = ("campaign", "starts", "ends", "location", "candidate", "candidate_status", "reminded")


class FitnessTestResource(ExportResource):
    campaign = column("Campaign", "application__campaign")
    applicant = column("Applicant", "application__applicant")
    booked_for = datetime_column("Booked for", "booked_for")
    place = column("Place", "place")
    booked_by = column("Booked by", "booked_by")
    result = column("Result", "get_result_display")
    assessor = column("Assessor", "assessor")
    recorded_by = column("Result recorded by", "recorded_by")
    recorded = datetime_column("Result recorded", "recorded_at")
    related = ("application__campaign__role", "application__applicant", "booked_by", "recorded_by")

    class Meta:
        model = FitnessTest
        fields = (
            "campaign",
            "applicant",
            "booked_for",
            "place",
            "booked_by",
            "result",
            "assessor",
            "recorded_by",
            "recorded",
        )


class MedicalCertificateResource(ExportResource):
    """Never the file nor its name (issue 11): who sent one, when, and what the team decided."""

    campaign = column("Campaign", "application__campaign")
    applicant = column("Applicant", "application__applicant")
    status = column("Status", "get_status_display")
    another_reason = column("Why another was asked for", "another_reason")
    uploaded = datetime_column("Uploaded", "uploaded_at")
    checked_by = column("Checked by", "checked_by")
    checked = datetime_column("Checked", "checked_at")
    related = ("application__campaign__role", "application__applicant", "checked_by")

    class Meta:
        model = MedicalCertificate
        fields = ("campaign", "applicant", "status", "another_reason", "uploaded", "checked_by", "checked")


class TrainingAttendanceResource(ExportResource):
    """A training register (issue 11), a row per trainee and weekend."""

    campaign = column("Campaign", "session__course__campaign")
    weekend = datetime_column("Weekend starts", "session__starts_at")
    place = column("Where", "session__location")
    trainee = column("Trainee", "application__applicant")
    email = column("Trainee's email", "application__applicant__email")
    attended = yes_no_column("Attended", "attended")
    recorded_by = column("Recorded by", "recorded_by")
    recorded_at = datetime_column("Recorded", "recorded_at")
    related = ("session__course__campaign__role", "application__applicant", "recorded_by")

    class Meta:
        model = TrainingAttendance
        fields = ("campaign", "weekend", "place", "trainee", "email", "attended", "recorded_by", "recorded_at")


class GrantedPowerResource(ExportResource):
    """Designated powers granted to volunteers (seed 002), withdrawn ones included."""

    volunteer = column("Volunteer", "application__applicant")
    email = column("Volunteer's email", "application__applicant__email")
    campaign = column("Campaign", "application__campaign")
    power = column("Power", "power")
    granted_on = date_column("Granted on", "granted_on")
    granted_by = column("Granted by", "granted_by")
    withdrawn_on = date_column("Withdrawn on", "withdrawn_on")
    withdrawn_by = column("Withdrawn by", "withdrawn_by")
    withdrawal_reason = column("Why withdrawn", "withdrawal_reason")
    related = ("application__applicant", "application__campaign__role", "power", "granted_by", "withdrawn_by")

    class Meta:
        model = GrantedPower
        fields = (
            "volunteer",
            "email",
            "campaign",
            "power",
            "granted_on",
            "granted_by",
            "withdrawn_on",
            "withdrawn_by",
            "withdrawal_reason",
        )


class DutyLogResource(ExportResource):
    """Volunteers' logged duties (issue 11), a line each, the month named as people say it."""

    volunteer = column("Volunteer", "application__applicant")
    campaign = column("Campaign", "application__campaign")
    date = date_column("Date", "date")
    month = column("Month")
    hours = column("Hours", "figure")
    activity = column("What they did", "activity")
    logged = datetime_column("Logged", "logged_at")
    related = ("application__applicant", "application__campaign__role")

    class Meta:
        model = DutyLog
        fields = ("volunteer", "campaign", "date", "month", "hours", "activity", "logged")

    def dehydrate_month(self, duty):
        return month_name(duty.date)
