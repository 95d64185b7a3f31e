"""Closing a campaign on time (issue 11; seed 002: recruitment "closes on 26 January 2018"):
applications are refused from the closing minute (closed_problem), and celery beat's task
closes the campaign once its closes_at has passed, logged as done by the system. Frozen
clock at the minute before and the minute itself, in winter and summer time."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from celery.schedules import crontab

from accounts.audit import describe
from accounts.models import ActionLog
from kentplacements.workflow import DomainError
from tests.factories import UserFactory
from volunteers.enums import CampaignStatus
from volunteers.services.applications import submit_application
from volunteers.services.campaigns import close_campaign, close_due_campaigns
from volunteers.tasks import close_due_campaigns as close_due_campaigns_task

from .factories import OpenCampaignFactory
from .test_applications import ANSWERS

pytestmark = pytest.mark.django_db
LONDON = ZoneInfo("Europe/London")


def london(*parts):
    return datetime(*parts, tzinfo=LONDON)


def status(campaign):
    campaign.refresh_from_db()
    return campaign.status


@pytest.mark.parametrize(
    ("closes_at", "minute_before"),
    [
        # the seed's last day, to its last minute
        (london(2018, 1, 26, 23, 59), london(2018, 1, 26, 23, 58, 59, 999999)),
        # the end of a day in summer time (23:00 UTC the evening before)
        (london(2018, 7, 1, 0, 0), london(2018, 6, 30, 23, 59, 59, 999999)),
    ],
    ids=["23:59 on 26 January 2018", "00:00 on 1 July 2018 (BST)"],
)
def test_the_task_closes_the_campaign_at_its_minute_not_before(time_machine, closes_at, minute_before):
    campaign = OpenCampaignFactory(opens_at=london(2018, 1, 9, 9, 0), closes_at=closes_at)

    time_machine.move_to(minute_before, tick=False)
    close_due_campaigns_task.delay()
    assert status(campaign) == CampaignStatus.OPEN
    submit_application(campaign, UserFactory(), {**ANSWERS})  # still taken

    time_machine.move_to(closes_at, tick=False)
    with pytest.raises(DomainError, match="closed at"):
        submit_application(campaign, UserFactory(), {**ANSWERS})  # refused from the minute itself
    close_due_campaigns_task.delay()
    assert status(campaign) == CampaignStatus.CLOSED
    entry = ActionLog.objects.get(action="close")
    assert (entry.actor, entry.from_state, entry.to_state, entry.created_at) == (None, "open", "closed", closes_at)
    [change] = describe([entry], UserFactory(is_superuser=True))
    assert (change.actor, change.verb, change.states) == (
        "Kent Placements (automatic)",
        "closed",
        "Open for applications → Closed",
    )


def test_only_open_campaigns_past_their_minute_close_and_each_once(time_machine, recruiter):
    time_machine.move_to(london(2018, 1, 27, 0, 5), tick=False)
    due = [OpenCampaignFactory(opens_at=london(2018, 1, 9), closes_at=london(2018, 1, 26, 23, 59)) for _ in range(2)]
    later = OpenCampaignFactory(opens_at=london(2018, 1, 9), closes_at=london(2018, 1, 27, 0, 6))
    draft = OpenCampaignFactory(
        status=CampaignStatus.DRAFT, opens_at=london(2018, 1, 9), closes_at=london(2018, 1, 26, 23, 59)
    )
    closed_by_the_team = close_campaign(
        OpenCampaignFactory(opens_at=london(2018, 1, 9), closes_at=london(2018, 1, 26, 23, 59)), by=recruiter
    )

    assert close_due_campaigns() == 2
    assert close_due_campaigns() == 0  # the next run finds nothing left to close
    assert [status(c) for c in due] == [CampaignStatus.CLOSED] * 2
    assert (status(later), status(draft)) == (CampaignStatus.OPEN, CampaignStatus.DRAFT)
    closing = ActionLog.objects.filter(action="close")
    assert closing.filter(actor=None).count() == 2
    assert closing.get(object_id=str(closed_by_the_team.pk)).actor == recruiter


def test_celery_beat_runs_the_task_every_five_minutes(settings):
    entry = settings.CELERY_BEAT_SCHEDULE["volunteer-campaigns-closing"]
    assert entry["task"] == close_due_campaigns_task.name == "volunteers.tasks.close_due_campaigns"
    assert entry["schedule"] == crontab(minute="*/5")
