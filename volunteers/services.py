"""Recruitment campaigns (seed 002): one function per state change (STYLE.md); each
checks CAMPAIGN_WORKFLOW, writes inside a transaction and records the action. Volunteer
applications, and the emails about them, arrive with the volunteers issue."""

from django.db import transaction

from accounts.audit import record_action

from .enums import CAMPAIGN_WORKFLOW, CampaignStatus
from .models import RecruitmentCampaign


def _move(campaign, target, *, by, action) -> RecruitmentCampaign:
    campaign = RecruitmentCampaign.objects.select_for_update().get(pk=campaign.pk)
    CAMPAIGN_WORKFLOW.check(campaign.status, target)
    previous, campaign.status = campaign.status, target
    campaign.save(update_fields=["status"])
    record_action(campaign, action=action, by=by, from_state=previous, to_state=target)
    return campaign


@transaction.atomic
def open_campaign(campaign, *, by) -> RecruitmentCampaign:
    return _move(campaign, CampaignStatus.OPEN, by=by, action="open")


@transaction.atomic
def close_campaign(campaign, *, by) -> RecruitmentCampaign:
    return _move(campaign, CampaignStatus.CLOSED, by=by, action="close")
