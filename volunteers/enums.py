from django.db import models


class CampaignStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    OPEN = "open", "Open for applications"
    CLOSED = "closed", "Closed"
