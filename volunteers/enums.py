from django.db import models

from kentplacements.workflow import Workflow


class CampaignStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    OPEN = "open", "Open for applications"
    CLOSED = "closed", "Closed"


_C = CampaignStatus
# Seed 002: "Recruitment has just started and closes on 26 January 2018". A closed
# campaign stays closed (DOMAIN.md: "closing is enforced"); recruiting again is a new campaign.
CAMPAIGN_WORKFLOW = Workflow({_C.DRAFT: {_C.OPEN}, _C.OPEN: {_C.CLOSED}, _C.CLOSED: set()})
