"""What the volunteers back office exports, column by column (issue 8)."""

from kentplacements.spreadsheets import ExportResource, column, datetime_column

from .models import RecruitmentCampaign


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
