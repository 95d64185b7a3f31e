"""What the volunteers back office exports, column by column (issue 8)."""

from kentplacements.spreadsheets import ExportResource, column, date_column, datetime_column, yes_no_column

from .models import RecruitmentCampaign, VolunteerApplication


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
