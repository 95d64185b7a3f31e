"""What the volunteers back office exports, column by column (issue 8)."""

from kentplacements.spreadsheets import ExportResource, column, date_column, datetime_column, yes_no_column

from .models import DutyLog, RecruitmentCampaign, VolunteerApplication
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
