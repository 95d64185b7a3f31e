"""What the volunteers back office exports, column by column (issue 8)."""

from kentplacements.spreadsheets import ExportResource, column, date_column, datetime_column, yes_no_column

from .models import GrantedPower, RecruitmentCampaign, TrainingAttendance, VolunteerApplication


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
        )


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
