"""Recruitment campaigns (seed 002): one function per state change (STYLE.md); each
checks CAMPAIGN_WORKFLOW, writes inside a transaction and records the action. Volunteer
applications are in applications.py."""

from django.db import transaction
from django.utils import timezone

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


def close_due_campaigns(now=None) -> int:
    """Run by celery beat every few minutes: each open campaign whose closes_at has passed is
    closed, in the action log as done by the system (by=None). Seed 002: recruitment "closes
    on 26 January 2018"; applications are refused from that minute whatever the status
    (applications.closed_problem), and this puts the status right. Returns how many closed."""
    now = now or timezone.now()
    due = RecruitmentCampaign.objects.filter(status=CampaignStatus.OPEN, closes_at__lte=now)
    return sum(_close_if_due(campaign_id, now) for campaign_id in due.values_list("pk", flat=True))


@transaction.atomic
def _close_if_due(campaign_id, now) -> bool:
    """Closed unless the team closed it (or moved its closing date) meanwhile, or another
    run holds it: each campaign is closed once, by whoever locks it first."""
    campaign = (
        RecruitmentCampaign.objects.select_for_update(skip_locked=True)
        .filter(pk=campaign_id, status=CampaignStatus.OPEN, closes_at__lte=now)
        .first()
    )
    if campaign is None:
        return False
    close_campaign(campaign, by=None)
    return True
