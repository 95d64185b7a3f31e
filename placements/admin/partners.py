from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from kentplacements.spreadsheets import SafeExportMixin

from ..models import PartnerContact, PartnerOrganisation


class PartnerContactInline(admin.TabularInline):
    model = PartnerContact
    fields = ("full_name", "email", "phone", "is_primary", "user", "invited_at", "joined_at")
    readonly_fields = ("user", "invited_at", "joined_at")
    extra = 0


@admin.register(PartnerOrganisation)
class PartnerOrganisationAdmin(SafeExportMixin, SimpleHistoryAdmin):
    list_display = ("name", "kind", "kica_member", "district", "status", "created_at")
    list_filter = ("status", "kind", "kica_member", "district", "communities")
    search_fields = ("name", "postcode", "registration_number", "contacts__email")
    readonly_fields = ("status", "status_reason", "created_at")
    filter_horizontal = ("communities",)
    inlines = [PartnerContactInline]
