from django.contrib import admin

from kentplacements.admin_tools import ServiceOwnedFieldsMixin, run_on_each
from kentplacements.history_admin import SimpleHistoryAdmin
from kentplacements.spreadsheets import SafeExportMixin

from .exports import RecruitmentCampaignResource
from .models import RecruitmentCampaign, VolunteerRole
from .services import close_campaign, open_campaign


@admin.register(VolunteerRole)
class VolunteerRoleAdmin(ServiceOwnedFieldsMixin, SimpleHistoryAdmin):
    list_display = ("name", "minimum_age", "monthly_hours", "needs_fitness_test", "needs_medical_certificate")
    search_fields = ("name",)


@admin.register(RecruitmentCampaign)
class RecruitmentCampaignAdmin(ServiceOwnedFieldsMixin, SafeExportMixin, SimpleHistoryAdmin):
    list_display = ("role", "area", "opens_at", "closes_at", "status")
    resource_classes = [RecruitmentCampaignResource]
    list_filter = ("status", "role")
    list_select_related = ("role",)
    search_fields = ("area", "role__name")
    # The status changes only through the services (RecruitmentCampaign.SERVICE_OWNED_FIELDS).
    actions = ["open_selected", "close_selected"]

    @admin.action(description="Open for applications", permissions=["change"])
    def open_selected(self, request, queryset):
        run_on_each(self, request, queryset, lambda c: open_campaign(c, by=request.user), "opened")

    @admin.action(description="Close for applications", permissions=["change"])
    def close_selected(self, request, queryset):
        run_on_each(self, request, queryset, lambda c: close_campaign(c, by=request.user), "closed")
