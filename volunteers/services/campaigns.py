"""Recruitment campaigns (seed 002): one function per state change (STYLE.md); each
checks CAMPAIGN_WORKFLOW, writes inside a transaction and records the action. Volunteer
applications are in applications.py."""

from django.db import transaction

from accounts.audit import move_status

from ..enums import CAMPAIGN_WORKFLOW, CampaignStatus
from ..models import RecruitmentCampaign


def _move(campaign, target, *, by, action) -> RecruitmentCampaign:
    campaign = RecruitmentCampaign.objects.select_for_update().get(pk=campaign.pk)
    move_status(campaign, target, workflow=CAMPAIGN_WORKFLOW, by=by, action=action)
    return campaign


@transaction.atomic
def open_campaign(campaign, *, by) -> RecruitmentCampaign:
    return _move(campaign, CampaignStatus.OPEN, by=by, action="open")


@transaction.atomic
def close_campaign(campaign, *, by) -> RecruitmentCampaign:
    return _move(campaign, CampaignStatus.CLOSED, by=by, action="close")
