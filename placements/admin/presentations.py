from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from kentplacements.spreadsheets import SafeExportMixin

from ..models import PlacementFeedback, PlacementReflection, PresentationInvitation, PresentationSession


class PresentationInvitationInline(admin.TabularInline):
    model = PresentationInvitation
    fields = ("partner", "rsvp_status", "attendees", "attendee_names", "access_needs", "replied_at")
    readonly_fields = ("rsvp_status", "attendees", "attendee_names", "access_needs", "replied_at")
    extra = 0


@admin.register(PresentationSession)
class PresentationSessionAdmin(SafeExportMixin, SimpleHistoryAdmin):
    list_display = ("cohort", "placement_type", "date", "starts_at", "room", "capacity", "seats_taken")
    list_filter = ("placement_type", "cohort")
    list_select_related = ("cohort",)
    inlines = [PresentationInvitationInline]


@admin.register(PlacementReflection)
class PlacementReflectionAdmin(SimpleHistoryAdmin):
    list_display = ("placement", "submitted_at")
    list_select_related = ("placement__officer", "placement__partner")


@admin.register(PlacementFeedback)
class PlacementFeedbackAdmin(SafeExportMixin, SimpleHistoryAdmin):
    list_display = ("placement", "rating", "submitted_at")
    list_filter = ("rating",)
    list_select_related = ("placement__officer", "placement__partner")
