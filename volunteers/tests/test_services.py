"""Recruitment campaigns open and close only through their services (issue 8 §2): each
move is checked against CAMPAIGN_WORKFLOW and recorded in the action log."""

import pytest

from accounts.models import ActionLog
from kentplacements.workflow import TransitionNotAllowed
from volunteers.enums import CampaignStatus
from volunteers.services.campaigns import close_campaign, open_campaign

from .factories import CampaignFactory

pytestmark = pytest.mark.django_db
C = CampaignStatus


def test_a_campaign_opens_then_closes_and_each_move_is_logged(recruiter):
    campaign = open_campaign(CampaignFactory(), by=recruiter)
    assert campaign.status == C.OPEN
    campaign = close_campaign(campaign, by=recruiter)
    campaign.refresh_from_db()
    assert campaign.status == C.CLOSED
    moves = ActionLog.objects.filter(object_id=str(campaign.pk), content_type__model="recruitmentcampaign")
    assert sorted(moves.values_list("action", "from_state", "to_state", "actor")) == [
        ("close", C.OPEN, C.CLOSED, recruiter.pk),
        ("open", C.DRAFT, C.OPEN, recruiter.pk),
    ]


@pytest.mark.parametrize(
    ("status", "service"), [(C.DRAFT, close_campaign), (C.CLOSED, open_campaign), (C.OPEN, open_campaign)]
)
def test_a_move_the_lifecycle_does_not_allow_is_refused(recruiter, status, service):
    """Closing is enforced (DOMAIN.md): a closed campaign is not opened again."""
    campaign = CampaignFactory(status=status)
    with pytest.raises(TransitionNotAllowed):
        service(campaign, by=recruiter)
    campaign.refresh_from_db()
    assert campaign.status == status
    assert not ActionLog.objects.filter(content_type__model="recruitmentcampaign").exists()
