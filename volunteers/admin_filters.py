"""Filters the volunteers back office shares: a list by campaign, whether its rows belong
to the campaign (applications, interview times) or to one of its applications (fitness
tests, medical certificates)."""

from django.contrib import admin

from .models import RecruitmentCampaign


class CampaignFilter(admin.SimpleListFilter):
    """The campaigns by name, their roles read in the same query (a campaign is named by its role)."""

    title = "campaign"
    parameter_name = "campaign"
    field = "campaign"

    def lookups(self, request, model_admin):
        return [(campaign.pk, str(campaign)) for campaign in RecruitmentCampaign.objects.select_related("role")]

    def queryset(self, request, queryset):
        return queryset.filter(**{self.field: self.value()}) if self.value() else queryset


class ApplicationCampaignFilter(CampaignFilter):
    field = "application__campaign"
