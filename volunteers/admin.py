from django.contrib import admin

from kentplacements.history_admin import SimpleHistoryAdmin
from kentplacements.spreadsheets import SafeExportMixin

from .models import RecruitmentCampaign, VolunteerRole


@admin.register(VolunteerRole)
class VolunteerRoleAdmin(SimpleHistoryAdmin):
    list_display = ("name", "minimum_age", "monthly_hours", "needs_fitness_test", "needs_medical_certificate")
    search_fields = ("name",)


@admin.register(RecruitmentCampaign)
class RecruitmentCampaignAdmin(SafeExportMixin, SimpleHistoryAdmin):
    list_display = ("role", "area", "opens_at", "closes_at", "status")
    list_filter = ("status", "role")
    list_select_related = ("role",)
    search_fields = ("area", "role__name")
