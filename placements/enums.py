from django.db import models


class OrganisationKind(models.TextChoices):
    CHARITY = "charity", "Charity"
    COMPANY = "company", "Company"
    PUBLIC_BODY = "public_body", "Public body"
    COMMUNITY_GROUP = "community_group", "Community group"


class PartnerStatus(models.TextChoices):
    INTERESTED = "interested", "Interested"
    APPROVED = "approved", "Approved"
    ACTIVE = "active", "Active"
    DECLINED = "declined", "Declined"
    WITHDRAWN = "withdrawn", "Withdrawn"


class ProgrammeStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    OPEN = "open", "Open for applications"
    CLOSED = "closed", "Closed"
    RUNNING = "running", "Running"
    FINISHED = "finished", "Finished"
