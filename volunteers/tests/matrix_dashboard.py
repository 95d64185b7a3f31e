"""A campaign's dashboard and its CSV in the permission matrix (issue 11): the recruitment
team's alone, as every staff page of volunteer recruitment."""

from tests.matrix import LOGIN, MFA, by_persona

from .factories import OpenCampaignFactory

TEAM_ONLY = by_persona("403", anonymous=LOGIN, staff_without_mfa=MFA, recruiter="200")

DASHBOARD_MATRIX = {
    "volunteer_staff_dashboard": TEAM_ONLY,
    "volunteer_staff_dashboard_csv": TEAM_ONLY,
}


def dashboard_url_arguments(people):
    campaign = {"campaign_id": OpenCampaignFactory().pk}
    return {name: campaign for name in DASHBOARD_MATRIX}
