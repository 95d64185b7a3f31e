from django.contrib import admin

from accounts.queues import QueueFilter
from kentplacements.admin_tools import ServiceOwnedFieldsMixin, run_on_each, run_with_form
from kentplacements.history_admin import SimpleHistoryAdmin
from kentplacements.spreadsheets import SafeExportMixin

from ..forms.allocation import AcceptForPartnerForm
from ..models import CommunityPlacement, HostingOffer
from ..services.partners import accept_for_partner
from ..services.placements import complete_placement, confirm_placement
from .exports import CommunityPlacementResource, HostingOfferResource


@admin.register(HostingOffer)
class HostingOfferAdmin(ServiceOwnedFieldsMixin, SafeExportMixin, SimpleHistoryAdmin):
    list_display = ("partner", "placement_type", "places", "places_taken", "available_from", "available_until")
    resource_classes = [HostingOfferResource]
    list_filter = ("placement_type", "partner__status")
    list_select_related = ("partner",)
    search_fields = ("partner__name",)

    def has_add_permission(self, request):
        return False  # partners offer places in their portal (offer_places checks they may host)


@admin.register(CommunityPlacement)
class CommunityPlacementAdmin(ServiceOwnedFieldsMixin, SafeExportMixin, SimpleHistoryAdmin):
    list_display = ("officer", "partner", "placement_type", "starts_on", "ends_on", "status", "partner_response")
    resource_classes = [CommunityPlacementResource]
    list_filter = (QueueFilter, "status", "placement_type", "partner_response", "officer__cohort")
    list_select_related = ("officer", "partner")
    search_fields = ("officer__full_name", "officer__staff_number", "partner__name")
    # Every change goes through the services (the review page or the actions below);
    # CommunityPlacement.SERVICE_OWNED_FIELDS makes the rest read-only.
    actions = ["confirm_selected", "accept_for_partner_selected", "complete_selected"]

    def has_add_permission(self, request):
        return False

    @admin.action(description="Confirm (takes a place; asks the partner to accept)", permissions=["change"])
    def confirm_selected(self, request, queryset):
        run_on_each(self, request, queryset, lambda p: confirm_placement(p, by=request.user), "confirmed")

    @admin.action(description="Accept for the partner (with how they agreed)…", permissions=["change"])
    def accept_for_partner_selected(self, request, queryset):
        # Issue 9 (seed 000 rules): the officer hears "confirmed" only once the partner has accepted.
        return run_with_form(
            self,
            request,
            queryset,
            form_class=AcceptForPartnerForm,
            service=lambda placement, reason: accept_for_partner(placement, by=request.user, reason=reason),
            done="accepted for the partner",
            title="Accept placements for the partner",
            explanation="These placements will be recorded as accepted by the partner, and each officer told:",
            submit_label="Record as accepted",
        )

    @admin.action(description="Mark completed (after the last day)", permissions=["change"])
    def complete_selected(self, request, queryset):
        run_on_each(self, request, queryset, lambda p: complete_placement(p, by=request.user), "completed")
