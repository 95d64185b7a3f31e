"""The querysets volunteer pages read, each scoped to who may see it (STYLE.md)."""

from django.db.models import Count, Q
from django.utils import timezone

from .enums import CampaignStatus, VolunteerApplicationStatus
from .models import RecruitmentCampaign, VolunteerApplication


def public_campaigns():
    """Campaigns the public may read: open ones, and closed ones (their page says so)."""
    return RecruitmentCampaign.objects.filter(
        status__in=(CampaignStatus.OPEN, CampaignStatus.CLOSED), opens_at__lte=timezone.now()
    ).select_related("role")


def open_campaigns():
    """Taking applications now: open, and not past closes_at to the minute (issue 11)."""
    now = timezone.now()
    return public_campaigns().filter(status=CampaignStatus.OPEN, closes_at__gt=now).order_by("closes_at", "pk")


def applications_of(user):
    return VolunteerApplication.objects.filter(applicant=user).select_related("campaign__role", "interview_slot")


def free_slots(campaign):
    """The interview times a candidate may still book (issue 11): nobody's, and to come."""
    return campaign.interview_slots.filter(application__isnull=True, starts_at__gt=timezone.now())


def staff_slots(campaign):
    """Every interview time of the campaign, with who booked it (one query for any number)."""
    return campaign.interview_slots.select_related("application__applicant")


def team_campaigns():
    """Every campaign the team has opened."""
    return RecruitmentCampaign.objects.exclude(status=CampaignStatus.DRAFT).select_related("role")


def staff_campaigns():
    """Every campaign the team has opened, with its number of applications to shortlist."""
    return team_campaigns().annotate(
        to_shortlist=Count("applications", filter=Q(applications__status=VolunteerApplicationStatus.SUBMITTED))
    )


def staff_applications():
    return VolunteerApplication.objects.select_related("applicant", "campaign__role").order_by("submitted_at", "pk")
