from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from kentplacements.spreadsheets import SafeExportMixin

from ..models import CommunityPlacement, HostingOffer


@admin.register(HostingOffer)
class HostingOfferAdmin(SafeExportMixin, SimpleHistoryAdmin):
    list_display = ("partner", "placement_type", "places", "places_taken", "available_from", "available_until")
    list_filter = ("placement_type", "partner__status")
    list_select_related = ("partner",)
    search_fields = ("partner__name",)


@admin.register(CommunityPlacement)
class CommunityPlacementAdmin(SafeExportMixin, SimpleHistoryAdmin):
    list_display = ("officer", "partner", "placement_type", "starts_on", "ends_on", "status", "partner_response")
    list_filter = ("status", "placement_type", "partner_response", "officer__cohort")
    list_select_related = ("officer", "partner")
    search_fields = ("officer__full_name", "officer__staff_number", "partner__name")
    readonly_fields = ("status", "partner_response", "partner_response_reason", "cancel_reason", "confirmed_at")
